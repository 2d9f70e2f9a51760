"""Checks against the same agency's previous report (DOMAIN §6.4, X.similarity). All are warnings;
without the previous report they are not_run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ..findings import Finding
from ..model import AnnualReport
from .registry import TABLE_NAMES, Context, check, skip, usable

NO_PRIOR = "未提供上年度报告"
SHINGLE = 5
PASSAGE_MIN = 20  # shorter shared runs are ordinary phrasing
PASSAGES_SHOWN = 3


def _prior(ctx: Context, *, consecutive: bool = True) -> AnnualReport | str:
    prior = ctx.prior
    if prior is None:
        return NO_PRIOR
    if (
        consecutive
        and ctx.report.year is not None
        and prior.year is not None
        and prior.year != ctx.report.year - 1
    ):
        return f"提供的上年度报告为{prior.year}年度，不是{ctx.report.year - 1}年度"
    return prior


def _label(ctx: Context, table: str, row: str, col: str) -> tuple[str, str]:
    fmt = ctx.fmt
    if table == "two":
        return next((r.label, c.label) for _, r, c in fmt.two.cells() if r.code == row and c.code == col)
    return fmt.three.row(row).label, fmt.three.column(col).label


@check("T3.carry_continuity")
def carry_continuity(ctx: Context) -> Iterator[Finding]:
    """This year's 上年结转 equals last year's 结转下年度继续办理, column by column (across versions)."""
    prior = _prior(ctx)
    if isinstance(prior, str):
        return skip(prior)
    if not (ctx.report.three.found and prior.three.found):
        return skip("表三缺失，无法比较")
    t3 = ctx.fmt.three
    out = []
    for col in t3.columns:
        now = usable(ctx.report.three.cell("carried_in", col.code))
        before = usable(prior.three.cell("carried_out", col.code))
        if now is None or before is None or now == before:
            continue
        cell = ctx.report.three.cell("carried_in", col.code)
        out.append(
            Finding(
                "T3.carry_continuity",
                f"表三“{col.label}”列：本年度“{t3.row('carried_in').label}”为{now}，"
                f"{prior.year}年度报告“{t3.row('carried_out').label}”为{before}，相差{now - before}。",
                {
                    "table": TABLE_NAMES["three"],
                    "row": "carried_in",
                    "row_label": t3.row("carried_in").label,
                    "column": col.code,
                    "column_label": col.label,
                    "source": cell.source.describe() if cell.source else "",
                    "cells": [f"carried_in.{col.code}"],
                    "prior": {"year": prior.year, "cell": f"carried_out.{col.code}"},
                },
                {
                    "value": now,
                    "previous": before,
                    "year": ctx.report.year,
                    "previous_year": prior.year,
                    "difference": now - before,
                },  # fmt: skip
            )
        )
    return out


DOC_ROWS = ("rules", "normative_documents")


@check("T2.stock_continuity")
def stock_continuity(ctx: Context) -> Iterator[Finding]:
    """2021 format: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止."""
    report = ctx.report
    if ctx.fmt.version != "2021":
        return skip("仅适用于2021版格式")
    prior = _prior(ctx)
    if isinstance(prior, str):
        return skip(prior)
    if prior.format.version != "2021":
        return skip("上年度报告不是2021版格式")
    out = []
    for row in DOC_ROWS:
        now = {c: usable(report.two.cell(row, c)) for c in ("issued", "repealed", "in_force")}
        before = usable(prior.two.cell(row, "in_force"))
        if before is None or None in now.values():
            continue
        expected = before + now["issued"] - now["repealed"]
        if expected == now["in_force"]:
            continue
        row_label, in_force_label = _label(ctx, "two", row, "in_force")
        issued_label = _label(ctx, "two", row, "issued")[1]
        repealed_label = _label(ctx, "two", row, "repealed")[1]
        cell = report.two.cell(row, "in_force")
        out.append(
            Finding(
                "T2.stock_continuity",
                f"表二“{row_label}”：上年度“{in_force_label}”{before}+“{issued_label}”{now['issued']}"
                f"−“{repealed_label}”{now['repealed']}={expected}，本年度“{in_force_label}”为{now['in_force']}，"
                f"相差{now['in_force'] - expected}。未经废止而失效的文件可能造成差额，请核实。",
                {
                    "table": TABLE_NAMES["two"],
                    "row": row,
                    "row_label": row_label,
                    "column": "in_force",
                    "column_label": in_force_label,
                    "source": cell.source.describe() if cell.source else "",
                    "cells": [f"{row}.issued", f"{row}.repealed", f"{row}.in_force"],
                    "prior": {"year": prior.year, "cell": f"{row}.in_force"},
                },
                {
                    "previous_in_force": before,
                    "issued": now["issued"],
                    "repealed": now["repealed"],
                    "in_force": now["in_force"],
                    "expected": expected,
                    "difference": now["in_force"] - expected,
                },
            )
        )
    return out


@check("T2.repeal_bound")
def repeal_bound(ctx: Context) -> Iterator[Finding | object]:
    """2021 format: 本年废止 ≤ last year's 现行有效 + 本年制发. Repealing no more than was issued this
    year passes without the previous report."""
    report = ctx.report
    if ctx.fmt.version != "2021":
        return skip("仅适用于2021版格式")
    prior = ctx.prior if ctx.prior is not None and ctx.prior.format.version == "2021" else None
    out: list = []
    undecided = False
    for row in DOC_ROWS:
        issued = usable(report.two.cell(row, "issued"))
        repealed = usable(report.two.cell(row, "repealed"))
        if issued is None or repealed is None or repealed <= issued:
            continue
        before = usable(prior.two.cell(row, "in_force")) if prior is not None else None
        if before is None:
            undecided = True
            continue
        if repealed <= before + issued:
            continue
        row_label, repealed_label = _label(ctx, "two", row, "repealed")
        cell = report.two.cell(row, "repealed")
        out.append(
            Finding(
                "T2.repeal_bound",
                f"表二“{row_label}”：“{repealed_label}”为{repealed}，超过上年度现行有效{before}与本年制发{issued}之和"
                f"{before + issued}。",
                {
                    "table": TABLE_NAMES["two"],
                    "row": row,
                    "row_label": row_label,
                    "column": "repealed",
                    "column_label": repealed_label,
                    "source": cell.source.describe() if cell.source else "",
                    "cells": [f"{row}.repealed"],
                },
                {
                    "repealed": repealed,
                    "previous_in_force": before,
                    "issued": issued,
                    "difference": repealed - before - issued,
                },  # fmt: skip
            )
        )
    if undecided and not out:
        out.append(skip(NO_PRIOR + "，废止件数多于本年制发件数，无法判断"))
    return out


ITEM_ROWS = ("licensing", "other_services", "penalty", "enforcement", "administrative_fees")


@check("T2.items_continuity")
def items_continuity(ctx: Context) -> Iterator[Finding]:
    """2019 format, report year 2020: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减."""
    report = ctx.report
    if ctx.fmt.version != "2019":
        return skip("仅适用于2019版格式")
    prior = _prior(ctx)
    if isinstance(prior, str):
        return skip(prior)
    if prior.format.version != "2019":
        return skip("上年度报告不是2019版格式")
    out = []
    for row in ITEM_ROWS:
        now = usable(report.two.cell(row, "items_last_year"))
        last = usable(prior.two.cell(row, "items_last_year"))
        change = usable(prior.two.cell(row, "items_change"), signed=True)
        if None in (now, last, change) or now == last + change:
            continue
        row_label, col_label = _label(ctx, "two", row, "items_last_year")
        change_label = _label(ctx, "two", row, "items_change")[1]
        cell = report.two.cell(row, "items_last_year")
        out.append(
            Finding(
                "T2.items_continuity",
                f"表二“{row_label}”：本年度“{col_label}”为{now}，{prior.year}年度报告为{last}"
                f"（“{change_label}”{change:+d}），应为{last + change}。",
                {
                    "table": TABLE_NAMES["two"],
                    "row": row,
                    "row_label": row_label,
                    "column": "items_last_year",
                    "column_label": col_label,
                    "source": cell.source.describe() if cell.source else "",
                    "cells": [f"{row}.items_last_year"],
                    "prior": {"year": prior.year, "cells": [f"{row}.items_last_year", f"{row}.items_change"]},
                },
                {
                    "value": now,
                    "previous": last,
                    "previous_change": change,
                    "expected": last + change,
                    "difference": now - last - change,
                },  # fmt: skip
            )
        )
    return out


# ---------------------------------------------------------------- X.similarity


def narrative(report: AnnualReport) -> str:
    """The prose of all sections, whitespace dropped and digits masked (copied text keeps its shape
    when only the year and the figures are updated)."""
    text = "".join(sec.text for sec in report.sections.values() if sec.found)
    return re.sub(r"\d", "0", re.sub(r"\s", "", text))


def shingles(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def shared_passages(text: str, other: set[str]) -> list[str]:
    """Maximal runs of `text` covered by shingles that also occur in the other text."""
    runs, start = [], None
    covered = [False] * len(text)
    for i in range(len(text) - SHINGLE + 1):
        if text[i : i + SHINGLE] in other:
            for j in range(i, i + SHINGLE):
                covered[j] = True
    for i, flag in enumerate([*covered, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= PASSAGE_MIN:
                runs.append(text[start:i])
            start = None
    return sorted(runs, key=len, reverse=True)


def _numbers(report: AnnualReport) -> dict[str, dict[str, object]]:
    return {
        name: {k: c.number for k, c in getattr(report, name).cells.items()}
        for name in ("two", "three", "four")
    }


@check("X.similarity")
def similarity(ctx: Context) -> Iterator[Finding]:
    """Narrative substantially copied from the previous report, or tables identical to it."""
    report = ctx.report
    prior = _prior(ctx, consecutive=False)
    if isinstance(prior, str):
        return skip(prior)
    out = []
    now, before = narrative(report), narrative(prior)
    a, b = shingles(now), shingles(before)
    if a and b:
        score = Fraction(len(a & b), len(a | b))
        threshold = Fraction(ctx.options.similarity_threshold)
        if score >= threshold:
            passages = shared_passages(now, b)[:PASSAGES_SHOWN]
            shown = Decimal(score.numerator) / Decimal(score.denominator)
            shown = shown.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            out.append(
                Finding(
                    "X.similarity",
                    f"正文与{prior.year}年度报告的相似度为{shown:.0%}（阈值{Decimal(ctx.options.similarity_threshold):.0%}），"
                    "内容可能雷同。相同段落如：" + "；".join(f"“{p[:60]}”" for p in passages[:2]) + "。",
                    {"section": None, "prior": {"year": prior.year, "agency": prior.agency}},
                    {
                        "score": str(shown),
                        "threshold": str(ctx.options.similarity_threshold),
                        "passages": passages,
                    },
                )
            )
    if report.format.version == prior.format.version and all(
        getattr(report, t).found and getattr(prior, t).found for t in ("two", "three", "four")
    ):
        mine, theirs = _numbers(report), _numbers(prior)
        zero = all(not v for table in (*mine.values(), *theirs.values()) for v in table.values())
        if mine == theirs and not zero:
            out.append(
                Finding(
                    "X.similarity",
                    f"表二、表三、表四的数字与{prior.year}年度报告完全相同，请核实是否沿用了上年度数据。",
                    {"section": None, "prior": {"year": prior.year, "agency": prior.agency}},
                    {"tables_identical": True},
                )
            )
    return out
