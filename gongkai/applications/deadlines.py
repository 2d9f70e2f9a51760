"""Deadlines of a case (DOMAIN §7.2–§7.6, §7.10) as pure functions over `gongkai.workdays`.

No Django here: models hand in dates, this module hands back due dates and `A.*` findings.
`WorkdayCalendar` answers from an index of working days, so recomputing many open cases after a
holiday edit stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.workdays import Pause, WorkdayCalendar

ANSWER_DAYS = 20  # art. 33
CORRECTION_REQUEST_DAYS = 7  # art. 30: correction notice within 7 working days of receipt
CONSULTATION_DAYS = 15  # arts. 32, 34: the consulted party answers within 15 working days
MAX_EXTENSION_DAYS = 20  # art. 33
FEE_PAYMENT_DAYS = 20  # fee rules (provincial implementing notices)
ONE_DAY = timedelta(days=1)


# ---------------------------------------------------------------- date of receipt (art. 31)

CHANNELS_BY_ARRIVAL = ("in_person",)
CHANNELS_BY_SIGNATURE = ("post_signed",)
CHANNELS_BY_CONFIRMATION = ("post_unsigned", "online", "fax", "email")


def date_of_receipt(
    channel: str, *, arrived_on: date | None, signed_on: date | None, confirmed_on: date | None
) -> date | None:
    """Art. 31: in person = submission day; signed post = signing day; unsigned post, internet,
    fax and e-mail = the confirmation day. None while that day is not yet known."""
    if channel in CHANNELS_BY_ARRIVAL:
        return arrived_on
    if channel in CHANNELS_BY_SIGNATURE:
        return signed_on
    if channel in CHANNELS_BY_CONFIRMATION:
        return confirmed_on
    raise ValueError(f"unknown channel {channel!r}")


# ---------------------------------------------------------------- the answer period


@dataclass(frozen=True)
class Consultation:
    """Arts. 32, 34: request sent on `sent_on`, received by the party on `delivered_on`."""

    sent_on: date
    delivered_on: date | None = None
    answered_on: date | None = None
    label: str = "征求意见"


def consultation_pause(cal: WorkdayCalendar, c: Consultation) -> Pause:
    """The pause of one consultation, never beyond the 15th working day after the party received
    the request (§7.4); an open consultation pauses up to that cap."""
    cap = cal.add_working_days(c.delivered_on or c.sent_on, CONSULTATION_DAYS)
    end = min(c.answered_on, cap) if c.answered_on else cap
    return Pause(c.sent_on, max(end, c.sent_on), c.label)


@dataclass(frozen=True)
class CaseClock:
    """What a case's answer deadline depends on."""

    received_on: date | None
    correction_requested_on: date | None = None
    correction_received_on: date | None = None
    consultations: Sequence[Consultation] = field(default_factory=tuple)
    extension_days: int = 0
    delay_until: date | None = None  # art. 35 reasonable delay: the agency's own date

    @property
    def clock_start(self) -> date | None:
        """Art. 30: a correction restarts the clock on the day it is received."""
        if self.correction_requested_on and not self.correction_received_on:
            return None  # waiting for the applicant: no answer clock runs
        return self.correction_received_on or self.received_on


def due_date(cal: WorkdayCalendar, clock: CaseClock) -> date | None:
    """The answer deadline: 20 working days (+ extension) from the clock start, pauses added."""
    if clock.delay_until is not None:
        return clock.delay_until
    start = clock.clock_start
    if start is None:
        return None
    pauses = [consultation_pause(cal, c) for c in clock.consultations]
    return cal.add_working_days(start, ANSWER_DAYS + clock.extension_days, pauses=pauses)


def original_due_date(cal: WorkdayCalendar, clock: CaseClock) -> date | None:
    """The deadline before any extension or art. 35 delay."""
    from dataclasses import replace

    return due_date(cal, replace(clock, extension_days=0, delay_until=None))


def correction_request_deadline(cal: WorkdayCalendar, received_on: date) -> date:
    return cal.add_working_days(received_on, CORRECTION_REQUEST_DAYS)


def fee_payment_deadline(cal: WorkdayCalendar, notice_received_on: date) -> date:
    """The applicant pays within 20 working days from the day after receiving the notice."""
    return cal.add_working_days(notice_received_on, FEE_PAYMENT_DAYS)


# ---------------------------------------------------------------- case checks (§7.10)


@dataclass(frozen=True)
class CaseFinding:
    check: str
    severity: str  # error / warning
    message: str


CASE_CHECKS = {
    "A.correction_late": (
        "warning",
        "补正通知晚于收到申请之日起7个工作日（应于{deadline}前发出，实际{sent}发出）",
    ),
    "A.correction_repeat": ("warning", "同一申请发出了第二次补正通知（条例要求一次性告知）"),
    "A.extension_unapproved": ("error", "延期答复没有政府信息公开工作机构负责人同意的记录，或没有告知申请人"),
    "A.extension_too_long": ("error", "延长答复期限{days}个工作日，超过20个工作日"),
    "A.extension_late": ("warning", "延期答复的决定或告知晚于原答复期限（{deadline}）"),
    "A.overdue": ("error", "答复期限为{deadline}，{what}"),
    "A.result_row": ("error", "已办结的申请没有有效的办理结果"),
    "A.calendar_missing": ("error", "缺少{year}年节假日安排数据，无法计算答复期限"),
}


def finding(check: str, **params: object) -> CaseFinding:
    severity, template = CASE_CHECKS[check]
    return CaseFinding(check, severity, template.format(**params))
