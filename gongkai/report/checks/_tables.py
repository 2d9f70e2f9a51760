"""What the three tables share: the cell grid of a format, shape / integer / blank findings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding
from ..formats import ReportFormat, ValueKind
from ..model import AnnualReport, Cell, Table
from .registry import TABLE_NAMES, cell_location


@dataclass(frozen=True)
class Slot:
    """One cell the format defines, with the labels a message names it by."""

    row: str
    row_label: str
    column: str
    column_label: str
    kind: ValueKind
    group: str | None = None  # table 二: the block caption; table 四: 行政诉讼 for the suit groups

    @property
    def key(self) -> str:
        return f"{self.row}.{self.column}"


_ABSENT = Cell()  # what `Table.cell` gives for a cell not read: not present


_SLOTS: dict[tuple[int, str], list[Slot]] = {}
_KEYED: dict[tuple[int, str], list[tuple[Slot, str]]] = {}


def slots(fmt: ReportFormat, name: str) -> list[Slot]:
    """Every cell of a table in format order; computed once per format (formats are constants)."""
    key = (id(fmt), name)
    if key not in _SLOTS:
        _SLOTS[key] = _slots(fmt, name)
    return _SLOTS[key]


def keyed_slots(fmt: ReportFormat, name: str) -> list[tuple[Slot, str]]:
    """`slots` with each slot's `Table.cells` key."""
    key = (id(fmt), name)
    if key not in _KEYED:
        _KEYED[key] = [(s, s.key) for s in slots(fmt, name)]
    return _KEYED[key]


def _slots(fmt: ReportFormat, name: str) -> list[Slot]:
    if name == "two":
        return [
            Slot(row.code, row.label, col.code, col.label, col.kind, block.caption)
            for block, row, col in fmt.two.cells()
        ]
    if name == "three":
        return [
            Slot(row.code, row.label, col.code, col.label, col.kind)
            for row in fmt.three.data_rows()
            for col in fmt.three.columns
        ]
    return [
        Slot(group.code, group.label, col.code, col.label, col.kind, group.parent_label)
        for group, col in fmt.four.cells()
    ]


def table_title(fmt: ReportFormat, name: str) -> str:
    return getattr(fmt, name).title


def row_phrase(name: str, row_label: str, group: str | None = None) -> str:
    """How a message names a row: 表三“（一）予以公开”行; 表四 行政诉讼“复议后起诉”."""
    if name == "four":
        return f"表四{group or ''}“{row_label}”"
    return f"表{TABLE_NAMES[name]}“{row_label}”行"


def cell_phrase(name: str, slot: Slot) -> str:
    return (
        f"{row_phrase(name, slot.row_label, slot.group)}“{slot.column_label}”{'' if name == 'four' else '列'}"
    )


def location(name: str, slot: Slot, cell: Cell) -> dict:
    loc = cell_location(name, slot.row, slot.row_label, slot.column, slot.column_label, cell)
    loc["cells"] = [slot.key]
    return loc


def shape(report: AnnualReport, name: str, check_id: str) -> Iterator[Finding]:
    """Missing cells, grouped: the whole table, whole rows, whole columns, then single cells."""
    fmt = report.table_format(name)
    table: Table = getattr(report, name)
    title = table_title(fmt, name)
    tname = TABLE_NAMES[name]
    grid = slots(fmt, name)
    if not table.found:
        yield Finding(
            check_id,
            f"未找到表{tname}“{title}”，无法核对表内数据。",
            {"table": tname},
            {"missing": [s.key for s in grid]},
        )
        return
    cells = table.cells
    missing = [s for s, key in keyed_slots(fmt, name) if (cells.get(key) or _ABSENT).raw is None]
    if not missing:
        return
    by_row: dict[str, list[Slot]] = {}
    for s in grid:
        by_row.setdefault(s.row, []).append(s)
    whole_rows = {r for r, cells in by_row.items() if all(s in missing for s in cells)}
    for r in by_row:
        if r in whole_rows:
            s = by_row[r][0]
            yield Finding(
                check_id,
                f"{row_phrase(name, s.row_label, s.group)}缺失。",
                {"table": tname, "row": r, "row_label": s.row_label},
                {"missing": [x.key for x in by_row[r]]},
            )
    rest = [s for s in missing if s.row not in whole_rows]
    by_col: dict[str, list[Slot]] = {}
    for s in grid:
        if s.row not in whole_rows:
            by_col.setdefault(s.column, []).append(s)
    whole_cols = set()
    if name != "two":  # table 二 columns differ per block
        for c, cells in by_col.items():
            if len(cells) > 1 and all(s in rest for s in cells):
                whole_cols.add(c)
                s = cells[0]
                yield Finding(
                    check_id,
                    f"表{tname}“{s.column_label}”{'列' if name == 'three' else '栏'}缺失。",
                    {"table": tname, "column": c, "column_label": s.column_label},
                    {"missing": [x.key for x in cells]},
                )
    for s in rest:
        if s.column not in whole_cols:
            yield Finding(
                check_id,
                f"{cell_phrase(name, s)}缺失。",
                location(name, s, Cell()),
                {"missing": [s.key]},
            )


_COUNTS: dict[tuple[int, str], list[tuple[Slot, str, bool]]] = {}


def _count_slots(fmt: ReportFormat, name: str) -> list[tuple[Slot, str, bool]]:
    """`keyed_slots` without money cells, each with whether it is signed."""
    key = (id(fmt), name)
    if key not in _COUNTS:
        _COUNTS[key] = [
            (s, k, s.kind is ValueKind.SIGNED)
            for s, k in keyed_slots(fmt, name)
            if s.kind is not ValueKind.MONEY
        ]
    return _COUNTS[key]


def integers(report: AnnualReport, name: str, check_id: str) -> Iterator[Finding]:
    """Count cells must hold integers ≥ 0 (signed integers for 2019 本年增/减)."""
    table: Table = getattr(report, name)
    cells = table.cells
    for s, key, signed in _count_slots(report.table_format(name), name):
        cell = cells.get(key)
        if cell is None or cell.raw is None or cell.blank:  # not present, or blank
            continue
        value = cell.value
        if value.__class__ is int and not cell.invalid and (signed or value >= 0):
            continue  # the usual cell
        bad = (
            cell.invalid
            or not isinstance(value, int)
            or isinstance(value, bool)
            or (not signed and value < 0)
        )
        if bad:
            what = "整数" if signed else "非负整数"
            yield Finding(
                check_id,
                f"{cell_phrase(name, s)}的值“{cell.raw}”不是{what}。",
                location(name, s, cell),
                {"raw": cell.raw},
            )


def blanks(report: AnnualReport, name: str, check_id: str) -> Iterator[Finding]:
    """Blank cells and placeholders, one finding per row; they count as 0 in the sums (DOMAIN §6.6)."""
    table: Table = getattr(report, name)
    if not table.found:
        return
    by_row: dict[str, list[tuple[Slot, Cell]]] = {}
    cells = table.cells
    for s, key in keyed_slots(report.table_format(name), name):
        cell = cells.get(key)
        if cell is not None and cell.raw is not None and cell.blank:  # present and blank
            by_row.setdefault(s.row, []).append((s, cell))
    for cells in by_row.values():
        first, cell = cells[0]
        cols = "".join(f"“{s.column_label}”" for s, _ in cells)
        tname = TABLE_NAMES[name]
        yield Finding(
            check_id,
            f"{row_phrase(name, first.row_label, first.group)}{cols}为空白，按0计算；请填写数字（无数据填0）。",
            {
                "table": tname,
                "row": first.row,
                "row_label": first.row_label,
                "columns": [s.column for s, _ in cells],
                "column_labels": [s.column_label for s, _ in cells],
                "source": cell.source.describe() if cell.source else "",
                "cells": [s.key for s, _ in cells],
            },
            {"raw": {s.key: c.raw for s, c in cells}},
        )
