"""Every business action on a case: validate, write, append a `CaseEvent`, notify — in one
transaction. Nothing else calls `.save()` on these models.

Actions raise `ActionError(code, ...)` for a rule broken by the request, and Django's
`PermissionDenied` for a user without the permission. `version` is the optimistic lock: pass the
version the user saw, and an action on a case someone else changed meanwhile is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.workdays import HolidayArrangement, MissingHolidayData, WorkdayError

from . import calendar as platform_calendar
from . import deadlines, fees, letters, notify
from .errors import ActionError, ErrorCode
from .events import EventType, record
from .models import (
    Appeal,
    Applicant,
    Application,
    CaseEvent,
    Consultation,
    Correction,
    Extension,
    FeeNotice,
    HolidayOverride,
    LetterTemplate,
    ReplyLetter,
)
from .vocab import (
    NOTICE_KINDS,
    OPEN_STATUSES,
    AppealKind,
    AppealResult,
    AppealRole,
    ApplicationStatus,
    Channel,
    ConsultationKind,
    ExcessiveDecision,
    FeeMethod,
    LetterKind,
    Outcome,
    outcome_label,
)

ONE_DAY = timedelta(days=1)
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
# outcomes that only their own procedure may produce
PROCEDURAL_OUTCOMES = {
    "other_no_correction": "补正期限届满后由系统按逾期不补正处理",
    "other_fee_unpaid": "缴费期限届满后由系统按逾期未缴费处理",
    "not_processed_excessive": "依第三十五条处理（申请数量、频次明显超过合理范围）",
}


def today() -> date:
    return timezone.localdate()


def _setting(name: str, default):
    return getattr(settings, name, default)


def _hash(*parts: object) -> str:
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(f"{settings.SECRET_KEY}\x1e{text}".encode()).hexdigest()


def applicant_key(id_type: str, id_number: str, name: str = "") -> str:
    """A keyed hash that recognises the same applicant without storing who it is again."""
    number = "".join(str(id_number).split()).upper()
    return _hash("applicant", id_type, number or "".join(str(name).split()))


# ---------------------------------------------------------------- shared steps


def _locked(case: Application, version: int | None) -> Application:
    """Re-read the case under a row lock; refuse a stale version or a closed case."""
    fresh = Application.objects.select_for_update().select_related("agency").get(pk=case.pk)
    if version is not None and int(version) != fresh.version:
        raise ActionError(ErrorCode.STALE, current=fresh.version, given=version)
    return fresh


def _open(case: Application) -> None:
    if case.status == ApplicationStatus.CLOSED:
        raise ActionError(ErrorCode.CLOSED)


def _open_case(
    case: Application, *, actor, version: int | None, permission: str = "handle_case"
) -> Application:
    """Every handling step starts here: the case locked at the version the actor saw, the actor
    allowed to act on it, and the case still open."""
    case = _locked(case, version)
    permissions.require(actor, permission, case.agency)
    _open(case)
    return case


def _received(case: Application) -> date:
    if case.received_on is None:
        raise ActionError(ErrorCode.NOT_RECEIVED)
    return case.received_on


def _save(case: Application, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version"])


def _flag(case: Application, check: str, on: bool = True) -> None:
    flags = [f for f in case.flags if f != check]
    if on:
        flags.append(check)
    case.flags = sorted(flags)


def _day(value: date | None, what: str, *, not_before: date | None = None, default_today=True) -> date:
    if value is None:
        if not default_today:
            raise ActionError(ErrorCode.DATE_MISSING, what=what)
        value = today()
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    if value > today():
        raise ActionError(ErrorCode.DATE_IN_FUTURE, what=what, date=value.isoformat())
    if not_before is not None and value < not_before:
        raise ActionError(
            ErrorCode.DATE_BEFORE_RECEIPT, what=what, date=value.isoformat(), received=not_before.isoformat()
        )
    return value


def clock_of(case: Application) -> deadlines.CaseClock:
    correction = case.corrections.order_by("-pk").first()
    labels = dict(ConsultationKind.choices)
    return deadlines.CaseClock(
        received_on=case.received_on,
        correction_requested_on=correction.requested_on if correction else None,
        correction_received_on=correction.received_on if correction else None,
        consultations=tuple(
            deadlines.Consultation(c.sent_on, c.delivered_on, c.answered_on, labels.get(c.kind, ""))
            for c in case.consultations.all()
        ),
        extension_days=case.extension_days,
        delay_until=case.delay_until,
    )


def _apply_due(case: Application, cal, clock: deadlines.CaseClock) -> None:
    """Set due_date from the clock; a missing holiday year shows as an error, never a guess."""
    try:
        case.due_date = deadlines.due_date(cal, clock)
        case.due_date_error = case.due_date_detail = ""
        case.due_date_provisional = None
    except MissingHolidayData as exc:
        case.due_date = None
        case.due_date_error = exc.code
        case.due_date_detail = exc.message
        case.due_date_provisional = _provisional(cal, clock)


def _provisional(cal, clock: deadlines.CaseClock) -> date | None:
    """A weekends-only estimate, labelled 暂估 wherever it is shown (DOMAIN §8)."""
    if clock.delay_until is not None or clock.clock_start is None:
        return clock.delay_until
    wc = cal
    try:
        pauses = [
            (c.sent_on, min(c.answered_on or date.max, _prov_add(wc, c.delivered_on or c.sent_on, 15)))
            for c in clock.consultations
        ]
        return wc.add_working_days_provisional(
            clock.clock_start, deadlines.ANSWER_DAYS + clock.extension_days, pauses=pauses
        ).due
    except WorkdayError:
        return None


def _prov_add(wc, start: date, n: int) -> date:
    return wc.add_working_days_provisional(start, n).due


DUE_FIELDS = ("due_date", "due_date_error", "due_date_detail", "due_date_provisional", "flags")


def _recompute(case: Application) -> tuple[date | None, date | None]:
    before = case.due_date
    _apply_due(case, platform_calendar.current(), clock_of(case))
    return before, case.due_date


def _shown(d: date | None, case: Application | None = None) -> str:
    if d is not None:
        return d.isoformat()
    if case is not None and case.due_date_error:
        return "无法计算（缺少节假日安排数据）"
    return "—"


def _add(start: date, n: int) -> date:
    try:
        return platform_calendar.current().add_working_days(start, n)
    except MissingHolidayData as exc:
        raise ActionError(ErrorCode.CALENDAR_MISSING, year=exc.year) from exc


# ---------------------------------------------------------------- intake


def _next_serial(agency: Agency, year: int) -> int:
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # serialises numbering per agency
    last = Application.objects.filter(agency=agency, year=year).aggregate(m=Max("serial"))["m"]
    return (last or 0) + 1


def _tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(16))


def _throttled(source_key: str, person_key: str) -> bool:
    """Over the limits the submission is kept but queued for staff, never dropped."""
    now = timezone.now()
    per_source = _setting("GONGKAI_APPLICATIONS_PER_ADDRESS_PER_HOUR", 5)
    per_person = _setting("GONGKAI_APPLICATIONS_PER_APPLICANT_PER_DAY", 10)
    recent = Application.objects.filter(channel=Channel.ONLINE)
    if (
        source_key
        and recent.filter(source_key=source_key, created_at__gte=now - timedelta(hours=1)).count()
        >= per_source
    ):
        return True
    return (
        recent.filter(applicant_key=person_key, created_at__gte=now - timedelta(days=1)).count() >= per_person
    )


@transaction.atomic
def receive_application(
    agency: Agency,
    *,
    channel: str,
    applicant_type: str,
    applicant: dict,
    request_description: str,
    delivery_form: str,
    delivery_method: str,
    arrived_at: datetime | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    actor=None,
    idempotency_key: str | None = None,
    source: str | None = None,
    id_document=None,
) -> tuple[Application, bool]:
    """A new case from the online form (actor None) or staff entry; returns (case, created).

    The same submission twice — the same idempotency key, or the same applicant, request and
    agency within a few minutes — gives back the first case instead of a second one.
    """
    if actor is not None:
        permissions.require(actor, "handle_case", agency)
    if channel not in Channel.values:
        raise ValueError(channel)
    if idempotency_key:
        existing = Application.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing, False
    person = applicant_key(
        applicant.get("id_type", ""), applicant.get("id_number", ""), applicant.get("name", "")
    )
    content = _hash(
        "content", agency.pk, person, " ".join(request_description.split()), delivery_form, delivery_method
    )
    window = timedelta(minutes=_setting("GONGKAI_APPLICATIONS_DUPLICATE_MINUTES", 10))
    duplicate = (
        Application.objects.filter(content_hash=content, created_at__gte=timezone.now() - window)
        .order_by("pk")
        .first()
    )
    if duplicate:
        record(duplicate, EventType.DUPLICATE_SUBMISSION, actor=actor)
        return duplicate, False

    now = timezone.now()
    arrived_at = arrived_at or now
    arrived_on = timezone.localdate(arrived_at)
    source_key = _hash("source", source) if source else ""
    queued = channel == Channel.ONLINE and actor is None and _throttled(source_key, person)
    if channel == Channel.ONLINE and not queued:
        confirmed_on = arrived_on  # the case number issued on screen is the two-sided confirmation
    received_on = deadlines.date_of_receipt(
        channel, arrived_on=arrived_on, signed_on=signed_on, confirmed_on=confirmed_on
    )
    for what, d in (("签收日期", signed_on), ("确认日期", confirmed_on), ("到达时间", arrived_on)):
        if d is not None and d > today():
            raise ActionError(ErrorCode.DATE_IN_FUTURE, what=what, date=d.isoformat())
    year = (received_on or arrived_on).year
    try:
        with transaction.atomic():
            serial = _next_serial(agency, year)
            case = Application(
                agency=agency,
                year=year,
                serial=serial,
                case_number=f"{agency.code}-{year}-{serial:05d}",
                tracking_code=_tracking_code(),
                channel=channel,
                arrived_at=arrived_at,
                signed_on=signed_on,
                confirmed_on=confirmed_on,
                received_on=received_on,
                applicant_type=applicant_type,
                request_description=request_description.strip(),
                delivery_form=delivery_form,
                delivery_method=delivery_method,
                status=ApplicationStatus.RECEIVED,
                queued_for_review=queued,
                idempotency_key=idempotency_key or None,
                content_hash=content,
                applicant_key=person,
                source_key=source_key,
                assignee=actor if actor is not None else None,
            )
            _apply_due(case, platform_calendar.current(), clock_of_new(case))
            case.save()
    except IntegrityError:
        if idempotency_key:
            existing = Application.objects.filter(idempotency_key=idempotency_key).first()
            if existing:
                return existing, False
        raise
    fields = {k: applicant.get(k, "") for k in (
        "name", "id_type", "id_number", "contact_person", "phone", "email", "address", "postal_code"
    )}  # fmt: skip
    person_row = Applicant(application=case, **fields)
    if id_document is not None:
        person_row.id_document.save(getattr(id_document, "name", "id.bin"), id_document, save=False)
    person_row.save()
    record(
        case,
        EventType.RECEIVED,
        actor=actor,
        channel=Channel(channel).label,
        received_on=_shown(received_on),
        due_date=_shown(case.due_date, case),
    )
    if queued:
        record(case, EventType.QUEUED)
    notify.staff(
        case, "收到新的政府信息公开申请", f"{agency.name}收到一件新的申请（{Channel(channel).label}）。"
    )
    return case, True


def clock_of_new(case: Application) -> deadlines.CaseClock:
    return deadlines.CaseClock(received_on=case.received_on)


@transaction.atomic
def acknowledge(case: Application, *, actor, assignee=None, version: int | None = None) -> Application:
    """Staff take the case on; for a queued online submission this is the confirmation (art. 31)."""
    case = _open_case(case, actor=actor, version=version)
    fields = ["status", "assignee"]
    if case.queued_for_review:
        case.queued_for_review = False
        case.confirmed_on = today()
        case.received_on = case.confirmed_on
        _recompute(case)
        fields += ["queued_for_review", "confirmed_on", "received_on", *DUE_FIELDS]
        record(case, EventType.ACCEPTED_FROM_QUEUE, actor=actor, received_on=case.received_on,
               due_date=_shown(case.due_date, case))  # fmt: skip
    _received(case)
    if case.status == ApplicationStatus.RECEIVED:
        case.status = ApplicationStatus.IN_PROGRESS
    case.assignee = assignee or case.assignee or actor
    _save(case, *fields)
    record(case, EventType.ACKNOWLEDGED, actor=actor)
    record(
        case,
        EventType.ASSIGNED,
        actor=actor,
        assignee=case.assignee.get_full_name() or case.assignee.username,
    )
    return case


# ---------------------------------------------------------------- correction (art. 30)


@transaction.atomic
def request_correction(
    case: Application,
    *,
    actor,
    items: str,
    respond_by: date,
    sent_on: date | None = None,
    repeat_reason: str = "",
    version: int | None = None,
) -> Correction:
    """One correction notice listing everything to correct (一次性告知), within 7 working days."""
    case = _open_case(case, actor=actor, version=version)
    received = _received(case)
    sent_on = _day(sent_on, "补正通知发出日期", not_before=received)
    earlier = case.corrections.exists()
    if earlier and not repeat_reason.strip():
        raise ActionError(ErrorCode.CORRECTION_REPEAT)
    if respond_by is None or respond_by <= sent_on:
        raise ActionError(ErrorCode.CORRECTION_PERIOD_BAD, date=respond_by, sent=sent_on.isoformat())
    late = sent_on > _add(received, deadlines.CORRECTION_REQUEST_DAYS)
    correction = Correction.objects.create(
        case=case, requested_on=sent_on, respond_by=respond_by, items=items.strip(),
        late=late, repeat=earlier, repeat_reason=repeat_reason.strip(),
    )  # fmt: skip
    if late:
        _flag(case, "A.correction_late")
    if earlier:
        _flag(case, "A.correction_repeat")
    case.status = ApplicationStatus.AWAITING_CORRECTION
    _recompute(case)
    _save(case, "status", *DUE_FIELDS)
    letter = _issue(case, LetterKind.CORRECTION_NOTICE, dated=sent_on, actor=actor, values={
        "发出日期": letters.cn_date(sent_on), "补正事项": correction.items, "补正期限": letters.cn_date(respond_by),
    })  # fmt: skip
    record(case, EventType.CORRECTION_REQUESTED, actor=actor, respond_by=respond_by, items=items, late=late,
           letter=letter.pk, title=letter.title)  # fmt: skip
    return correction


@transaction.atomic
def receive_correction(
    case: Application, *, actor, received_on: date | None = None, version: int | None = None
) -> Application:
    """Art. 30: the answer period counts again from the day the correction is received."""
    case = _open_case(case, actor=actor, version=version)
    correction = case.corrections.order_by("-pk").first()
    if correction is None:
        raise ActionError(ErrorCode.CORRECTION_NOT_REQUESTED)
    if correction.received_on is not None:
        raise ActionError(ErrorCode.CORRECTION_ALREADY_RECEIVED)
    correction.received_on = _day(received_on, "收到补正之日", not_before=correction.requested_on)
    correction.save(update_fields=["received_on"])
    case.status = ApplicationStatus.IN_PROGRESS
    _recompute(case)
    _save(case, "status", *DUE_FIELDS)
    record(case, EventType.CORRECTION_RECEIVED, actor=actor, received_on=correction.received_on,
           due_date=_shown(case.due_date, case))  # fmt: skip
    return case


def close_for_no_correction(case: Application, *, actor=None, on: date | None = None) -> Application:
    """No correction by its deadline: deemed abandoned (other_no_correction), concluded on the
    day after the last day of the correction period (DOMAIN §7.9, inferred)."""
    on = on or today()
    with transaction.atomic():
        case = _locked(case, None)
        _open(case)
        correction = case.corrections.order_by("-pk").first()
        if correction is None or correction.received_on is not None:
            raise ActionError(ErrorCode.CORRECTION_NOT_REQUESTED)
        if on <= correction.respond_by:
            raise ActionError(ErrorCode.CORRECTION_NOT_EXPIRED, date=correction.respond_by.isoformat())
        return _close(
            case, actor=actor, outcome="other_no_correction", concluded_on=correction.respond_by + ONE_DAY
        )


# ---------------------------------------------------------------- consultation (arts. 32, 34)


@transaction.atomic
def start_consultation(
    case: Application,
    *,
    actor,
    kind: str,
    party: str,
    sent_on: date | None = None,
    delivered_on: date | None = None,
    version: int | None = None,
) -> Consultation:
    """The days of a consultation do not count, up to 15 working days after the party receives it."""
    case = _open_case(case, actor=actor, version=version)
    received = _received(case)
    if case.consultations.filter(answered_on__isnull=True).exists():
        raise ActionError(ErrorCode.CONSULTATION_OPEN)
    if kind not in ConsultationKind.values:
        raise ValueError(kind)
    sent_on = _day(sent_on, "征求意见发出日期", not_before=received)
    if delivered_on is not None:
        delivered_on = _day(delivered_on, "对方收到日期", not_before=sent_on)
    c = Consultation.objects.create(
        case=case, kind=kind, party=party.strip(), sent_on=sent_on, delivered_on=delivered_on
    )
    case.status = ApplicationStatus.IN_CONSULTATION
    _recompute(case)
    _save(case, "status", *DUE_FIELDS)
    issued = {}
    if kind == ConsultationKind.CONSULTATION:  # art. 32: the third party is consulted in writing
        letter = _issue(case, LetterKind.CONSULTATION_LETTER, dated=sent_on, actor=actor, values={
            "发出日期": letters.cn_date(sent_on), "第三方名称": c.party,
            "征求意见答复期限": _consultation_period(delivered_on),
        })  # fmt: skip
        issued = {"letter": letter.pk, "title": letter.title}
    record(case, EventType.CONSULTATION_STARTED, actor=actor, kind=ConsultationKind(kind).label,
           party=c.party, sent_on=sent_on, **issued)  # fmt: skip
    return c


def _consultation_period(delivered_on: date | None) -> str:
    """Art. 32: 15 working days from the third party's receipt, with the date once it is known."""
    period = f"自收到本函之日起{deadlines.CONSULTATION_DAYS}个工作日内"
    if delivered_on is None:
        return period
    try:
        last = platform_calendar.current().add_working_days(delivered_on, deadlines.CONSULTATION_DAYS)
    except MissingHolidayData:
        return period
    return f"{period}（即{letters.cn_date(last)}前）"


@transaction.atomic
def end_consultation(
    case: Application, *, actor, answered_on: date | None = None, answer: str = "", version: int | None = None
) -> Consultation:
    case = _open_case(case, actor=actor, version=version)
    c = case.consultations.filter(answered_on__isnull=True).order_by("-pk").first()
    if c is None:
        raise ActionError(ErrorCode.CONSULTATION_NOT_OPEN)
    c.answered_on = _day(answered_on, "收到答复日期", not_before=c.sent_on)
    c.answer = answer.strip()
    c.save(update_fields=["answered_on", "answer"])
    case.status = ApplicationStatus.IN_PROGRESS
    _recompute(case)
    _save(case, "status", *DUE_FIELDS)
    record(case, EventType.CONSULTATION_ENDED, actor=actor, party=c.party, answered_on=c.answered_on,
           due_date=_shown(case.due_date, case))  # fmt: skip
    return c


# ---------------------------------------------------------------- extension (art. 33), art. 35


@transaction.atomic
def grant_extension(
    case: Application,
    *,
    actor,
    days: int,
    reason: str,
    notice_sent_on: date | None = None,
    version: int | None = None,
) -> Extension:
    """Art. 33: at most 20 more working days, approved by the head of the disclosure office and
    notified to the applicant; after the original deadline it is flagged A.extension_late."""
    case = _open_case(case, actor=actor, version=version, permission="approve_extension")
    _received(case)
    if hasattr(case, "extension"):
        raise ActionError(ErrorCode.EXTENSION_ALREADY_GRANTED)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= deadlines.MAX_EXTENSION_DAYS:
        raise ActionError(ErrorCode.EXTENSION_TOO_LONG, days=days)
    if case.due_date is None:
        if case.due_date_error:
            raise ActionError(ErrorCode.CALENDAR_MISSING, year=case.due_date_detail[2:6])
        raise ActionError(ErrorCode.NOT_RECEIVED)
    approved_on = today()
    notice = _day(notice_sent_on, "告知申请人日期", not_before=case.received_on)
    original = case.due_date
    late = max(approved_on, notice) > original
    ext = Extension.objects.create(
        case=case, days=days, reason=reason.strip(), approved_by=actor, approved_on=approved_on,
        notice_sent_on=notice, original_due=original, late=late,
    )  # fmt: skip
    case.extension_days = days
    _flag(case, "A.extension_late", late)
    before, after = _recompute(case)
    if after is None:  # the notice must tell the applicant the new deadline
        raise ActionError(ErrorCode.CALENDAR_MISSING, year=case.due_date_detail[2:6])
    _save(case, "extension_days", *DUE_FIELDS)
    letter = _issue(case, LetterKind.EXTENSION_NOTICE, dated=notice, actor=actor, values={
        "发出日期": letters.cn_date(notice), "延长天数": str(days), "延期理由": _clause(reason),
        "原答复期限": letters.cn_date(original), "新的答复期限": letters.cn_date(after),
    })  # fmt: skip
    record(case, EventType.EXTENSION_GRANTED, actor=actor, days=days, before=before, after=_shown(after, case),
           reason=reason, notice_sent_on=notice, letter=letter.pk, title=letter.title)  # fmt: skip
    return ext


@transaction.atomic
def handle_excessive(
    case: Application,
    *,
    actor,
    decision: str,
    reason: str,
    delay_until: date | None = None,
    note: str = "",
    version: int | None = None,
) -> Application:
    """Art. 35: unreasonable reasons → not_processed_excessive; reasonable → a delayed deadline."""
    case = _open_case(case, actor=actor, version=version)
    _received(case)
    if decision == ExcessiveDecision.NOT_PROCESSED:
        record(case, EventType.EXCESSIVE_HANDLED, actor=actor, decision=ExcessiveDecision(decision).label,
               reason=reason)  # fmt: skip
        return _close(case, actor=actor, outcome="not_processed_excessive", concluded_on=today(), note=note)
    if decision != ExcessiveDecision.REASONABLE_DELAY:
        raise ValueError(decision)
    current = case.due_date
    if delay_until is None or (current is not None and delay_until <= current) or delay_until <= today():
        raise ActionError(ErrorCode.DELAY_DATE_BAD, date=delay_until, due=_shown(current, case))
    case.delay_until = delay_until
    before, after = _recompute(case)
    _save(case, "delay_until", *DUE_FIELDS)
    record(case, EventType.EXCESSIVE_HANDLED, actor=actor,
           decision=f"{ExcessiveDecision(decision).label}，答复期限由{_shown(before)}改为{after.isoformat()}",
           reason=reason)  # fmt: skip
    return case


# ---------------------------------------------------------------- fees (国办函〔2020〕109号)


def month_position(case: Application) -> int:
    """The case's place among its applicant's applications to this agency in its calendar month."""
    received = _received(case)
    first = received.replace(day=1)
    same = Application.objects.filter(
        agency=case.agency,
        applicant_key=case.applicant_key,
        received_on__gte=first,
        received_on__lte=received,
    )
    earlier = same.filter(received_on__lt=received).count()
    same_day = same.filter(received_on=received, serial__lte=case.serial).count()
    return earlier + same_day


def fee_for(case: Application, method: str, pages: int | None = None) -> fees.FeeCalculation:
    if method == FeeMethod.PER_APPLICATION:
        return fees.per_application_marginal(month_position(case))
    if method == FeeMethod.PER_VOLUME:
        try:
            return fees.per_volume(pages)
        except fees.FeeInputError as exc:
            raise ActionError(ErrorCode.FEE_QUANTITY_BAD, message=exc.message) from exc
    raise ValueError(method)


@transaction.atomic
def send_fee_notice(
    case: Application,
    *,
    actor,
    method: str,
    pages: int | None = None,
    sent_on: date | None = None,
    version: int | None = None,
) -> FeeNotice:
    """One method per case, computed by the system, sent within the answer period."""
    case = _open_case(case, actor=actor, version=version)
    received = _received(case)
    if hasattr(case, "fee_notice"):
        raise ActionError(ErrorCode.FEE_ALREADY_NOTIFIED)
    sent_on = _day(sent_on, "收费通知发出日期", not_before=received)
    if case.due_date is not None and sent_on > case.due_date:
        raise ActionError(ErrorCode.FEE_NOTICE_LATE, due=case.due_date.isoformat())
    calc = fee_for(case, method, pages)
    if calc.amount == 0:
        raise ActionError(ErrorCode.FEE_QUANTITY_BAD, message="按该方式计算的费用为0元，无需发出收费通知。")
    notice = FeeNotice.objects.create(
        case=case, method=method, quantity=calc.quantity, amount=calc.amount, calculation=calc.text(),
        sent_on=sent_on, pay_by=_add(sent_on, deadlines.FEE_PAYMENT_DAYS),
    )  # fmt: skip
    case.status = ApplicationStatus.AWAITING_PAYMENT
    _save(case, "status")
    letter = _issue(case, LetterKind.FEE_NOTICE, dated=sent_on, actor=actor, values={
        "发出日期": letters.cn_date(sent_on), "计收方式": FeeMethod(method).label, "费用金额": str(calc.amount),
        "计算方式": calc.text(), "缴费期限": letters.cn_date(notice.pay_by),
    })  # fmt: skip
    record(case, EventType.FEE_NOTICE_SENT, actor=actor, method=FeeMethod(method).label, amount=calc.amount,
           pay_by=notice.pay_by, calculation=calc.text(), letter=letter.pk, title=letter.title)  # fmt: skip
    return notice


@transaction.atomic
def record_payment(
    case: Application, *, actor, paid_on: date | None = None, version: int | None = None
) -> FeeNotice:
    case = _open_case(case, actor=actor, version=version)
    notice = getattr(case, "fee_notice", None)
    if notice is None:
        raise ActionError(ErrorCode.FEE_NOT_NOTIFIED)
    if notice.paid_on is not None:
        raise ActionError(ErrorCode.FEE_ALREADY_PAID)
    notice.paid_on = _day(paid_on, "缴费日期", not_before=notice.sent_on)
    notice.save(update_fields=["paid_on"])
    case.status = ApplicationStatus.IN_PROGRESS
    _save(case, "status")
    record(case, EventType.FEE_PAID, actor=actor, paid_on=notice.paid_on)
    return notice


def close_for_unpaid_fee(case: Application, *, actor=None, on: date | None = None) -> Application:
    """Unpaid 20 working days after the notice: other_fee_unpaid, concluded the day after."""
    on = on or today()
    with transaction.atomic():
        case = _locked(case, None)
        _open(case)
        notice = getattr(case, "fee_notice", None)
        if notice is None:
            raise ActionError(ErrorCode.FEE_NOT_NOTIFIED)
        if notice.paid_on is not None:
            raise ActionError(ErrorCode.FEE_ALREADY_PAID)
        if on <= notice.pay_by:
            raise ActionError(ErrorCode.FEE_NOT_EXPIRED, date=notice.pay_by.isoformat())
        return _close(case, actor=actor, outcome="other_fee_unpaid", concluded_on=notice.pay_by + ONE_DAY)


# ---------------------------------------------------------------- closing and the reply letter


def _template(agency: Agency, kind: str, outcome: str = "") -> tuple[LetterTemplate | None, str, str, str]:
    t = LetterTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome).first()
    if t is not None:
        return t, t.title, t.body, t.legal_basis
    title, basis, body = letters.default_template(outcome or kind)
    return None, title, body, basis


def _issue(
    case: Application,
    kind: str,
    *,
    dated: date,
    values: dict[str, str],
    actor,
    outcome: str = "",
    body: str | None = None,
) -> ReplyLetter:
    """Fill the agency's template (or the default) for this letter, render it to DOCX and PDF and
    keep it beside the case. A rendering failure refuses the whole action (LETTER_FAILED)."""
    template, title, text, basis = _template(case.agency, kind, outcome)
    applicant = getattr(case, "applicant", None)
    values = {
        "申请人": applicant.name if applicant else "申请人",
        "申请编号": case.case_number,
        "收到申请日期": letters.cn_date(case.received_on) if case.received_on else "",
        "申请内容": case.request_description,
        "机关名称": case.agency.name,
        **values,
    }
    allowed = letters.placeholders(outcome or kind)  # the consultation letter never names the applicant
    values = {k: v for k, v in values.items() if k in allowed}
    filled = letters.fill(body if body is not None else text, values)
    doc = letters.Letter(title=title, body=filled, agency_name=case.agency.name, dated=dated,
                         case_number=case.case_number)  # fmt: skip
    try:
        docx = letters.render_docx(doc)
        pdf = letters.render_pdf(doc)
    except Exception as exc:
        raise ActionError(ErrorCode.LETTER_FAILED, title=title, message=str(exc)) from exc
    letter = ReplyLetter(case=case, kind=kind, outcome=outcome, title=title, body=filled, legal_basis=basis,
                         template=template, dated=dated, created_by=actor if actor else None)  # fmt: skip
    stem = f"{case.case_number}-{outcome or kind}"
    letter.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    letter.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    letter.save()
    return letter


def _letter(
    case: Application, outcome: str, dated: date, note: str, actor, body: str | None = None
) -> ReplyLetter:
    values = {"答复日期": letters.cn_date(dated), "说明": note.strip()}
    return _issue(case, LetterKind.REPLY_LETTER, outcome=outcome, dated=dated, values=values, actor=actor,
                  body=body)  # fmt: skip


def _clause(text: str) -> str:
    """Free text to go inside a sentence of a letter: no trailing full stop."""
    return text.strip().rstrip("。；;，,.、 ")


def _close(
    case: Application, *, actor, outcome: str, concluded_on: date, note: str = "", body: str | None = None
) -> Application:
    received = _received(case)
    if concluded_on < received:
        raise ActionError(ErrorCode.DATE_BEFORE_RECEIPT, what="答复日期", date=concluded_on.isoformat(),
                          received=received.isoformat())  # fmt: skip
    letter = _letter(case, outcome, concluded_on, note, actor, body)
    case.outcome = outcome
    case.concluded_on = concluded_on
    case.status = ApplicationStatus.CLOSED
    if case.due_date is not None and concluded_on > case.due_date and outcome not in PROCEDURAL_OUTCOMES:
        _flag(case, "A.overdue")
    _save(case, "outcome", "concluded_on", "status", "flags")
    record(case, EventType.CLOSED, actor=actor, outcome=outcome_label(outcome), concluded_on=concluded_on)
    record(case, EventType.LETTER_ISSUED, actor=actor, title=letter.title, letter=letter.pk)
    return case


@transaction.atomic
def close_case(
    case: Application,
    *,
    actor,
    outcome: str,
    note: str = "",
    answered_on: date | None = None,
    body: str | None = None,
    version: int | None = None,
) -> Application:
    """Conclude with exactly one table-三 result row and a reply letter (DOCX + PDF) kept with it."""
    case = _open_case(case, actor=actor, version=version)
    received = _received(case)
    if outcome not in Outcome.values:
        raise ActionError(ErrorCode.OUTCOME_INVALID)
    if outcome in PROCEDURAL_OUTCOMES:
        raise ActionError(ErrorCode.OUTCOME_NEEDS_PROCEDURE, outcome=outcome_label(outcome),
                          how=PROCEDURAL_OUTCOMES[outcome])  # fmt: skip
    if (
        outcome == "unavailable_still_unclear"
        and not case.corrections.filter(received_on__isnull=False).exists()
    ):
        raise ActionError(ErrorCode.OUTCOME_NEEDS_PROCEDURE, outcome=outcome_label(outcome),
                          how="须先发出补正通知并收到补正材料")  # fmt: skip
    answered_on = _day(answered_on, "答复日期", not_before=received)
    return _close(case, actor=actor, outcome=outcome, concluded_on=answered_on, note=note, body=body)


# ---------------------------------------------------------------- appeals (table 四)


@transaction.atomic
def record_appeal(
    case: Application,
    *,
    actor,
    kind: str,
    filed_on: date,
    role: str = AppealRole.ORIGINAL_AGENCY,
    result: str = AppealResult.PENDING,
    decided_on: date | None = None,
    reference: str = "",
    follows: Appeal | None = None,
    agency: Agency | None = None,
) -> Appeal:
    """A reconsideration or suit about a case; the co-defendant organ's record never counts."""
    agency = agency or case.agency
    permissions.require(actor, "handle_case", agency)
    if kind not in AppealKind.values or role not in AppealRole.values or result not in AppealResult.values:
        raise ActionError(ErrorCode.APPEAL_INVALID, message="类型、角色或结果无效。")
    if role == AppealRole.CO_DEFENDANT and kind != AppealKind.SUIT_AFTER_RECONSIDERATION:
        raise ActionError(ErrorCode.APPEAL_INVALID, message="复议机关作共同被告只适用于复议后起诉的案件。")
    filed_on = _day(filed_on, "申请或起诉日期", default_today=False)
    decided_on = _decided(result, decided_on, filed_on)
    if follows is not None and (follows.kind != AppealKind.RECONSIDERATION or follows.case_id != case.pk):
        raise ActionError(ErrorCode.APPEAL_INVALID, message="复议后起诉只能关联同一申请的行政复议记录。")
    appeal = Appeal.objects.create(
        case=case, agency=agency, kind=kind, role=role, filed_on=filed_on, result=result,
        decided_on=decided_on, reference=reference.strip(), follows=follows,
    )  # fmt: skip
    record(case, EventType.APPEAL_RECORDED, actor=actor, kind=AppealKind(kind).label, filed_on=filed_on,
           result=AppealResult(result).label, appeal=appeal.pk)  # fmt: skip
    return appeal


def _decided(result: str, decided_on: date | None, filed_on: date) -> date | None:
    if result == AppealResult.PENDING:
        return None
    if decided_on is None:
        raise ActionError(ErrorCode.APPEAL_INVALID, message="已审结的案件请填写审结日期。")
    decided_on = _day(decided_on, "审结日期", default_today=False)
    if decided_on < filed_on:
        raise ActionError(ErrorCode.APPEAL_INVALID, message="审结日期不能早于申请或起诉日期。")
    return decided_on


@transaction.atomic
def update_appeal(appeal: Appeal, *, actor, result: str, decided_on: date | None = None) -> Appeal:
    permissions.require(actor, "handle_case", appeal.agency)
    if result not in AppealResult.values:
        raise ActionError(ErrorCode.APPEAL_INVALID, message="结果无效。")
    appeal.decided_on = _decided(result, decided_on, appeal.filed_on)
    appeal.result = result
    appeal.save(update_fields=["result", "decided_on"])
    record(appeal.case, EventType.APPEAL_UPDATED, actor=actor, kind=appeal.get_kind_display(),
           result=appeal.get_result_display(), appeal=appeal.pk)  # fmt: skip
    return appeal


# ---------------------------------------------------------------- letter templates


def template_kind(key: str) -> str:
    """The letter kind a template key names: a notice kind, or an outcome (its reply letter)."""
    if key in NOTICE_KINDS:
        return key
    if key in Outcome.values:
        return LetterKind.REPLY_LETTER
    raise ActionError(ErrorCode.OUTCOME_INVALID)


@transaction.atomic
def save_letter_template(
    agency: Agency,
    *,
    actor,
    key: str,
    title: str,
    body: str,
    legal_basis: str,
    version: int | None = None,
) -> LetterTemplate:
    """The agency's wording of one letter; `key` is an outcome (its reply letter) or a notice kind."""
    permissions.require(actor, "edit_letter_templates", agency)
    kind = template_kind(key)
    outcome = key if kind == LetterKind.REPLY_LETTER else ""
    unknown = letters.unknown_placeholders(body, key) or letters.unknown_placeholders(title, key)
    if unknown:
        raise ActionError(ErrorCode.TEMPLATE_PLACEHOLDER, name=unknown[0],
                          known="、".join(f"{{{{{k}}}}}" for k in letters.placeholders(key)))  # fmt: skip
    t = LetterTemplate.objects.select_for_update().filter(agency=agency, kind=kind, outcome=outcome).first()
    if t is None:
        return LetterTemplate.objects.create(agency=agency, kind=kind, outcome=outcome, title=title.strip(),
                                             body=body, legal_basis=legal_basis.strip(), updated_by=actor)  # fmt: skip
    if version is not None and int(version) != t.version:
        raise ActionError(ErrorCode.STALE, current=t.version, given=version)
    t.title, t.body, t.legal_basis = title.strip(), body, legal_basis.strip()
    t.updated_by, t.updated_at, t.version = actor, timezone.now(), t.version + 1
    t.save()
    return t


# ---------------------------------------------------------------- holiday arrangement (DOMAIN §8)


def recompute_open_cases(cal, *, actor=None, cases: Iterable[int] | None = None) -> int:
    """Recompute the due date of every open case with `cal`; log each change. Returns the count."""
    open_cases = Application.objects.filter(status__in=OPEN_STATUSES)
    if cases is not None:
        open_cases = open_cases.filter(pk__in=list(cases))
    rows = list(
        open_cases.values_list(
            "pk", "received_on", "extension_days", "delay_until", "due_date", "due_date_error"
        )
    )
    ids = [r[0] for r in rows]
    corrections: dict[int, tuple] = {}
    consultations: dict[int, list] = defaultdict(list)
    labels = dict(ConsultationKind.choices)
    for chunk in _chunks(ids, 5000):
        for case_id, requested, received in (
            Correction.objects.filter(case_id__in=chunk)
            .order_by("pk")
            .values_list("case_id", "requested_on", "received_on")
        ):
            corrections[case_id] = (requested, received)
        for case_id, kind, sent, delivered, answered in Consultation.objects.filter(
            case_id__in=chunk
        ).values_list("case_id", "kind", "sent_on", "delivered_on", "answered_on"):
            consultations[case_id].append(
                deadlines.Consultation(sent, delivered, answered, labels.get(kind, ""))
            )
    changes: dict[tuple, list[int]] = defaultdict(list)
    log: list[CaseEvent] = []
    for pk, received_on, ext, delay, old_due, old_error in rows:
        corr = corrections.get(pk, (None, None))
        clock = deadlines.CaseClock(
            received_on, corr[0], corr[1], tuple(consultations.get(pk, ())), ext, delay
        )
        try:
            new_due, error, detail, prov = deadlines.due_date(cal, clock), "", "", None
        except MissingHolidayData as exc:
            new_due, error, detail, prov = None, exc.code, exc.message, _provisional(cal, clock)
        if new_due == old_due and error == old_error:
            continue
        changes[(new_due, error, detail, prov)].append(pk)
        log.append(CaseEvent(case_id=pk, type=EventType.DUE_DATE_RECOMPUTED.value,
                             actor=actor if getattr(actor, "is_authenticated", False) else None,
                             data={"before": _shown(old_due) if not old_error else "无法计算",
                                   "after": _shown(new_due) if not error else "无法计算"}))  # fmt: skip
    for (new_due, error, detail, prov), pks in changes.items():
        for chunk in _chunks(pks, 5000):
            Application.objects.filter(pk__in=chunk).update(
                due_date=new_due, due_date_error=error, due_date_detail=detail, due_date_provisional=prov,
                version=F("version") + 1,
            )  # fmt: skip
    CaseEvent.objects.bulk_create(log, batch_size=5000)
    return len(log)


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


@transaction.atomic
def set_holiday_override(*, actor, year: int, data: dict, note: str = "") -> HolidayOverride:
    """An administrator's arrangement for `year`; open cases' due dates are recomputed and logged."""
    if not permissions.is_administrator(actor):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("没有权限：manage_holidays")
    try:
        arrangement = HolidayArrangement.from_dict({**data, "year": year})
    except WorkdayError as exc:
        raise ActionError(ErrorCode.ARRANGEMENT_INVALID, message=exc.message) from exc
    overrides = platform_calendar.latest_overrides()
    overrides[year] = arrangement.to_dict()
    try:
        cal = platform_calendar.build(overrides)
    except WorkdayError as exc:
        raise ActionError(ErrorCode.ARRANGEMENT_INVALID, message=exc.message) from exc
    changed = recompute_open_cases(cal, actor=actor)
    return HolidayOverride.objects.create(
        year=year, arrangement=arrangement.to_dict(), edited_by=actor, note=note.strip(), recomputed=changed
    )


# ---------------------------------------------------------------- daily jobs


def close_expired(on: date | None = None) -> list[Application]:
    """The daily job: close cases whose correction or payment period has run out."""
    on = on or today()
    closed = []
    expired_corrections = Correction.objects.filter(
        case__status=ApplicationStatus.AWAITING_CORRECTION, received_on__isnull=True, respond_by__lt=on
    ).values_list("case_id", flat=True)
    for pk in set(expired_corrections):
        try:
            closed.append(close_for_no_correction(Application.objects.get(pk=pk), on=on))
        except ActionError:
            continue
    expired_fees = FeeNotice.objects.filter(
        case__status=ApplicationStatus.AWAITING_PAYMENT, paid_on__isnull=True, pay_by__lt=on
    ).values_list("case_id", flat=True)
    for pk in set(expired_fees):
        try:
            closed.append(close_for_unpaid_fee(Application.objects.get(pk=pk), on=on))
        except ActionError:
            continue
    return closed


def remind_due_cases(on: date | None = None, *, within: int = 5) -> int:
    """E-mail assignees of open cases due within `within` working days or overdue; returns mails."""
    on = on or today()
    cal = platform_calendar.current()
    sent = 0
    for case in Application.objects.filter(status__in=OPEN_STATUSES, due_date__isnull=False).select_related(
        "agency", "assignee"
    ):
        try:
            left = cal.working_days_between(on, case.due_date)
        except MissingHolidayData:
            continue
        if left > within:
            continue
        what = f"已超期{-left}个工作日" if left < 0 else f"距答复期限还有{left}个工作日"
        if notify.staff(
            case, f"{case.case_number} {what}", f"答复期限：{case.due_date.isoformat()}，{what}。"
        ):
            sent += 1
            record(case, EventType.REMINDER_SENT, what=what)
    return sent
