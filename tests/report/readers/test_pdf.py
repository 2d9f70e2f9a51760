"""The PDF reader: text lines, ruled tables (merged cells, vertical headers, page breaks), and
files without text or not PDF at all. The test PDFs are typeset by Typst from markup written here."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest

from gongkai.report.formats import FORMAT_2021
from gongkai.report.model import TableBlock, TextBlock
from gongkai.report.normalize import label_key
from gongkai.report.readers.pdf import read
from gongkai.report.writers.pdf import SERIF, compile_pdf, font_file, fonts

HAS_FONT = font_file(SERIF) is not None
needs_font = pytest.mark.skipif(not HAS_FONT, reason="fonts-noto-cjk is not installed")

# Test PDFs of given shapes, typeset by Typst through the PDF writer's compiler (`compile_pdf`):
# hand-written markup below, every text from `d` (sys.inputs, JSON), so labels are never markup.
# A5, 15 mm margins, 10 pt Noto Serif CJK, tables ruled 0.75 pt with 2 pt padding.
PREAMBLE = """#let d = json(bytes(sys.inputs.data))
#set text(font: d.font, fallback: false, size: 10pt, lang: "zh", region: "cn")
#set page(paper: "a5", margin: 15mm)
#set par(spacing: 1em)
#set table(stroke: 0.75pt + black, inset: 2pt)
"""


def typst_pdf(body: str, **data: object) -> bytes:
    serif, _, _ = fonts()
    return compile_pdf((PREAMBLE + body).encode(), {"font": serif, **data})


def tables(doc) -> list[TableBlock]:
    return [b for b in doc.blocks if isinstance(b, TableBlock)]


def lines(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, TextBlock)]


def texts(table: TableBlock) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


RESULTS = FORMAT_2021.three.rows[2]  # the label-only parent 三、本年度办理结果


@cache
def merged_pdf() -> bytes:
    """Table 三's corner: a vertical parent label (one character per line) and spanned headers."""
    granted, partial = FORMAT_2021.three.row("granted"), FORMAT_2021.three.row("partial")
    return typst_pdf(
        """#par(d.heading)
        #table(
          columns: (1.6em + 4pt, 2fr, 1fr),
          table.cell(colspan: 2, d.applicant), d.total,
          table.cell(rowspan: 2, d.results), d.granted, "12",
          d.partial, "3",
        )
        #par(d.after)""",
        heading=FORMAT_2021.sections[2].heading,
        applicant="申请人情况",
        total=FORMAT_2021.three.column("total").label,
        results=RESULTS.label,
        granted=granted.label,
        partial=partial.label,
        after="表后的文字。",
    )


@cache
def split_pdf() -> bytes:
    """A table too long for one A5 page, with a repeated header row."""
    return typst_pdf(
        """#par(d.before)
        #table(columns: (1fr, 1fr, 1fr), table.header(..d.head), ..d.rows.flatten())
        #par(d.after)""",
        before=FORMAT_2021.sections[1].heading,
        head=["信息内容", "本年制发件数", "现行有效件数"],
        rows=[[f"第{i}项", str(i), str(i * 10)] for i in range(1, 61)],
        after=FORMAT_2021.sections[2].heading,
    )


@needs_font
def test_merged_cells_and_vertical_header_joined():
    doc = read(merged_pdf(), path="m.pdf")
    assert doc.findings == []
    (table,) = tables(doc)
    assert texts(table) == [
        ["申请人情况", "", FORMAT_2021.three.column("total").label],
        [RESULTS.label, FORMAT_2021.three.row("granted").label, "12"],
        ["", FORMAT_2021.three.row("partial").label, "3"],
    ]
    assert table.rows[1][2].source.page == 1 and table.rows[1][2].source.cell == "表格1 第2行第3列"


@needs_font
def test_text_inside_a_table_is_not_also_narrative():
    doc = read(merged_pdf())
    assert lines(doc) == [FORMAT_2021.sections[2].heading, "表后的文字。"]
    assert isinstance(doc.blocks[1], TableBlock)  # between the two lines, in page order
    assert [b.source.line for b in doc.blocks if isinstance(b, TextBlock)] == [1, 2]


@needs_font
def test_table_across_pages_gives_one_fragment_per_page_with_repeated_header():
    doc = read(split_pdf())
    fragments = tables(doc)
    pages = [t.source.page for t in fragments]
    assert len(pages) >= 2 and pages == list(range(1, len(pages) + 1))
    header = ["信息内容", "本年制发件数", "现行有效件数"]
    assert all(texts(t)[0] == header for t in fragments)
    body = [row for t in fragments for row in texts(t)[1:]]
    assert body == [[f"第{i}项", str(i), str(i * 10)] for i in range(1, 61)]
    assert lines(doc) == [FORMAT_2021.sections[1].heading, FORMAT_2021.sections[2].heading]
    assert fragments[1].rows[1][0].source.cell.startswith("表格2 ")


@needs_font
def test_page_with_text_and_image_counts_images():
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (60, 40), "gray").save(png, "PNG")
    doc = read(
        typst_pdf(
            "#par(d.heading)\n#image(bytes(d.png), width: 60pt)",
            heading=FORMAT_2021.sections[3].heading,
            png=list(png.getvalue()),
        )
    )
    assert doc.findings == []
    assert doc.meta["images_per_page"] == [1]
    assert lines(doc) == [FORMAT_2021.sections[3].heading]


def test_scanned_pdf_has_no_text_layer():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (400, 560), "white").save(
        out, "PDF", save_all=True, append_images=[Image.new("RGB", (400, 560))]
    )
    doc = read(out.getvalue(), path="scan.pdf")
    assert [f.check for f in doc.findings] == ["R.no_text_layer"]
    assert doc.findings[0].values == {"pages": 2, "images": 2}
    assert doc.meta["images_per_page"] == [1, 1] and doc.meta["pages_without_text"] == [1, 2]
    assert doc.blocks == []


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "R.empty"),
        (b"   \n", "R.empty"),
        (b"%PDF-1.7\n garbage garbage", "R.unreadable"),
        (bytes(range(256)) * 40, "R.unreadable"),
    ],
)
def test_not_a_pdf_is_a_finding(data, code):
    doc = read(data, path="x.pdf")
    assert [f.check for f in doc.findings] == [code]
    assert doc.findings[0].location == {"path": "x.pdf"}


def encrypted(data: bytes, user_password: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@needs_font
def test_encrypted_pdf_with_empty_password_is_read():
    doc = read(encrypted(merged_pdf(), ""))
    assert doc.findings == []
    assert texts(tables(doc)[0])[1][2] == "12"


@needs_font
def test_encrypted_pdf_needing_a_password_is_unreadable():
    (finding,) = read(encrypted(merged_pdf(), "secret")).findings
    assert finding.check == "R.unreadable" and "密码" in finding.message


@needs_font
def test_truncated_pdf_never_raises():
    data = split_pdf()
    for cut in (100, len(data) // 3, len(data) - 50):
        doc = read(data[:cut])
        assert doc.blocks or doc.findings


# ---------------------------------------------------------------- real published reports

REAL = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "real"
T3 = FORMAT_2021.three
T3_ROWS = ("received", "carried_in", "total", "carried_out")

# ../shared/fixtures/README.md: table 三 总计 column for rows 一 / 二 / （七） / 四, and table 四's row
PUBLISHED = {
    "hongze-2023.pdf": ((21, 0, 21, 0), (10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)),
    "hongze-2024.pdf": ((95, 0, 95, 0), None),
    "huaian-2024.pdf": ((3119, 34, 3050, 103), (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)),
}


def real(name: str):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared/fixtures is not beside the repo")
    return read(path.read_bytes(), path=name)


def table_rows(doc) -> list[list[str]]:
    return [[c.text for c in row] for t in tables(doc) for row in t.rows]


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_real_report_table_three_totals_next_to_their_labels(name):
    doc = real(name)
    assert doc.findings == []
    rows = table_rows(doc)
    for code, expected in zip(T3_ROWS, PUBLISHED[name][0], strict=True):
        key = label_key(T3.row(code).label)
        (row,) = [r for r in rows if key in {label_key(c) for c in r}]
        assert row[-1] == str(expected), (code, row)
        assert len(row) == 10  # 3 label columns + 7 value columns


@pytest.mark.parametrize("name", [n for n, (_, four) in PUBLISHED.items() if four])
def test_real_report_table_four_values(name):
    doc = real(name)
    four = tables(doc)[-1]
    assert label_key(four.rows[0][0].text) == label_key(FORMAT_2021.four.groups[0].label)
    assert tuple(int(c.text) for c in four.rows[-1]) == PUBLISHED[name][1]


def test_real_report_vertical_parent_label_and_sections():
    doc = real("hongze-2023.pdf")
    rows = table_rows(doc)
    assert any(r[0] == RESULTS.label for r in rows)
    text = lines(doc)
    for section in FORMAT_2021.sections:
        assert section.heading in text
    assert doc.meta["images_per_page"] == [0] * 5
    # narrative never repeats table text
    assert not any(label_key(T3.row("received").label) in label_key(t) for t in text)


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_real_report_table_three_rows_all_found(name):
    rows = table_rows(real(name))
    keys = {label_key(c) for r in rows for c in r}
    missing = [r.code for r in T3.data_rows() if label_key(r.label) not in keys]
    # hongze prints the 2019 （六） row and a shortened 2.其他法律行政止公开; huaian uses 、 after digits
    assert len(missing) <= 4, missing
