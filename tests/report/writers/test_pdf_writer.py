"""The PDF writer (Typst): report text printed literally, header rows repeated across pages,
errors as messages, and the published seed report through `gongkai render --to pdf`."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongkai.cli import main
from gongkai.report.api import read_report
from gongkai.report.findings import Finding
from gongkai.report.model import TableBlock
from gongkai.report.readers.pdf import read
from gongkai.report.synth import generate_report
from gongkai.report.writers import pdf as writer
from gongkai.report.writers import render

from .conftest import DEMO, SHARED

pytestmark = pytest.mark.skipif(
    writer.font_file(writer.SERIF) is None, reason="Noto Serif CJK SC is not installed"
)

SEED = SHARED / "seed" / "000_a817628b4ef7e32e.txt"

# Typst markup, code, math and shorthands, each of which would do something if it were parsed
HOSTILE = [
    "#set page(width: 1cm) #let x = 1 #x",
    '*粗体* _斜体_ $x^2$ @引用 <标签> ] [ \\ " `代码` // 注释 /* 注释 */',
    "= 不是标题",
    "- 不是列表",
    "+ 不是编号",
    "/ 术语: 不是定义",
    '#{ panic("注入") }',
    "-- --- ... ~ 'a' \"b\" \\u{41} https://example.org/a_b*c",
    "``` 三个反引号 ```",
]


def _page_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_report_text_is_printed_literally_never_as_typst_markup():
    report = generate_report(3, version="2021")
    first = next(iter(report.sections.values()))
    first.text = "\n".join([*HOSTILE, "控制\x00字\x07符\x1b", first.text])
    message = '#panic() *粗* $y$ [z] "引号" \\'
    data = render(report, "pdf", [Finding("T3.balance", message)])

    pages = _page_texts(data)
    printed = _squash("".join(pages))
    for line in [*HOSTILE, message]:
        assert _squash(line) in printed, line
    assert "控制字符" in printed and "\x00" not in printed  # control characters dropped, text kept
    box = pdfium.PdfDocument(data)[0].get_size()
    assert (round(box[0] * 25.4 / 72), round(box[1] * 25.4 / 72)) == (210, 297)  # no `#set page`
    # and the reader still finds every section and table
    again = read_report(data, "report.pdf")
    assert again.tables_json() == report.tables_json()
    assert _squash(again.sections[next(iter(report.sections))].text) == _squash(
        first.text.replace("\x00", "").replace("\x07", "").replace("\x1b", "")
    )


def test_no_warning_block_without_error_findings(demo):
    warning = Finding("X.heading", "标题不规范")  # a warning, not an error
    assert warning.severity != "error"
    first = _page_texts(render(demo, "pdf", [warning]))[0]
    assert "处错误" not in first and "X.heading" not in first


def _three_rows(table: TableBlock) -> list[str]:
    return [_squash("".join(c.text for c in row)) for row in table.rows]


def _breaking_report():
    """A report whose table 三 starts low enough on a page to continue on the next one."""
    for lines in range(0, 30, 2):
        report = generate_report(11, version="2021")
        three = report.sections[report.format.sections[2].code]
        three.text = "\n".join([three.text] + ["本机关严格按照规定时限答复申请人，做到应答尽答。"] * lines)
        data = render(report, "pdf")
        fmt = report.format.three
        first, last = _squash(fmt.rows[0].label), _squash(fmt.rows[-1].label)
        doc = read(data)
        pages = {}
        for block in doc.blocks:
            if isinstance(block, TableBlock):
                rows = _three_rows(block)
                if any(first in r for r in rows) or any(last in r for r in rows):
                    pages[block.source.page] = block
        if len(pages) == 2:
            return report, data, pages
    raise AssertionError("no padding made table 三 break across pages")


def test_table_three_header_rows_repeat_on_the_next_page():
    report, data, pages = _breaking_report()
    fmt = report.format.three
    start, cont = (pages[p] for p in sorted(pages))
    labels = [fmt.header, fmt.legal_person_group, *(c.label for c in fmt.columns)]
    for table in (start, cont):
        head = "".join(_three_rows(table)[:3])
        for label in labels:
            assert _squash(label) in head, (label, head)
    assert any(_squash(fmt.rows[-1].label) in r for r in _three_rows(cont))
    # and the repeated header is read back as one table with the same numbers
    assert read_report(data, "report.pdf").tables_json() == report.tables_json()


def test_a_typst_error_is_a_message_not_a_traceback(monkeypatch, tmp_path, capsys, demo):
    monkeypatch.setattr(writer, "template", lambda: b"#let x = (")
    with pytest.raises(writer.PdfError, match="PDF排版失败"):
        render(demo, "pdf")
    assert main(["render", str(DEMO), "--to", "pdf", "-o", str(tmp_path / "demo.pdf")]) == 2
    err = capsys.readouterr().err
    assert "[O.render]" in err and "PDF排版失败" in err and "Traceback" not in err
    assert not (tmp_path / "demo.pdf").exists()


def test_a_font_typst_cannot_load_refuses_the_pdf(monkeypatch, tmp_path, demo):
    import typst

    no_fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(tmp_path)]
    )
    monkeypatch.setattr(
        writer._engine, "compiler", typst.Compiler(font_paths=no_fonts, ignore_system_fonts=True)
    )
    with pytest.raises(writer.FontMissing, match="中文字体"):
        render(demo, "pdf")


def test_rendering_from_several_threads_gives_the_same_document(demo):
    reports = [demo, generate_report(5, version="2019")] * 3
    with ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(lambda r: render(r, "pdf"), reports))
    assert [_page_texts(o) for o in outputs[:2]] * 3 == [_page_texts(o) for o in outputs]


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
def test_published_seed_report_re_renders_as_pdf_with_the_same_tables(tmp_path):
    original = read_report(SEED.read_bytes(), SEED.name)
    out = tmp_path / "seed.pdf"
    assert main(["render", str(SEED), "--to", "pdf", "-o", str(out)]) == 0
    again = read_report(out.read_bytes(), out.name)
    assert again.tables_json() == original.tables_json()
    assert len(again.three.cells) == 175
    assert _squash(again.title or "") == _squash(original.title or "")
    assert {c: _squash(s.text) for c, s in again.sections.items()} == {
        c: _squash(s.text) for c, s in original.sections.items()
    }
    assert Path(out).read_bytes().startswith(b"%PDF-")
