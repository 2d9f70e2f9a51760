"""TXT reader: the seed's tab layout, one row per line, flattened rows, encodings, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.formats import FORMAT_2021
from gongkai.report.model import TableBlock, TextBlock
from gongkai.report.normalize import label_key
from gongkai.report.readers import txt

HERE = Path(__file__).resolve()
SHARED = HERE.parents[3] / ".." / "shared"
SEED = SHARED / "seed" / "000_a817628b4ef7e32e.txt"
FIXTURES = HERE.parent / "fixtures"


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, TextBlock)]


def _tables(doc) -> list[TableBlock]:
    return [b for b in doc.blocks if isinstance(b, TableBlock)]


def _grid(table: TableBlock) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


# ---------------------------------------------------------------- the seed (DOMAIN §11)


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"shared seed not available at {SEED}")
    return txt.read(SEED.read_bytes(), path=SEED.name)


def test_seed_reads_without_findings(seed):
    assert seed.findings == [] and seed.kind == "txt"


def test_seed_has_its_three_tables(seed):
    assert len(_tables(seed)) == 3


def test_seed_table_three_has_175_values_with_nbsp_kept_raw(seed):
    three = _tables(seed)[1]
    values = [c for row in three.rows for c in row if "\u00a0" in c.text]
    assert len(values) == 175
    assert {c.text for c in values} == {"\u00a00", "0\u00a0"}
    data_labels = {label_key(r.label) for r in FORMAT_2021.three.data_rows()}
    assert sum(1 for row in three.rows for c in row if label_key(c.text) in data_labels) == 25


def test_seed_broken_labels_are_joined(seed):
    _, three, four = _tables(seed)
    assert ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""] in _grid(three)
    assert _grid(four)[1][:4] == ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    assert len(_grid(four)[-1]) == 15


def test_seed_headings_are_text_blocks_with_indentation_stripped(seed):
    texts = _texts(seed)
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",  # printed with leading spaces
        "存在的主要问题及改进情况",  # printed without 五、
        "六、其他需要报告的事项",
    ):
        assert heading in texts
    assert texts[:2] == ["硚口区融媒体中心2022年政府", "信息公开工作年度报告"]


def test_seed_sources_are_line_numbers(seed):
    first = next(b for b in seed.blocks if isinstance(b, TextBlock))
    assert first.source.line == 1
    three = _tables(seed)[1]
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for row in three.rows:
        for cell in row:
            if cell.text and "\u00a0" in cell.text:
                assert lines[cell.source.line - 1] == "\t" + cell.text


# ---------------------------------------------------------------- hand-made layouts


def test_tab_layout_empty_cells_and_continuations():
    text = "二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\t本年制发\n件数\n\t\n\n\t规章\n\t\u00a05\n\t0\n\n尾注。\n"
    doc = txt.read(text.encode())
    (table,) = _tables(doc)
    assert _grid(table) == [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", ""],
        ["规章", "\u00a05", "0"],
    ]
    assert _texts(doc) == ["二、主动公开政府信息情况", "尾注。"]


def test_tab_indented_paragraphs_are_text_not_a_table():
    text = "\t一、总体情况\n\n\t2022年，我局认真贯彻落实条例，全面推进政务公开，主动公开信息120条，依申请公开工作规范有序开展。\n\n"
    doc = txt.read(text.encode())
    assert _tables(doc) == []
    assert _texts(doc)[0] == "一、总体情况"


def test_number_cell_is_not_continued_by_the_next_line():
    doc = txt.read("\t规章\n\t0\n\t0\n五、存在的主要问题及改进情况\n".encode())
    assert _grid(_tables(doc)[0]) == [["规章", "0", "0"]]
    assert "五、存在的主要问题及改进情况" in _texts(doc)


@pytest.fixture(scope="module")
def rows_doc():
    return txt.read((FIXTURES / "row_layout.txt").read_bytes(), path="row_layout.txt")


def test_markdown_table_rows(rows_doc):
    first = _grid(_tables(rows_doc)[0])
    assert first[0] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert first[2] == ["行政规范性文件", "2", "—", "7"]


def test_tab_double_space_and_single_space_rows(rows_doc):
    three = _grid(_tables(rows_doc)[1])
    assert three[0] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    assert three[1] == ["一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "1", "4"]
    assert three[2] == ["二、上年结转政府信息公开申请数量", *["0"] * 7]
    assert three[3] == ["三、本年度办理结果"]  # a label-only line between rows stays in the table
    assert three[4] == ["（一）予以公开", "2", "0", "0", "0", "0", "1", "3"]


def test_label_broken_inside_brackets_is_joined(rows_doc):
    three = _grid(_tables(rows_doc)[1])
    assert three[5][0] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert three[5][1:] == ["1", "0", "0", "0", "0", "0", "1"]


def test_flattened_row_keeps_its_digit_run_as_one_cell(rows_doc):
    three = _grid(_tables(rows_doc)[1])
    assert three[-1] == ["四、结转下年度继续办理", "425000047"]


def test_narrative_with_numbers_headings_and_page_marks_stay_text(rows_doc):
    texts = _texts(rows_doc)
    assert "2022年，我局全年共主动公开信息 120 条，比上年增加 12 条。" in texts
    assert "四、政府信息公开行政复议、行政诉讼情况" in texts  # a heading is never absorbed into a table
    assert "第二十条第（一）项" in texts
    assert "- 3 -" in texts
    assert all(
        label_key(t) not in ("- 3 -",)
        for table in _tables(rows_doc)
        for row in table.rows
        for t in [row[0].text]
    )


def test_glued_rows_on_one_line_stay_text_for_recovery():
    line = "1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
    assert _texts(txt.read(line.encode())) == [line]


# ---------------------------------------------------------------- encodings and bad input

SAMPLE = "一、总体情况\n本年度共收到申请5件。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings(encoding):
    doc = txt.read(SAMPLE.encode(encoding))
    assert _texts(doc) == ["一、总体情况", "本年度共收到申请5件。"]
    assert doc.findings == []


def test_crlf_and_cr_line_ends():
    doc = txt.read(b"\xe4\xb8\x80\r\n\r\n\tA\r\n\t1\r\n\r\n")
    assert _texts(doc) == ["一"]
    assert _grid(_tables(doc)[0]) == [["A", "1"]]


def test_undecodable_bytes_are_reported_and_reading_goes_on():
    data = (
        "一、总体情况\n".encode("gb18030") + b"\x81\x20\xff\x80" + "本年度共收到申请5件。\n".encode("gb18030")
    )
    doc = txt.read(data)
    assert [f.check for f in doc.findings] == ["R.encoding"]
    assert "一、总体情况" in _texts(doc)


@pytest.mark.parametrize(
    ("data", "check"),
    [
        (b"", "R.empty"),
        (b"\n\n \t \n", "R.empty"),
        (b"PK\x03\x04" + bytes(100), "R.unreadable"),
        (bytes(range(256)) * 100, "R.unreadable"),
        (b"x" * (21 * 1024 * 1024), "R.unreadable"),
    ],
)
def test_unreadable_input_gives_one_finding(data, check):
    doc = txt.read(data, path="bad.txt")
    assert [f.check for f in doc.findings] == [check]
    assert doc.findings[0].location == {"file": "bad.txt"}
    assert doc.blocks == []
