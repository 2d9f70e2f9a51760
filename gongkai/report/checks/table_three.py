"""Table 三 — 收到和处理政府信息公开申请情况 (DOMAIN §3, §6.3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..formats import Parent
from ..formats.base import Column, Row, TableThree
from ..model import Cell
from ._tables import blanks, integers, shape
from .registry import TABLE_NAMES, Context, check, cn_number, three_rows, usable, usable_all

T = TABLE_NAMES["three"]
# The corner cell names the four rows of the balance by these ordinals.
ORDINALS = ("第一项", "第二项", "第三项总计", "第四项")
BALANCE_ROWS = ("received", "carried_in", "total", "carried_out")


_ABSENT = Cell()  # what `Table.cell` gives for a cell not read
_KEYS: dict[tuple[int, str], tuple] = {}


def _row_keys(t3: TableThree, total: Column, parts: list[Column]) -> list[tuple[Row, list[str], str]]:
    """Each data row with the `Table.cells` keys of its part columns and of its total column;
    once per definition (the entry keeps it alive, so its id is not reused)."""
    entry = _KEYS.get((id(t3), "rows"))
    if entry is None or entry[0] is not t3:
        keys = [
            (row, [f"{row.code}.{c.code}" for c in parts], f"{row.code}.{total.code}")
            for row in three_rows(t3)[0]
        ]
        entry = _KEYS[(id(t3), "rows")] = (t3, keys)
    return entry[1]


def _column_keys(t3: TableThree, total: Row) -> list[tuple[Column, tuple[str, ...], list[str], str]]:
    """Each column with the codes and keys of the result rows, and the key of （七）总计."""
    entry = _KEYS.get((id(t3), "columns"))
    if entry is None or entry[0] is not t3:
        keys = [
            (
                col,
                tuple(total.total_of),
                [f"{code}.{col.code}" for code in total.total_of],
                f"{total.code}.{col.code}",
            )
            for col in t3.columns
        ]
        entry = _KEYS[(id(t3), "columns")] = (t3, keys)
    return entry[1]


def _loc(ctx: Context, row: str | None, column: str | None, cells: list[str]) -> dict:
    t3 = ctx.report.table_format("three").three
    cell = ctx.report.three.cell(row or "total", column or "total")
    return {
        "table": T,
        "row": row,
        "row_label": three_rows(t3)[2][row].label if row else None,
        "column": column,
        "column_label": t3.column(column).label if column else None,
        "source": cell.source.describe() if cell.source else "",
        "cells": cells,
    }


@check("T3.shape")
def three_shape(ctx: Context) -> Iterator[Finding]:
    yield from shape(ctx.report, "three", "T3.shape")


@check("T3.int")
def three_int(ctx: Context) -> Iterator[Finding]:
    yield from integers(ctx.report, "three", "T3.int")


@check("T3.blank")
def three_blank(ctx: Context) -> Iterator[Finding]:
    yield from blanks(ctx.report, "three", "T3.blank")


@check("T3.extra")
def three_extra(ctx: Context) -> Iterator[Finding]:
    """Cells the format does not have (a 法人或其他组织 subtotal, numbers in a label-only row)."""
    for extra in ctx.report.three.extras:
        label = extra.get("label") or extra.get("row_label") or extra.get("column_label") or ""
        raw = extra.get("raw", extra.get("value", extra.get("values", "")))
        where = f"“{label}”" if label else ""
        yield Finding(
            "T3.extra",
            f"表三有格式之外的单元格{where}（{raw}），不参与计算。",
            {
                "table": T,
                **{
                    k: v
                    for k, v in extra.items()
                    if k in ("row", "row_label", "column", "column_label", "source")
                },
            },
            {"extra": extra},
        )


@check("T3.balance")
def balance(ctx: Context) -> Iterator[Finding]:
    """一 + 二 = 三（七）+ 四, column by column: the rule printed in the table's corner."""
    table = ctx.report.three
    if not table.found:
        return
    for col in ctx.report.table_format("three").three.columns:
        values = [usable(table.cell(row, col.code)) for row in BALANCE_ROWS]
        if any(v is None for v in values):
            continue
        first, second, third, fourth = values
        lhs, rhs = first + second, third + fourth
        if lhs == rhs:
            continue
        cells = [f"{row}.{col.code}" for row in BALANCE_ROWS]
        yield Finding(
            "T3.balance",
            f"表三“{col.label}”列：{ORDINALS[0]}({first})+{ORDINALS[1]}({second})={lhs}，"
            f"{ORDINALS[2]}({third})+{ORDINALS[3]}({fourth})={rhs}，相差{abs(lhs - rhs)}。",
            _loc(ctx, None, col.code, cells),
            {
                "lhs": {"addends": dict(zip(cells[:2], (first, second), strict=True)), "sum": lhs},
                "rhs": {"addends": dict(zip(cells[2:], (third, fourth), strict=True)), "sum": rhs},
                "difference": lhs - rhs,
            },
        )


@check("T3.total_col")
def total_col(ctx: Context) -> Iterator[Finding]:
    """Each data row: 总计 = 自然人 + the five 法人或其他组织 columns."""
    table = ctx.report.three
    if not table.found:
        return
    total = next(c for c in ctx.report.table_format("three").three.columns if c.total_of)
    parts = [ctx.report.table_format("three").three.column(code) for code in total.total_of]
    span = f"{parts[0].label}至{parts[-1].label}{cn_number(len(parts))}列合计"
    read = table.cells
    for row, part_keys, total_key in _row_keys(ctx.report.table_format("three").three, total, parts):
        stated = usable(read.get(total_key) or _ABSENT)
        if stated is None:
            continue
        values = usable_all(read, part_keys)
        if values is None:
            continue
        computed = sum(values)
        if computed == stated:
            continue
        cells = [f"{row.code}.{c.code}" for c in parts]
        yield Finding(
            "T3.total_col",
            f"表三“{row.label}”行：{span}{computed}，“{total.label}”栏为{stated}。",
            _loc(ctx, row.code, total.code, [*cells, f"{row.code}.{total.code}"]),
            {
                "lhs": {"cell": f"{row.code}.{total.code}", "value": stated},
                "rhs": {"addends": dict(zip(cells, values, strict=True)), "sum": computed},
                "difference": stated - computed,
            },
        )


def _results_label(ctx: Context) -> str:
    for parent in three_rows(ctx.report.table_format("three").three)[1]:
        if any(not isinstance(child, Parent) and child.code == "total" for child in parent.children):
            return parent.label
    return ""


@check("T3.total_row")
def total_row(ctx: Context) -> Iterator[Finding]:
    """Each column: （七）总计 = the sum of the result rows (21 in 2021, 19 in 2019)."""
    table = ctx.report.three
    if not table.found:
        return
    t3 = ctx.report.table_format("three").three
    total = three_rows(t3)[2]["total"]
    parent = _results_label(ctx)
    read = table.cells
    for col, codes, part_keys, total_key in _column_keys(t3, total):
        stated = usable(read.get(total_key) or _ABSENT)
        if stated is None:
            continue
        found = usable_all(read, part_keys)
        if found is None:
            continue
        values = dict(zip(codes, found, strict=True))
        computed = sum(values.values())
        if computed == stated:
            continue
        addends = {f"{code}.{col.code}": v for code, v in values.items() if v}
        yield Finding(
            "T3.total_row",
            f"表三“{col.label}”列：“{parent}”各项合计{computed}，“{total.label}”为{stated}，相差{abs(stated - computed)}。",
            _loc(
                ctx, total.code, col.code, [*(f"{c}.{col.code}" for c in values), f"{total.code}.{col.code}"]
            ),
            {
                "lhs": {"cell": f"{total.code}.{col.code}", "value": stated},
                "rhs": {"addends": addends, "sum": computed},
                "difference": stated - computed,
            },
        )
