"""Read-only queries for pages: dashboards, a case's current `A.*` findings, the public status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.workdays import MissingHolidayData

from . import calendar as platform_calendar
from .deadlines import CaseFinding, finding
from .models import Application
from .vocab import OPEN_STATUSES, ApplicationStatus

DUE_SOON_DAYS = 5


@dataclass
class Row:
    case: Application
    days_left: int | None  # working days to the due date; negative = overdue


def dashboard(agency, today: date) -> dict[str, list[Row]]:
    cal = platform_calendar.current()
    sections: dict[str, list[Row]] = {
        "queued": [],
        "overdue": [],
        "due_soon": [],
        "no_due_date": [],
        "open": [],
    }
    cases = (
        Application.objects.filter(agency=agency, status__in=OPEN_STATUSES)
        .select_related("assignee")
        .order_by("due_date", "pk")
    )
    for case in cases:
        if case.queued_for_review:
            sections["queued"].append(Row(case, None))
            continue
        if case.due_date is None:
            sections["no_due_date"].append(Row(case, None))
            continue
        try:
            left = cal.working_days_between(today, case.due_date)
        except MissingHolidayData:
            left = None
        row = Row(case, left)
        if left is not None and left < 0:
            sections["overdue"].append(row)
        elif left is not None and left <= DUE_SOON_DAYS:
            sections["due_soon"].append(row)
        else:
            sections["open"].append(row)
    return sections


def case_findings(case: Application, today: date) -> list[CaseFinding]:
    """The A.* checks of DOMAIN §7.10 for one case, as of `today`."""
    out: list[CaseFinding] = []
    if "A.correction_late" in case.flags:
        c = case.corrections.filter(late=True).first()
        out.append(
            finding("A.correction_late", deadline="收到申请后第7个工作日", sent=c.requested_on if c else "—")
        )
    if "A.correction_repeat" in case.flags:
        out.append(finding("A.correction_repeat"))
    ext = getattr(case, "extension", None)
    if ext is not None:
        if not ext.approved_by_id or not ext.notice_sent_on:
            out.append(finding("A.extension_unapproved"))
        if ext.days > 20:
            out.append(finding("A.extension_too_long", days=ext.days))
        if ext.late:
            out.append(finding("A.extension_late", deadline=ext.original_due))
    if case.due_date_error:
        out.append(finding("A.calendar_missing", year=case.due_date_detail[2:6]))
    if case.status == ApplicationStatus.CLOSED:
        if not case.outcome:
            out.append(finding("A.result_row"))
        if "A.overdue" in case.flags:
            out.append(finding("A.overdue", deadline=case.due_date, what=f"实际于{case.concluded_on}答复"))
    elif case.due_date and today > case.due_date and case.status != ApplicationStatus.AWAITING_CORRECTION:
        out.append(finding("A.overdue", deadline=case.due_date, what="至今尚未答复"))
    return out


PUBLIC_STATUS = {
    ApplicationStatus.RECEIVED: "已收到，待受理",
    ApplicationStatus.IN_PROGRESS: "办理中",
    ApplicationStatus.AWAITING_CORRECTION: "待申请人补正",
    ApplicationStatus.IN_CONSULTATION: "办理中（征求意见，期间不计入答复期限）",
    ApplicationStatus.AWAITING_PAYMENT: "待缴纳信息处理费",
    ApplicationStatus.CLOSED: "已办结",
}


def public_status(case: Application) -> dict[str, str]:
    """What the tracking page may show: status and due date, nothing else."""
    if case.queued_for_review:
        status, due = "已收到，待人工审核确认", "确认收到申请后计算"
    else:
        status = PUBLIC_STATUS[ApplicationStatus(case.status)]
        if case.status == ApplicationStatus.CLOSED:
            due = "—"
        elif case.due_date:
            due = f"{case.due_date.year}年{case.due_date.month}月{case.due_date.day}日"
        elif case.status == ApplicationStatus.AWAITING_CORRECTION:
            due = "收到补正材料后重新计算"
        else:
            due = "正在确定"
    return {"case_number": case.case_number, "status": status, "due_date": due}
