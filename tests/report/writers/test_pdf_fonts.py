"""The PDF embeds a free CJK font and that font has a glyph for every character printed.

Typst embeds each face as a CID-keyed CFF subset (Type0 / CIDFontType0, `/FontFile3` of subtype
`/CIDFontType0C`) with a `/ToUnicode` map, which is what lets readers get the text back."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from gongkai.report.writers import render
from gongkai.report.writers.pdf import SANS, SERIF, font_file

pytestmark = pytest.mark.skipif(font_file(SERIF) is None, reason="Noto Serif CJK SC is not installed")


@pytest.fixture(scope="module")
def pdf(demo) -> bytes:
    from gongkai.report.findings import Finding

    findings = [Finding("T3.balance", "表三“总计”列：第一项(5)+第二项(1)=6，相差1。")]
    return render(demo, "pdf", findings)


def _fonts(data: bytes):
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            yield font, target, target.get("/FontDescriptor").get_object()


def test_every_font_is_an_embedded_noto_cjk_face(pdf):
    fonts = list(_fonts(pdf))
    assert fonts
    for font, _, descriptor in fonts:
        name = str(font["/BaseFont"])
        assert "Noto" in name and "CJK" in name, name  # no proprietary or fallback font
        assert re.match(r"/?[A-Z]{6}\+", name), f"{name} is not a subset"
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} not embedded"
        assert "/ToUnicode" in font, f"{name} has no ToUnicode map"


def test_cjk_faces_are_cid_keyed_cff_subsets(pdf):
    names = set()
    for font, cid_font, descriptor in _fonts(pdf):
        assert (font["/Subtype"], cid_font["/Subtype"]) == ("/Type0", "/CIDFontType0")
        assert descriptor["/FontFile3"].get_object()["/Subtype"] == "/CIDFontType0C"
        names.add(re.sub(r"^/?[A-Z]{6}\+|-Identity-H$", "", str(font["/BaseFont"])))
    # text, title and subheadings, headings: serif, serif bold, sans
    assert {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Regular"} <= names, names


def _cmap(path) -> set[int]:
    if str(path).lower().endswith(".ttc"):
        covered: set[int] = set()
        for face in TTCollection(str(path), lazy=True).fonts:
            covered |= set(face.getBestCmap())
        return covered
    return set(TTFont(str(path), lazy=True).getBestCmap())


def test_every_printed_character_has_a_glyph(pdf, demo):
    covered = _cmap(font_file(SERIF))
    if font_file(SANS):
        covered &= _cmap(font_file(SANS))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = {c["text"] for page in doc.pages for c in page.chars}
    printed = {ch for text in chars for ch in text if not ch.isspace()}
    assert "政" in printed and "（" in printed
    missing = sorted(ch for ch in printed if ord(ch) not in covered)
    assert missing == [], f"no glyph for {missing}"
    # and every character of the report's text made it onto the page
    wanted = {ch for s in demo.sections.values() for ch in s.text if not ch.isspace()}
    assert wanted <= printed


def test_pdf_pages_are_a4_with_page_numbers(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        last = doc.pages[-1].extract_text()
    assert f"— {len(reader.pages)} —" in last


def test_pdf_shows_the_error_block(pdf):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first = doc.pages[0].extract_text()
    assert "T3.balance" in first and "处错误" in first
