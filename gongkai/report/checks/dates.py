"""X.late: publication by the art. 49 deadline or a stricter local one (DOMAIN §10.1).

Deadlines are calendar dates and do not move for weekends or holidays (inferred). Today's date is
injected through `CheckOptions.today`; no check reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..findings import Finding
from .registry import Context, check, skip

ART_49 = "《中华人民共和国政府信息公开条例》第四十九条"
KIND_NAMES = {
    "department": "县级以上人民政府部门",
    "government": "县级以上地方人民政府",
    "township": "乡镇、街道",
}


def statutory_deadline(year: int, kind: str | None) -> date | None:
    """Art. 49: departments by 1月31日, local governments by 3月31日 of the next year; the Regulation
    names no date for townships (set by local notice)."""
    if kind == "government":
        return date(year + 1, 3, 31)
    if kind == "township":
        return None
    return date(year + 1, 1, 31)


def deadline(ctx: Context) -> tuple[date, str] | str:
    """The strictest deadline that applies and the rule it comes from, or why there is none."""
    year = ctx.report.year
    if year is None:
        return "报告年度未知"
    kind = ctx.agency_kind
    candidates = []
    legal = statutory_deadline(year, kind)
    if legal is not None:
        who = KIND_NAMES.get(kind or "department", KIND_NAMES["department"])
        candidates.append((legal, f"{ART_49}（{who}）"))
    local = ctx.options.deadlines.get(year)
    if local is not None:
        candidates.append((local, ctx.options.deadline_rule or "本地主管部门规定的发布期限"))
    if not candidates:
        return "乡镇、街道的发布期限未配置"
    return min(candidates, key=lambda c: c[0])


@check("X.late")
def late(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    limit = deadline(ctx)
    if isinstance(limit, str):
        return skip(limit)
    due, rule = limit
    values = {"deadline": due, "rule": rule}
    if report.published_date is not None:
        if report.published_date <= due:
            return None
        days = (report.published_date - due).days
        return [
            Finding(
                "X.late",
                f"报告发布日期为{_cn(report.published_date)}，晚于{rule}的期限{_cn(due)}，逾期{days}天。",
                {"section": None, "date": "published_date"},
                {**values, "published_date": report.published_date, "days_late": days},
            )
        ]
    if report.signed_date is not None and report.signed_date > due:
        days = (report.signed_date - due).days
        return [
            Finding(
                "X.late",
                f"报告落款日期为{_cn(report.signed_date)}，已晚于{rule}的期限{_cn(due)}，逾期至少{days}天。",
                {"section": None, "date": "signed_date"},
                {**values, "signed_date": report.signed_date, "days_late": days},
            )
        ]
    today = ctx.options.today
    if today is not None and today > due:
        days = (today - due).days
        return [
            Finding(
                "X.late",
                f"截至{_cn(today)}报告尚未发布，已超过{rule}的期限{_cn(due)}{days}天。",
                {"section": None, "date": "today"},
                {**values, "today": today, "days_late": days},
            )
        ]
    return skip("发布日期未知")


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
