"""XLSX reader: the workbook `gongkai render --to xlsx` writes, and hand-made sheets in the official
layout (merged cells, numbers as numbers or text, blanks). Never raises.

Each sheet becomes one `TableBlock` (merged cells written once, covered positions empty, as
DOMAIN §0.5), except a sheet of single-cell rows, which is running text. A text row whose content
is exactly another sheet's name stands for that sheet, so the tables land inside their sections.
Formulas are taken from Excel's cached values, else evaluated here (SUM and +/- of cells), because
openpyxl-written files carry no cached values.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..findings import Finding
from ..model import CellText, Document, SourceRef, TableBlock, TextBlock

FINDINGS_SHEET = "体检结果"  # written by gongkai.report.writers.xlsx; never report content
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_TOKEN = re.compile(r"\s*(SUM\(|\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\d+(?:\.\d+)?|[-+(),])", re.I)


def read(data: bytes, *, path: str | None = None) -> Document:
    doc = Document(path=path, kind="xlsx")
    try:
        _read(data, doc)
    except Exception as exc:  # corrupt or foreign workbook: say so, never a traceback
        doc.blocks = []
        doc.findings.append(
            Finding("R.unreadable", f"XLSX文件无法读取（{type(exc).__name__}）", {"path": path})
        )
        return doc
    if not doc.blocks and not doc.findings:
        doc.findings.append(Finding("R.empty", "XLSX文件中没有内容", {"path": path}))
    return doc


def _read(data: bytes, doc: Document) -> None:
    from openpyxl import load_workbook

    # read-only mode: no styles or merged-cell objects built (10x faster); merges come from the XML
    formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    cached = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    merges = _merged_ranges(data)
    sheets: dict[str, list[TextBlock | TableBlock]] = {}
    text_sheets: set[str] = set()
    order = []
    for ws in formulas.worksheets:
        if ws.title == FINDINGS_SHEET or getattr(ws, "sheet_state", "visible") != "visible":
            continue
        blocks, is_text = _sheet(ws.title, _values(ws), _values(cached[ws.title]), merges.get(ws.title, []))
        if blocks:
            sheets[ws.title] = blocks
            order.append(ws.title)
            if is_text:
                text_sheets.add(ws.title)
    used: set[str] = set()
    for title in order:
        if title in used:
            continue
        used.add(title)
        for block in sheets[title]:
            target = block.text.strip() if isinstance(block, TextBlock) else None
            if title in text_sheets and target in sheets and target not in used and target not in text_sheets:
                used.add(target)
                doc.blocks.extend(sheets[target])
            else:
                doc.blocks.append(block)
    if formulas.properties.title:
        doc.meta["title"] = formulas.properties.title
    formulas.close()
    cached.close()


def _values(ws) -> dict[tuple[int, int], Any]:
    values = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                values[(r, c)] = value
    return values


def _merged_ranges(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet name → merged ranges (min_col, min_row, max_col, max_row), read from the sheet XML."""
    import posixpath
    import zipfile

    from lxml import etree
    from openpyxl.utils import range_boundaries

    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "p": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = etree.fromstring(archive.read("xl/workbook.xml"), parser)
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
        targets = {rel.get("Id"): rel.get("Target") for rel in rels.iterfind("p:Relationship", ns)}
        for sheet in book.iterfind("m:sheets/m:sheet", ns):
            target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            try:
                xml = etree.fromstring(archive.read(name), parser)
            except KeyError:
                continue
            out[sheet.get("name")] = [
                range_boundaries(m.get("ref"))
                for m in xml.iterfind("m:mergeCells/m:mergeCell", ns)
                if m.get("ref")
            ]
    return out


def _sheet(title: str, values, cached, merges) -> tuple[list[TextBlock | TableBlock], bool]:
    merged_covered: set[tuple[int, int]] = set()
    for min_col, min_row, max_col, max_row in merges:
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    merged_covered.add((r, c))
    grid: dict[tuple[int, int], str] = {}
    evaluator = _Evaluator(values, cached)
    for r, c in values:
        if (r, c) in merged_covered:
            continue
        text = evaluator.text(r, c)
        if text.strip():
            grid[(r, c)] = text
    if not grid:
        return [], False
    min_col = min(c for _, c in grid)
    max_col = max(c for _, c in grid)
    rows = sorted({r for r, _ in grid})
    per_row: dict[int, list[int]] = {}
    for r, c in sorted(grid):
        per_row.setdefault(r, []).append(c)
    from openpyxl.utils import get_column_letter

    def ref(r: int, c: int) -> SourceRef:
        return SourceRef(cell=f"{title}!{get_column_letter(c)}{r}")

    if all(len(cols) == 1 for cols in per_row.values()):
        return [TextBlock(grid[(r, per_row[r][0])], ref(r, per_row[r][0])) for r in rows], True
    table_rows = [
        [CellText(grid.get((r, c), ""), ref(r, c)) for c in range(min_col, max_col + 1)]
        for r in range(rows[0], rows[-1] + 1)
    ]
    return [TableBlock(table_rows, ref(rows[0], min_col))], False


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class _Evaluator:
    """Values of cells, computing the simple formulas a statistics sheet uses."""

    def __init__(self, values: dict[tuple[int, int], Any], cached: dict[tuple[int, int], Any]) -> None:
        self.values, self.cached = values, cached
        self.memo: dict[tuple[int, int], Any] = {}

    def text(self, row: int, col: int) -> str:
        return _text(self.value(row, col, 0))

    def value(self, row: int, col: int, depth: int) -> Any:
        key = (row, col)
        if key in self.memo:
            return self.memo[key]
        raw = self.values.get(key)
        if isinstance(raw, str) and raw.startswith("="):
            cached = self.cached.get(key)
            result = cached if cached is not None else self._evaluate(raw[1:], depth)
        else:
            result = raw
        self.memo[key] = result
        return result

    def _number(self, row: int, col: int, depth: int) -> Decimal:
        value = self.value(row, col, depth + 1)
        if value is None or value == "":
            return Decimal(0)
        if isinstance(value, bool):
            raise ValueError
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError from None

    def _evaluate(self, formula: str, depth: int) -> Any:
        if depth > 50:
            return "#REF!"
        try:
            tokens = _tokens(formula)
            total, pos = self._sum_expr(tokens, 0, depth)
            if pos != len(tokens):
                return "=" + formula
        except (ValueError, IndexError):
            return "=" + formula  # unsupported formula: kept as text, a T*.int finding later
        return int(total) if total == total.to_integral_value() else total

    def _sum_expr(self, tokens: list[str], pos: int, depth: int) -> tuple[Decimal, int]:
        """expr := term (('+' | '-') term)*"""
        total, pos = self._term(tokens, pos, depth)
        while pos < len(tokens) and tokens[pos] in ("+", "-"):
            sign = -1 if tokens[pos] == "-" else 1
            value, pos = self._term(tokens, pos + 1, depth)
            total += sign * value
        return total, pos

    def _term(self, tokens: list[str], pos: int, depth: int) -> tuple[Decimal, int]:
        """term := ['+' | '-'] (SUM(args) | '(' expr ')' | reference | range | number)"""
        sign = 1
        while tokens[pos] in ("+", "-"):
            sign *= -1 if tokens[pos] == "-" else 1
            pos += 1
        tok = tokens[pos]
        if tok == "SUM(":
            value, pos = self._args(tokens, pos + 1, depth)
        elif tok == "(":
            value, pos = self._sum_expr(tokens, pos + 1, depth)
            if tokens[pos] != ")":
                raise ValueError
            pos += 1
        elif tok in (")", ","):
            raise ValueError
        else:
            value, pos = self._operand(tok, depth), pos + 1
        return sign * value, pos

    def _args(self, tokens: list[str], pos: int, depth: int) -> tuple[Decimal, int]:
        total = Decimal(0)
        while True:
            value, pos = self._sum_expr(tokens, pos, depth)
            total += value
            if tokens[pos] == ",":
                pos += 1
                continue
            if tokens[pos] == ")":
                return total, pos + 1
            raise ValueError

    def _operand(self, tok: str, depth: int) -> Decimal:
        from openpyxl.utils import column_index_from_string

        if ":" in tok:
            (c1, r1), (c2, r2) = (_split_ref(t) for t in tok.split(":"))
            cols = range(column_index_from_string(c1), column_index_from_string(c2) + 1)
            return sum(
                (self._number(r, c, depth) for r in range(int(r1), int(r2) + 1) for c in cols), Decimal(0)
            )
        m = _REF.match(tok.upper())
        if m:
            return self._number(int(m.group(2)), column_index_from_string(m.group(1)), depth)
        return Decimal(tok)


def _split_ref(tok: str) -> tuple[str, str]:
    m = _REF.match(tok.upper())
    if not m:
        raise ValueError(tok)
    return m.group(1), m.group(2)


def _tokens(formula: str) -> list[str]:
    tokens, pos = [], 0
    text = formula.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(text[pos:])
        tokens.append(m.group(1).upper())
        pos = m.end()
    return tokens
