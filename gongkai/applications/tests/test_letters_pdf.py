"""The letters' PDF (Typst, `templates/applications/letter.typ`): the official-letter layout, text
printed literally, and a logged warning for characters the embedded face cannot show."""

from __future__ import annotations

import io
import logging
from datetime import date

import pdfplumber
import pytest

from gongkai.applications import letters
from gongkai.report.writers import pdf as writer

pytestmark = pytest.mark.skipif(
    writer.font_file(writer.SERIF) is None, reason="Noto Serif CJK SC is not installed"
)

MM = 72 / 25.4


def _letter(body: str, agency: str = "示范区融媒体中心") -> letters.Letter:
    return letters.Letter(title="政府信息公开申请答复书", body=body, agency_name=agency,
                          dated=date(2026, 3, 16), case_number="SFQ-2026-0007")  # fmt: skip


def _lines(data: bytes) -> list[tuple[str, float, float]]:
    """(text, x0, x1) of each printed line of page 1, top to bottom."""
    with pdfplumber.open(io.BytesIO(data)) as doc:
        page = doc.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        return [(line["text"], line["x0"], line["x1"]) for line in page.extract_text_lines()]


def test_the_letter_is_laid_out_as_an_official_letter():
    data = letters.render_pdf(_letter("张三：\n本机关于2026年3月2日收到您的申请。\n特此告知。"))
    assert data.startswith(b"%PDF-")
    lines = _lines(data)
    texts = [t for t, _, _ in lines]
    assert texts == ["政府信息公开申请答复书", "申请编号：SFQ-2026-0007", "张三：",
                     "本机关于2026年3月2日收到您的申请。", "特此告知。", "示范区融媒体中心", "2026年3月16日"]  # fmt: skip
    (_, x0, x1), left, right = lines[0], 28 * MM, (210 - 26) * MM
    assert abs((x0 + x1) / 2 - (left + right) / 2) < 2  # centred
    for text, _, x1 in (lines[1], lines[5], lines[6]):
        assert abs(x1 - right) < 2, text  # case number, agency and date flush right
    assert abs(lines[2][1] - left) < 1  # the salutation flush left
    assert abs(lines[3][1] - (left + 30)) < 1 and abs(lines[4][1] - (left + 30)) < 1  # 2 em of 15 pt


def test_letter_text_is_printed_literally_never_as_typst_markup():
    hostile = '#set page(width: 1cm) *粗* $x$ [y] // 注释 #{ panic("注入") } = 标题'
    data = letters.render_pdf(_letter(f"张三：\n{hostile}\n控制\x00字符", agency="#机关*名称*"))
    printed = "".join(t for t, _, _ in _lines(data)).replace(" ", "")
    assert hostile.replace(" ", "") in printed and "#机关*名称*" in printed and "控制字符" in printed


def test_characters_the_face_cannot_show_are_logged(caplog):
    with caplog.at_level(logging.WARNING, logger=letters.__name__):
        data = letters.render_pdf(_letter("张三：\n您申请公开“𠀀”字号文件😀\u200b。"))
    assert data.startswith(b"%PDF-")
    (record,) = caplog.records
    message = record.getMessage()
    assert message.startswith("[O.glyph_missing] 政府信息公开申请答复书（申请编号SFQ-2026-0007）")
    assert "“𠀀”（U+20000）、“😀”（U+1F600）" in message and "U+200B" not in message


def test_a_letter_in_common_characters_logs_nothing(caplog):
    with caplog.at_level(logging.WARNING, logger=letters.__name__):
        letters.render_pdf(_letter("张三：\n本机关已收到您的申请。"))
    assert caplog.records == []


def test_without_the_font_the_letter_is_refused(monkeypatch):
    def no_font():
        raise writer.FontMissing("未找到免费中文字体")

    monkeypatch.setattr(writer, "fonts", no_font)
    with pytest.raises(writer.PdfError, match="未找到免费中文字体"):
        letters.render_pdf(_letter("张三：\n正文。"))
