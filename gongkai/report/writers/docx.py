"""The annual report as a DOCX in the style of official documents (GB/T 9704), for filing.

A4 with the standard margins; title in a 小标宋-style font (2号), body 仿宋 3号 on a 28-point
grid, headings 黑体/楷体; the East-Asian font is set on every style explicitly, or Word falls back
to the Latin font for Chinese. Page numbers `— n —`; the three tables keep the official merged
cells and repeat their header rows on every page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..findings import Finding, Severity
from ..model import AnnualReport
from .html import paragraphs, preamble_lines, report_title, split_subheading
from .layout import Grid, build_grid, column_fractions

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
TABLE_SIZE = Pt(10.5)  # 5号
TABLE_STYLE = "GongkaiTable"


_KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header", "Footer"}


@lru_cache(maxsize=1)
def _template() -> bytes:
    """python-docx's default template with the page, styles and footer set up once, and its
    400 KB of unused built-in styles dropped: parsing them was most of the time per document."""
    doc = Document()
    styles = doc.styles.element
    for el in list(styles):
        if el.tag == qn("w:latentStyles") or (
            el.tag == qn("w:style") and el.get(qn("w:styleId")) not in _KEEP_STYLES
        ):
            styles.remove(el)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del doc.part.package.rels[rid]
    _page(doc)
    _styles(doc)
    table_style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_style.base_style = doc.styles["Normal"]
    table_style.font.size = TABLE_SIZE
    tpf = table_style.paragraph_format
    tpf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    tpf.first_line_indent = Pt(0)
    tpf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    doc = Document(io.BytesIO(_template()))
    title = report_title(report)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.space_after = Pt(28)
    _run(p, title, TITLE_FONT, TITLE_SIZE)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if errors:
        _warning(doc, errors)
    for line in preamble_lines(report):
        doc.add_paragraph(line)
    for section in report.format.sections:
        h = doc.add_paragraph()
        h.paragraph_format.first_line_indent = Pt(32)
        h.paragraph_format.keep_with_next = True
        _run(h, section.heading, HEADING_FONT, BODY_SIZE)
        rs = report.sections.get(section.code)
        for line in paragraphs(rs.text if rs else ""):
            head, rest = split_subheading(line)
            if head:
                paragraph = doc.add_paragraph()
                _run(paragraph, head, SUBHEADING_FONT, BODY_SIZE)
                if rest:
                    paragraph.add_run(rest)
            else:
                doc.add_paragraph(line)
        if section.table:
            _table(doc, build_grid(report.format, section.table, report))
    if report.signed_date is not None:
        d = report.signed_date
        for text in (report.agency or "", f"{d.year}年{d.month}月{d.day}日"):
            p = doc.add_paragraph(text)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.right_indent = Pt(64)
    doc.core_properties.title = title
    doc.core_properties.author = report.agency or ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "— ", "宋体", Pt(14))
    _field(footer, "PAGE")
    _run(footer, " —", "宋体", Pt(14))


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    _fonts(run._r, "宋体", Pt(14))
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    _east_asia(normal.element.get_or_add_rPr(), BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.first_line_indent = Pt(32)  # two characters
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _east_asia(rpr, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _fonts(r, font: str, size) -> None:
    rpr = r.get_or_add_rPr()
    _east_asia(rpr, font)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size.pt * 2)))
    rpr.append(sz)


def _run(paragraph, text: str, font: str, size, *, bold: bool = False, color: RGBColor | None = None):
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold or None
    if color is not None:
        run.font.color.rgb = color
    _east_asia(run._r.get_or_add_rPr(), font)
    return run


def _warning(doc, errors: list[Finding]) -> None:
    red = RGBColor(0xC6, 0x28, 0x28)
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(0)
    _run(p, f"本报告经体检发现{len(errors)}处错误，发布前请核对修改：", HEADING_FONT, Pt(12), color=red)
    for f in errors:
        q = doc.add_paragraph()
        q.paragraph_format.first_line_indent = Pt(0)
        q.paragraph_format.line_spacing = Pt(18)
        _run(q, f"[{f.check}] {f.message}", BODY_FONT, Pt(10.5), color=red)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEFT = '<w:jc w:val="left"/>'
_TEXT_TWIPS = 8845  # 210 − 28 − 26 mm
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _widths(grid: Grid) -> list[int]:
    return [int(_TEXT_TWIPS * f) for f in column_fractions(grid)]


def _table(doc, grid: Grid) -> None:
    """The table as WordprocessingML built in one pass: python-docx's cell merging re-walks the
    grid on every merge and is ten times slower than writing the merged cells directly."""
    widths = _widths(grid)
    height = max(gc.row + gc.rowspan for gc in grid.cells())
    starts: dict[tuple[int, int], object] = {}
    covered: dict[tuple[int, int], object] = {}
    for gc in grid.cells():
        starts[gc.row, gc.col] = gc
        for r in range(gc.row + 1, gc.row + gc.rowspan):
            covered[r, gc.col] = gc
    out = [
        f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for r in range(height):
        header = "<w:tblHeader/>" if r < grid.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < grid.width:
            gc = starts.get((r, c))
            cont = covered.get((r, c))
            cell = gc or cont
            if cell is None:  # a position no cell covers: keep the grid rectangular
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
                c += 1
                continue
            span = cell.colspan  # type: ignore[union-attr]
            width = sum(widths[c : c + span])
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if span > 1:
                props += f'<w:gridSpan w:val="{span}"/>'
            if cont is not None:
                props += "<w:vMerge/>"
            elif cell.rowspan > 1:  # type: ignore[union-attr]
                props += '<w:vMerge w:val="restart"/>'
            props += '<w:vAlign w:val="center"/>'
            left = cell.scope in ("row", "rowgroup")  # type: ignore[union-attr]
            ppr = f'<w:pPr><w:pStyle w:val="{TABLE_STYLE}"/>{_LEFT if left else ""}</w:pPr>'
            text = cell.text if gc is not None else ""  # type: ignore[union-attr]
            run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{ppr}{run}</w:p></w:tc>")
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml("".join(out)))  # before the final sectPr
    doc.add_paragraph()
