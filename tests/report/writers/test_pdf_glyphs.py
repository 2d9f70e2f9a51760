"""Characters the embedded Noto CJK faces have no glyph for (emoji, CJK Extension B) print as empty
boxes and drop out of the text layer: the PDF writer names them (`O.glyph_missing`) and where they
are, and `gongkai render --to pdf` prints that on stderr."""

from __future__ import annotations

import copy
import logging

import pypdfium2 as pdfium
import pytest

from gongkai.cli import main
from gongkai.report.findings import CHECKS, Severity
from gongkai.report.writers import pdf as writer
from gongkai.report.writers import render_checked
from gongkai.report.writers.typst_source import report_data

from .conftest import DEMO

pytestmark = pytest.mark.skipif(
    writer.font_file(writer.SERIF) is None, reason="Noto Serif CJK SC is not installed"
)

EXT_B = "𠀀𪚥"  # U+20000, U+2A6A5: CJK Unified Ideographs Extension B
EMOJI = "😀"
# invisible format characters and a variation selector: no glyph expected, nothing to report
INVISIBLE = "\u200b\u200d\ufe0f\ufeff\u2060"


def _with(demo, code: str, text: str):
    report = copy.deepcopy(demo)
    report.sections[code].text += "\n" + text
    return report


def test_the_registry_has_the_code_as_a_warning():
    assert CHECKS["O.glyph_missing"].severity == Severity.WARNING


def test_a_report_in_common_characters_has_no_finding(demo):
    _, notes = render_checked(demo, "pdf")
    assert notes == []


def test_characters_without_a_glyph_are_named_with_their_section(demo):
    code = demo.format.sections[1].code
    report = _with(
        demo, code, f"本机关收到关于“{EXT_B[0]}”字和“{EXT_B[1]}”字的申请{EMOJI}，{INVISIBLE}均已答复。"
    )
    data, notes = render_checked(report, "pdf")
    (note,) = notes
    heading = demo.format.sections[1].heading
    assert note.check == "O.glyph_missing" and note.severity == Severity.WARNING
    assert note.location == {"section": code, "heading": heading}
    assert note.values["chars"] == [EXT_B[0], EXT_B[1], EMOJI]
    assert note.values["codepoints"] == ["U+20000", "U+2A6A5", "U+1F600"]
    assert heading in note.message and "“𠀀”（U+20000）" in note.message and "空框" in note.message
    # which is why: the characters are not in the PDF's text layer
    doc = pdfium.PdfDocument(data)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "字和" in text and not set(EXT_B + EMOJI) & set(text)


def test_the_title_the_table_and_the_sign_off_are_located_too(demo):
    report = copy.deepcopy(demo)
    report.agency = f"示例市{EXT_B[0]}区文化和旅游局"
    serif, sans, _ = writer.fonts()
    data = report_data(report, [], serif=serif, sans=sans)
    three = next(s for s in data["sections"] if s["table"] and len(s["table"]["rows"]) > 20)
    three["table"]["rows"][-1][0]["t"] += EMOJI
    notes = writer.glyph_findings(data, report)
    assert [n.location for n in notes] == [
        {"part": "title"},
        {"section": "applications", "heading": report.format.sections[2].heading, "table": "三"},
        {"part": "signoff"},
    ]
    assert [n.values["chars"] for n in notes] == [[EXT_B[0]], [EMOJI], [EXT_B[0]]]
    assert notes[1].message.startswith(f"“{report.format.sections[2].heading}”表三中的“{EMOJI}”")


def test_coverage_is_read_once_per_face():
    writer.coverage(writer.SERIF)
    before = writer.coverage.cache_info().hits
    assert writer.missing_glyphs(f"政府{EXT_B}信息") == list(EXT_B)
    assert writer.coverage.cache_info().hits == before + 1
    assert "政" in writer.coverage(writer.SERIF) and EMOJI not in writer.coverage(writer.SANS)


def test_write_logs_the_warning(demo, caplog):
    code = demo.format.sections[0].code
    with caplog.at_level(logging.WARNING, logger=writer.__name__):
        writer.write(_with(demo, code, f"表情{EMOJI}"))
    (record,) = caplog.records
    assert record.getMessage().startswith("[O.glyph_missing] ") and "U+1F600" in record.getMessage()


def test_render_cli_warns_on_stderr_and_still_writes_the_pdf(tmp_path, capsys):
    source = tmp_path / "r.yaml"
    text = DEMO.read_text("utf-8").replace("全年制发行政规范性文件2件", f"全年制发行政规范性文件2件{EXT_B}")
    source.write_text(text, "utf-8")
    out = tmp_path / "r.pdf"
    assert main(["render", str(source), "--to", "pdf", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    (line,) = [line for line in err.splitlines() if "O.glyph_missing" in line]
    assert line.startswith("[O.glyph_missing] ") and "二、主动公开政府信息情况" in line
    assert "“𠀀”（U+20000）、“𪚥”（U+2A6A5）" in line
    assert out.read_bytes().startswith(b"%PDF-") and f"已生成 {out}" in err
