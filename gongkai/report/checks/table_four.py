"""Table 四 — 政府信息公开行政复议、行政诉讼情况 (DOMAIN §4, §6.3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ._tables import blanks, integers, shape
from .registry import TABLE_NAMES, Context, check, usable


@check("T4.shape")
def four_shape(ctx: Context) -> Iterator[Finding]:
    yield from shape(ctx.report, "four", "T4.shape")


@check("T4.int")
def four_int(ctx: Context) -> Iterator[Finding]:
    yield from integers(ctx.report, "four", "T4.int")


@check("T4.blank")
def four_blank(ctx: Context) -> Iterator[Finding]:
    yield from blanks(ctx.report, "four", "T4.blank")


def _group_total(ctx: Context, group_code: str, check_id: str) -> Iterator[Finding]:
    """总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 within one group."""
    fmt = ctx.fmt
    table = ctx.report.four
    if not table.found:
        return
    group = next(g for g in fmt.four.groups if g.code == group_code)
    total = next(c for c in fmt.four.columns if c.total_of)
    parts = [c for c in fmt.four.columns if c.code in total.total_of]
    values = [usable(table.cell(group.code, c.code)) for c in parts]
    stated = usable(table.cell(group.code, total.code))
    if stated is None or any(v is None for v in values):
        return
    computed = sum(values)
    if computed == stated:
        return
    where = f"表四{group.parent_label or ''}“{group.label}”"
    addends = "+".join(f"{c.label}({v})" for c, v in zip(parts, values, strict=True))
    cell = table.cell(group.code, total.code)
    yield Finding(
        check_id,
        f"{where}：{addends}={computed}，“{total.label}”为{stated}，相差{abs(stated - computed)}。",
        {
            "table": TABLE_NAMES["four"],
            "row": group.code,
            "row_label": group.label,
            "column": total.code,
            "column_label": total.label,
            "source": cell.source.describe() if cell.source else "",
            "cells": [f"{group.code}.{c.code}" for c in (*parts, total)],
        },
        {
            "lhs": {"cell": f"{group.code}.{total.code}", "value": stated},
            "rhs": {
                "addends": {f"{group.code}.{c.code}": v for c, v in zip(parts, values, strict=True)},
                "sum": computed,
            },
            "difference": stated - computed,
        },
    )


@check("T4.review_total")
def review_total(ctx: Context) -> Iterator[Finding]:
    yield from _group_total(ctx, "reconsideration", "T4.review_total")


@check("T4.direct_total")
def direct_total(ctx: Context) -> Iterator[Finding]:
    yield from _group_total(ctx, "direct_suit", "T4.direct_total")


@check("T4.after_total")
def after_total(ctx: Context) -> Iterator[Finding]:
    yield from _group_total(ctx, "suit_after_reconsideration", "T4.after_total")
