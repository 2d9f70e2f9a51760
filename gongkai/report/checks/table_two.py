"""Table 二 — 主动公开政府信息情况 (DOMAIN §2, §6.3). It has no internal sums."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..findings import Finding
from ..formats import ValueKind
from ._tables import blanks, cell_phrase, integers, location, shape, slots
from .registry import Context, check

MAX_DECIMALS = 4  # inferred: no official rule, keep up to 4 places of 万元
YUAN_FACTOR = 10_000  # a 万元 value this many times last year's looks typed in 元


def _money_slots(ctx: Context):
    return [s for s in slots(ctx.report.table_format("two"), "two") if s.kind is ValueKind.MONEY]


@check("T2.shape")
def two_shape(ctx: Context) -> Iterator[Finding]:
    """Every block, row and column of the version's table 二 is present."""
    yield from shape(ctx.report, "two", "T2.shape")


@check("T2.int")
def two_int(ctx: Context) -> Iterator[Finding]:
    """Count cells are integers ≥ 0; the 2019 本年增/减 cells are signed integers."""
    yield from integers(ctx.report, "two", "T2.int")


@check("T2.blank")
def two_blank(ctx: Context) -> Iterator[Finding]:
    yield from blanks(ctx.report, "two", "T2.blank")


@check("T2.fee")
def two_fee(ctx: Context) -> Iterator[Finding]:
    """The money cell is a non-negative decimal with at most 4 decimal places."""
    table = ctx.report.two
    for s in _money_slots(ctx):
        cell = table.cell(s.row, s.column)
        if not cell.present or cell.blank:
            continue
        value = cell.value
        if cell.invalid or not isinstance(value, int | Decimal) or value < 0:
            yield Finding(
                "T2.fee",
                f"{cell_phrase('two', s)}的值“{cell.raw}”不是有效的金额数字。",
                location("two", s, cell),
                {"raw": cell.raw},
            )
            continue
        places = -Decimal(value).normalize().as_tuple().exponent
        if places > MAX_DECIMALS:
            yield Finding(
                "T2.fee",
                f"{cell_phrase('two', s)}的金额“{cell.raw}”有{places}位小数，最多保留{MAX_DECIMALS}位。",
                location("two", s, cell),
                {"raw": cell.raw, "decimals": places},
            )


@check("T2.unit")
def two_unit(ctx: Context) -> Iterator[Finding]:
    """A unit typed in a money cell, or a 万元 value that looks like yuan next to last year's."""
    table = ctx.report.two
    prior = ctx.prior
    for s in _money_slots(ctx):
        cell = table.cell(s.row, s.column)
        if not cell.present or cell.invalid:
            continue
        if cell.unit:
            yield Finding(
                "T2.unit",
                f"{cell_phrase('two', s)}填写了单位“{cell.unit}”（“{cell.raw}”）；金额单元格只填数字，单位以表头为准。",
                location("two", s, cell),
                {"raw": cell.raw, "unit": cell.unit},
            )
            continue
        col = next(
            c
            for b, r, c in ctx.report.table_format("two").two.cells()
            if r.code == s.row and c.code == s.column
        )
        if col.unit != "万元" or prior is None or prior.format.version != ctx.fmt.version:
            continue
        before = prior.two.cell(s.row, s.column).number
        value = cell.number
        if before and value is not None and before > 0 and value >= YUAN_FACTOR * before:
            yield Finding(
                "T2.unit",
                f"{cell_phrase('two', s)}为{cell.raw}，是上年度（{before}）的{YUAN_FACTOR}倍以上，"
                f"可能按“元”而不是“{col.unit}”填写。",
                location("two", s, cell),
                {"raw": cell.raw, "value": value, "previous": before, "previous_year": prior.year},
            )
