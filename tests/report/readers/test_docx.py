"""The DOCX reader: document order, merged cells on the grid, text boxes, and bad files as findings."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from gongkai.report.formats import FORMAT_2021
from gongkai.report.model import TableBlock, TextBlock
from gongkai.report.normalize import label_key
from gongkai.report.readers.docx import read

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
TEMPLATE = SHARED / "format" / "national-format-2021-blank.docx"
needs_template = pytest.mark.skipif(not TEMPLATE.exists(), reason="../shared/format is not beside the repo")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def tables(doc) -> list[TableBlock]:
    return [b for b in doc.blocks if isinstance(b, TableBlock)]


def texts(table: TableBlock) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def sample_docx() -> bytes:
    """A small report-like DOCX: heading, narrative, a table with merged cells, closing paragraph."""
    d = docx.Document()
    d.add_paragraph(FORMAT_2021.sections[0].heading)
    d.add_paragraph("")  # empty paragraphs give no block
    d.add_paragraph("本年度共收到申请21件。")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 3)).text = FORMAT_2021.two.blocks[0].caption
    t.cell(1, 0).merge(t.cell(2, 0)).text = "合并\n标签"
    t.cell(1, 1).text = "本年制发件数"
    t.cell(1, 2).merge(t.cell(2, 3)).text = "块"
    t.cell(2, 1).text = "7"
    d.add_paragraph(FORMAT_2021.sections[-1].heading)
    return to_bytes(d)


def test_body_read_in_document_order_with_paragraph_numbers():
    doc = read(sample_docx(), path="a.docx")
    assert doc.findings == []
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["TextBlock", "TextBlock", "TableBlock", "TextBlock"]
    assert doc.blocks[0].text == FORMAT_2021.sections[0].heading
    assert [b.source.line for b in doc.blocks] == [1, 2, 3, 4]
    assert doc.blocks[3].text == FORMAT_2021.sections[-1].heading


def test_merged_cells_appear_once_at_their_first_row_and_column():
    (table,) = tables(read(sample_docx()))
    assert texts(table) == [
        [FORMAT_2021.two.blocks[0].caption, "", "", ""],
        ["合并\n标签", "本年制发件数", "块", ""],
        ["", "7", "", ""],
    ]
    assert table.rows[2][1].source.cell == "表格1 第3行第2列"
    assert table.source.cell == "表格1"


def test_blank_national_template_gives_all_labels_and_empty_values():
    if not TEMPLATE.exists():
        pytest.skip("../shared/format is not beside the repo")
    doc = read(TEMPLATE.read_bytes(), path=TEMPLATE.name)
    assert doc.findings == []
    two, three, four = tables(doc)
    keys = {label_key(c.text) for row in three.rows for c in row}
    for row in FORMAT_2021.three.data_rows():
        assert label_key(row.label) in keys, row.label
    for column in FORMAT_2021.three.columns:
        assert label_key(column.label) in keys, column.label
    # every row of table 三 below the header: its 7 value cells exist and are empty
    data = [
        row
        for row in three.rows
        if any(label_key(r.label) in {label_key(c.text) for c in row} for r in FORMAT_2021.three.data_rows())
    ]
    assert len(data) == len(list(FORMAT_2021.three.data_rows()))
    assert all(len(row) == 10 and all(c.text == "" for c in row[-7:]) for row in data)
    assert len(four.rows[-1]) == 15 and all(c.text == "" for c in four.rows[-1])
    assert label_key(FORMAT_2021.two.blocks[0].caption) == label_key(two.rows[0][0].text)
    headings = [b.text for b in doc.blocks if isinstance(b, TextBlock)]
    for section in FORMAT_2021.sections:
        assert section.heading in headings


@needs_template
def test_filled_template_puts_numbers_next_to_their_labels():
    d = docx.Document(str(TEMPLATE))
    received = FORMAT_2021.three.row("received")
    table = d.tables[1]
    for row in table.rows:
        if label_key(row.cells[0].text) == label_key(received.label):
            row.cells[-1].text = "3119"
            row.cells[3].text = "3001"
    (_, three, _) = tables(read(to_bytes(d)))
    row = next(r for r in three.rows if label_key(r[0].text) == label_key(received.label))
    assert row[3].text == "3001" and row[-1].text == "3119"
    assert [c.text for c in row[4:-1]] == [""] * 5


def test_nested_table_is_flattened_into_its_cell():
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层甲"
    inner.cell(0, 1).text = "内层乙"
    (table,) = tables(read(to_bytes(d)))
    assert table.rows[0][0].text == "外层"
    assert "内层甲" in table.rows[0][1].text and "内层乙" in table.rows[0][1].text


def test_text_box_read_once_not_twice():
    d = docx.Document()
    p = d.add_paragraph("正文段落")
    box = (
        f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    p._p.append(etree.fromstring(box))
    doc = read(to_bytes(d))
    assert [b.text for b in doc.blocks] == ["正文段落", "文本框内容"]


def test_vertical_merge_by_xml_continue_and_grid_before():
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "纵向"
    t.cell(0, 1).text = "a"
    t.cell(1, 1).text = "b"
    (table,) = tables(read(to_bytes(d)))
    assert texts(table) == [["纵向", "a", ""], ["", "b", ""]]


# ---------------------------------------------------------------- bad input


def rebuild(data: bytes, drop: str | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename == drop:
                continue
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "R.empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "R.unsupported"),
        (b"PK\x03\x04 not really a zip", "R.unreadable"),
        (b"plain text, not a zip at all", "R.unreadable"),
    ],
)
def test_unreadable_input_is_a_finding(data, code):
    doc = read(data, path="x.docx")
    assert [f.check for f in doc.findings] == [code]
    assert doc.blocks == []
    assert doc.findings[0].location == {"path": "x.docx"}


def test_old_word_file_suggests_saving_as_docx():
    (finding,) = read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600).findings
    assert "DOCX" in finding.message and "另存为" in finding.message


def test_truncated_docx_is_unreadable():
    data = sample_docx()
    doc = read(data[: len(data) // 2])
    assert [f.check for f in doc.findings] == ["R.unreadable"]


def test_zip_without_a_word_document_is_unsupported():
    data = rebuild(sample_docx(), drop="word/document.xml")
    assert [f.check for f in read(data).findings] == ["R.unsupported"]


def test_broken_xml_is_read_as_far_as_possible():
    xml = zipfile.ZipFile(io.BytesIO(sample_docx())).read("word/document.xml")
    cut = xml[: xml.index(b"<w:tbl>")] + b"<w:p><w:r><w:t>unclosed"
    doc = read(rebuild(sample_docx(), replace={"word/document.xml": cut}))
    assert [(f.check, str(f.severity)) for f in doc.findings] == [("R.unreadable", "warning")]
    assert doc.blocks[0].text == FORMAT_2021.sections[0].heading


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>前&x;后</w:t></w:r></w:p></w:body></w:document>'
    ).encode()
    doc = read(rebuild(sample_docx(), replace={"word/document.xml": xml}))
    assert all("机密" not in getattr(b, "text", "") for b in doc.blocks)


def test_document_without_text_is_empty():
    assert [f.check for f in read(to_bytes(docx.Document())).findings] == ["R.empty"]
