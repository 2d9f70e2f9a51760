"""The official tables as an XLSX workbook for the supervising office, one sheet per table.

Numbers are numbers; a total cell is a formula when the stated total equals the sum of its
addends (a wrong stated total is written as stated, never silently corrected, and listed on the
findings sheet). The text sheet carries the title and the six sections; where a table belongs it
holds the table sheet's name, so `gongkai.report.readers.xlsx` reads everything back in order.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..findings import Finding
from ..model import AnnualReport
from ..source import table_title
from .html import paragraphs, preamble_lines, report_title
from .layout import TABLE_NAMES, Grid, build_grid, table_of

TEXT_SHEET = "报告正文"
FINDINGS_SHEET = "体检结果"
FONT = "仿宋"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_TEXT = Alignment(wrap_text=True, vertical="top")
_BODY = Font(name=FONT, size=11)
_BOLD = Font(name=FONT, size=11, bold=True)


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    wb = Workbook()
    text = wb.active
    text.title = TEXT_SHEET
    _text_sheet(text, report)
    for name in TABLE_NAMES:
        ws = wb.create_sheet(table_title(report.format, name))
        _table_sheet(ws, report, build_grid(report.format, name, report))
    _findings_sheet(wb.create_sheet(FINDINGS_SHEET), list(findings))
    wb.properties.title = report_title(report)
    wb.properties.creator = "gongkai"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _text_sheet(ws: Worksheet, report: AnnualReport) -> None:
    ws.column_dimensions["A"].width = 100
    title = report_title(report)
    ws.append([title])
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = _CENTER
    for line in preamble_lines(report):
        ws.append([line])
    headings = {section.heading for section in report.format.sections}
    for section in report.format.sections:
        ws.append([section.heading])
        rs = report.sections.get(section.code)
        for line in paragraphs(rs.text if rs else ""):
            ws.append([line])
        if section.table:
            ws.append([table_title(report.format, section.table)])  # the table sheet goes here
    if report.signed_date is not None:
        d = report.signed_date
        ws.append([report.agency or ""])
        ws.append([f"{d.year}年{d.month}月{d.day}日"])
    styles = _Styles()
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            styles.apply(cell, "heading" if cell.value in headings else "text")


class _Styles:
    """Style each kind of cell once, then copy its style array: openpyxl's per-cell style
    assignment hashes every style object and would make one workbook take a third of a second."""

    KINDS = {
        "head": (_CENTER, _BODY, _HEAD_FILL),
        "row_head": (_LEFT, _BODY, _HEAD_FILL),
        "value": (_CENTER, _BODY, None),
        "money": (_CENTER, _BODY, None),
        "border": (None, None, None),
        "text": (_TEXT, _BODY, None),
        "heading": (_TEXT, _BOLD, None),
    }

    def __init__(self) -> None:
        self.arrays: dict[str, object] = {}

    def apply(self, cell, kind: str) -> None:
        array = self.arrays.get(kind)
        if array is not None:
            cell._style = copy(array)
            return
        alignment, font, fill = self.KINDS[kind]
        if kind not in ("text", "heading"):
            cell.border = _BORDER
        if alignment is not None:
            cell.alignment = alignment
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if kind == "money":
            cell.number_format = "0.####"
        self.arrays[kind] = copy(cell._style)


def _table_sheet(ws: Worksheet, report: AnnualReport, grid: Grid) -> None:
    table = table_of(report, grid.table)
    styles = _Styles()
    coord: dict[str, str] = {}
    for gc in grid.data_cells():
        coord[gc.key] = f"{get_column_letter(gc.col + 1)}{gc.row + 1}"  # type: ignore[index]
    for gc in grid.cells():
        r, c = gc.row + 1, gc.col + 1
        cell = ws.cell(r, c)
        if gc.header:
            cell.value = gc.text
            styles.apply(cell, "row_head" if gc.scope in ("row", "rowgroup") else "head")
        else:
            cell.value = _value(table.cells.get(gc.key), gc.text)  # type: ignore[arg-type]
            formula = _formula(table, gc, coord)
            if formula:
                cell.value = formula
            styles.apply(cell, "money" if isinstance(cell.value, Decimal) else "value")
        if gc.rowspan > 1 or gc.colspan > 1:
            _merge(ws, r, c, gc.rowspan, gc.colspan, styles)
    label_cols = min((gc.col for gc in grid.data_cells()), default=1)
    for c in range(1, grid.width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 22 if c <= label_cols else 11
    if grid.table == "three":
        ws.column_dimensions["A"].width = 10
        ws.column_dimensions["B"].width = 16
        ws.column_dimensions["C"].width = 40
    if grid.header_rows:
        ws.print_title_rows = f"1:{grid.header_rows}"
        ws.freeze_panes = ws.cell(grid.header_rows + 1, 1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.width > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _merge(ws: Worksheet, r: int, c: int, rowspan: int, colspan: int, styles: _Styles) -> None:
    """`ws.merge_cells` without its per-edge border recomputation (the slow part); every covered
    cell gets the plain border style instead, so the printed grid is the same."""
    end = f"{get_column_letter(c + colspan - 1)}{r + rowspan - 1}"
    mcr = MergedCellRange(ws, f"{get_column_letter(c)}{r}:{end}")
    ws.merged_cells.add(mcr)
    for rr in range(r, r + rowspan):
        for cc in range(c, c + colspan):
            if (rr, cc) != (r, c):
                covered = MergedCell(ws, rr, cc)
                ws._cells[rr, cc] = covered
                styles.apply(covered, "border")


def _value(cell, text: str):
    if cell is None:
        return None
    if cell.value is not None and not (
        cell.unit and isinstance(cell.value, Decimal) and text.endswith(cell.unit)
    ):
        return cell.value
    return text or None


def _formula(table, gc, coord: dict[str, str]) -> str | None:
    """`=SUM(…)` when the stated total equals the sum of its addends, so Excel keeps it live."""
    if not gc.total_of:
        return None
    stated = table.cells.get(gc.key)
    addends = [table.cells.get(k) for k in gc.total_of]
    if stated is None or stated.value is None or any(a is None or a.number is None for a in addends):
        return None
    if sum(a.number for a in addends) != stated.value:  # type: ignore[misc]
        return None
    refs = [coord[k] for k in gc.total_of]
    return f"=SUM({_ranges(refs)})"


def _ranges(refs: list[str]) -> str:
    """Contiguous references in one row or column become A1:B1; otherwise a comma list."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    parts = [coordinate_from_string(r) for r in refs]
    cols = [column_index_from_string(c) for c, _ in parts]
    rows = [r for _, r in parts]
    same_row = len(set(rows)) == 1 and cols == list(range(cols[0], cols[0] + len(cols)))
    same_col = len(set(cols)) == 1 and rows == list(range(rows[0], rows[0] + len(rows)))
    if same_row or same_col:
        return f"{refs[0]}:{refs[-1]}"
    return ",".join(refs)


def _findings_sheet(ws: Worksheet, findings: list[Finding]) -> None:
    ws.append(["检查项", "严重程度", "说明", "位置"])
    for cell in ws[1]:
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
    for f in findings:
        where = "；".join(f"{k}={v}" for k, v in f.location.items() if v not in (None, "", [], {}))
        ws.append([f.check, f.severity.label if f.severity else "", f.message, where])
    if not findings:
        ws.append(["", "", "未发现问题", ""])
    for col, width in zip("ABCD", (16, 10, 80, 40), strict=True):
        ws.column_dimensions[col].width = width
    styles = _Styles()
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            styles.apply(cell, "text")
