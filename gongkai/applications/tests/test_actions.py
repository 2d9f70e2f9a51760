"""Actions on a case: each step validates, writes, logs an event; every outcome gets its letter."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from gongkai.applications import actions, letters
from gongkai.applications.errors import ActionError, ErrorCode
from gongkai.applications.events import EventType
from gongkai.applications.models import Application, CaseEvent, ReplyLetter
from gongkai.applications.vocab import ApplicationStatus, Outcome
from gongkai.platform.append_only import AppendOnlyError

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db
D = date.fromisoformat


def events(case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).values_list("type", flat=True))


def test_in_person_case_gets_number_tracking_code_and_due_date(travel, file_case, people):
    travel("2026-09-18")
    case = file_case()
    assert case.case_number == "t-rmt-2026-00001"
    assert len(case.tracking_code) == 16
    assert case.received_on == D("2026-09-18")
    assert case.due_date == D("2026-10-22")  # 调休: Sun 9月20日 and Sat 10月10日 count
    assert case.applicant.name == "张三"
    assert events(case) == [EventType.RECEIVED]
    assert mail.outbox and mail.outbox[0].to == ["editor@example.org"]
    assert file_case().case_number == "t-rmt-2026-00002"


@pytest.mark.parametrize(
    ("channel", "dates", "received"),
    [
        ("post_signed", {"signed_on": D("2026-03-03")}, "2026-03-03"),
        ("post_unsigned", {"confirmed_on": D("2026-03-04")}, "2026-03-04"),
        ("fax", {"confirmed_on": D("2026-03-04")}, "2026-03-04"),
        ("email", {"confirmed_on": D("2026-03-05")}, "2026-03-05"),
    ],
)
def test_staff_entry_dates_follow_article_31(travel, file_case, people, channel, dates, received):
    travel("2026-03-06")
    case = file_case(actor=people["editor"], channel=channel, **dates)
    assert case.received_on == D(received)


def test_same_idempotency_key_creates_one_case(travel, office, people):
    travel("2026-03-02")
    args = dict(channel="online", applicant_type="natural_person", applicant=APPLICANT,
                request_description="某文件", delivery_form="paper", delivery_method="post")  # fmt: skip
    first, created = actions.receive_application(office, idempotency_key="k1", source="10.0.0.1", **args)
    again, created_again = actions.receive_application(
        office, idempotency_key="k1", source="10.0.0.1", **args
    )
    assert created and not created_again and again.pk == first.pk
    # a retry without the key (new form load) but the same content within minutes: still one case
    retry, created_retry = actions.receive_application(
        office, idempotency_key="k2", source="10.0.0.1", **args
    )
    assert not created_retry and retry.pk == first.pk
    assert Application.objects.count() == 1
    assert EventType.DUPLICATE_SUBMISSION in events(first)


def test_a_burst_is_queued_for_staff_not_dropped(travel, office, people):
    travel("2026-03-02")
    cases = []
    for i in range(7):
        case, created = actions.receive_application(
            office, channel="online", applicant_type="natural_person",
            applicant={**APPLICANT, "id_number": f"1101051949123100{i:02d}"},
            request_description=f"文件{i}", delivery_form="paper", delivery_method="post",
            idempotency_key=f"b{i}", source="10.0.0.9",
        )  # fmt: skip
        assert created
        cases.append(case)
    assert [c.queued_for_review for c in cases] == [False] * 5 + [True, True]
    queued = cases[-1]
    assert queued.received_on is None and queued.due_date is None
    travel("2026-03-03")
    accepted = actions.acknowledge(queued, actor=people["editor"])
    assert not accepted.queued_for_review
    assert accepted.received_on == D("2026-03-03") and accepted.due_date is not None
    assert EventType.ACCEPTED_FROM_QUEUE in events(accepted)


def test_acknowledge_assigns_and_bumps_version(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    done = actions.acknowledge(case, actor=people["editor"], version=case.version)
    assert done.status == ApplicationStatus.IN_PROGRESS and done.assignee == people["editor"]
    assert done.version == case.version + 1


def test_a_stale_version_is_refused_not_overwritten(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.acknowledge(case, actor=people["editor"], version=case.version)
    with pytest.raises(ActionError) as err:
        actions.request_correction(case, actor=people["editor"], items="请补充", respond_by=D("2026-03-20"),
                                   version=case.version)  # fmt: skip
    assert err.value.code is ErrorCode.STALE
    assert "刷新" in err.value.message


def test_correction_once_restarts_the_clock_across_national_day(travel, file_case, people):
    travel("2026-09-10")
    case = file_case()
    travel("2026-09-14")
    actions.request_correction(
        case, actor=people["editor"], items="请写明文件名称", respond_by=D("2026-10-16")
    )
    case.refresh_from_db()
    assert case.status == ApplicationStatus.AWAITING_CORRECTION and case.due_date is None
    with pytest.raises(ActionError) as err:
        actions.request_correction(case, actor=people["editor"], items="再补", respond_by=D("2026-10-20"))
    assert err.value.code is ErrorCode.CORRECTION_REPEAT
    travel("2026-09-29")
    actions.receive_correction(case, actor=people["editor"])
    case.refresh_from_db()
    assert case.due_date == D("2026-11-02")
    assert "A.correction_late" not in case.flags


def test_late_and_repeated_corrections_are_flagged(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    travel("2026-03-16")  # 7 working days after 3月2日 is 3月11日
    actions.request_correction(case, actor=people["editor"], items="补充", respond_by=D("2026-03-30"))
    actions.receive_correction(case, actor=people["editor"])
    actions.request_correction(case, actor=people["editor"], items="仍不明确", respond_by=D("2026-03-30"),
                               repeat_reason="申请人补正后新增了事项")  # fmt: skip
    case.refresh_from_db()
    assert {"A.correction_late", "A.correction_repeat"} <= set(case.flags)


def test_no_correction_by_the_deadline_closes_the_case_the_day_after(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.request_correction(case, actor=people["editor"], items="补充", respond_by=D("2026-03-13"))
    travel("2026-03-13")
    assert actions.close_expired() == []
    travel("2026-03-16")
    closed = actions.close_expired()
    assert [c.pk for c in closed] == [case.pk]
    case.refresh_from_db()
    assert case.outcome == "other_no_correction" and case.concluded_on == D("2026-03-14")
    assert case.letters.get(kind="reply_letter").title == "政府信息公开申请告知书"


def test_consultation_pause_and_its_end(travel, file_case, people):
    travel("2025-12-10")
    case = file_case()
    assert case.due_date == D("2026-01-08")
    travel("2025-12-22")
    actions.start_consultation(case, actor=people["editor"], kind="consultation", party="某公司")
    with pytest.raises(ActionError) as err:
        actions.start_consultation(case, actor=people["editor"], kind="agency_consultation", party="某局")
    assert err.value.code is ErrorCode.CONSULTATION_OPEN
    travel("2026-01-09")
    actions.end_consultation(case, actor=people["editor"], answer="不同意公开")
    case.refresh_from_db()
    assert case.due_date == D("2026-01-27") and case.status == ApplicationStatus.IN_PROGRESS


def test_extension_by_office_head_only_once_and_at_most_20_days(travel, file_case, people):
    travel("2023-03-06")
    case = file_case()
    assert case.due_date == D("2023-04-03")
    travel("2023-03-30")
    with pytest.raises(PermissionDenied):
        actions.grant_extension(case, actor=people["editor"], days=20, reason="信息量大")
    with pytest.raises(ActionError) as err:
        actions.grant_extension(case, actor=people["head"], days=21, reason="信息量大")
    assert err.value.code is ErrorCode.EXTENSION_TOO_LONG
    actions.grant_extension(case, actor=people["head"], days=20, reason="信息量大")
    case.refresh_from_db()
    assert case.due_date == D("2023-05-04") and case.extension.approved_by == people["head"]
    assert "A.extension_late" not in case.flags
    with pytest.raises(ActionError) as err:
        actions.grant_extension(case, actor=people["head"], days=5, reason="再延")
    assert err.value.code is ErrorCode.EXTENSION_ALREADY_GRANTED


def test_extension_after_the_original_deadline_is_flagged(travel, file_case, people):
    travel("2023-03-06")
    case = file_case()
    travel("2023-04-04")
    actions.grant_extension(case, actor=people["head"], days=10, reason="补救")
    case.refresh_from_db()
    assert "A.extension_late" in case.flags


def test_excessive_request_reasonable_delay_and_not_processed(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    with pytest.raises(ActionError) as err:
        actions.handle_excessive(case, actor=people["editor"], decision="reasonable_delay", reason="量大",
                                 delay_until=D("2026-03-10"))  # fmt: skip
    assert err.value.code is ErrorCode.DELAY_DATE_BAD
    actions.handle_excessive(case, actor=people["editor"], decision="reasonable_delay", reason="量大",
                             delay_until=D("2026-06-30"))  # fmt: skip
    case.refresh_from_db()
    assert case.due_date == D("2026-06-30")
    other = file_case()
    actions.handle_excessive(other, actor=people["editor"], decision="not_processed", reason="理由不合理")
    other.refresh_from_db()
    assert other.outcome == "not_processed_excessive" and other.letters.count() == 1


def test_fee_notice_per_application_counts_the_applicants_month(travel, file_case, people):
    travel("2026-03-02")
    cases = [file_case() for _ in range(11)]
    with pytest.raises(ActionError) as err:
        actions.send_fee_notice(cases[0], actor=people["editor"], method="per_application")
    assert err.value.code is ErrorCode.FEE_QUANTITY_BAD  # the first 10 a month are free
    notice = actions.send_fee_notice(cases[10], actor=people["editor"], method="per_application")
    assert notice.amount == 100 and "第11件" in notice.calculation
    with pytest.raises(ActionError) as err:
        actions.send_fee_notice(cases[10], actor=people["editor"], method="per_volume", pages=150)
    assert err.value.code is ErrorCode.FEE_ALREADY_NOTIFIED


def test_fee_notice_per_volume_and_payment(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    notice = actions.send_fee_notice(case, actor=people["editor"], method="per_volume", pages=150)
    assert notice.amount == 1700 and notice.pay_by == D("2026-03-30")
    actions.record_payment(case, actor=people["editor"])
    case.refresh_from_db()
    assert case.status == ApplicationStatus.IN_PROGRESS


def test_fee_notice_must_fall_within_the_answer_period(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    travel("2026-04-01")
    with pytest.raises(ActionError) as err:
        actions.send_fee_notice(case, actor=people["editor"], method="per_volume", pages=150)
    assert err.value.code is ErrorCode.FEE_NOTICE_LATE


def test_unpaid_fee_closes_the_case_after_20_working_days(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.send_fee_notice(case, actor=people["editor"], method="per_volume", pages=40)
    travel("2026-03-30")
    assert actions.close_expired() == []
    travel("2026-03-31")
    actions.close_expired()
    case.refresh_from_db()
    assert case.outcome == "other_fee_unpaid" and case.concluded_on == D("2026-03-31")


OUTCOMES = [
    o for o in Outcome.values if o not in actions.PROCEDURAL_OUTCOMES and o != "unavailable_still_unclear"
]


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_outcome_closes_with_its_letter(travel, file_case, people, outcome):
    travel("2026-03-02")
    case = file_case()
    actions.close_case(case, actor=people["editor"], outcome=outcome, note="具体说明。")
    case.refresh_from_db()
    assert case.status == ApplicationStatus.CLOSED and case.outcome == outcome
    letter = ReplyLetter.objects.get(case=case)
    title, basis, _ = letters.DEFAULTS[outcome]
    assert letter.legal_basis == basis and letter.title == title
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter.docx.read())).paragraphs)
    assert "张三" in text and case.case_number in text and "{{" not in text
    assert letter.pdf.read(4) == b"%PDF"
    assert events(case)[-2:] == [EventType.CLOSED, EventType.LETTER_ISSUED]


def test_still_unclear_needs_a_correction_first(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    with pytest.raises(ActionError) as err:
        actions.close_case(case, actor=people["editor"], outcome="unavailable_still_unclear")
    assert err.value.code is ErrorCode.OUTCOME_NEEDS_PROCEDURE
    actions.request_correction(case, actor=people["editor"], items="补充", respond_by=D("2026-03-20"))
    actions.receive_correction(case, actor=people["editor"])
    actions.close_case(case, actor=people["editor"], outcome="unavailable_still_unclear")
    assert case.letters.get(kind="reply_letter").outcome == "unavailable_still_unclear"


@pytest.mark.parametrize(
    "outcome", ["other_no_correction", "other_fee_unpaid", "not_processed_excessive", "nonsense"]
)
def test_procedural_or_unknown_outcomes_cannot_be_picked(travel, file_case, people, outcome):
    travel("2026-03-02")
    case = file_case()
    with pytest.raises(ActionError):
        actions.close_case(case, actor=people["editor"], outcome=outcome)


def test_answer_after_the_deadline_is_flagged_overdue(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    travel("2026-04-15")
    actions.close_case(case, actor=people["editor"], outcome="granted")
    case.refresh_from_db()
    assert "A.overdue" in case.flags


def test_agency_template_is_used_and_unknown_placeholders_refused(travel, file_case, people, office):
    travel("2026-03-02")
    with pytest.raises(ActionError) as err:
        actions.save_letter_template(office, actor=people["head"], key="granted", title="答复书",
                                     body="{{申请人}}：{{不存在}}", legal_basis="条例")  # fmt: skip
    assert err.value.code is ErrorCode.TEMPLATE_PLACEHOLDER
    with pytest.raises(PermissionDenied):
        actions.save_letter_template(office, actor=people["editor"], key="granted", title="答复书",
                                     body="{{申请人}}：", legal_basis="条例")  # fmt: skip
    actions.save_letter_template(office, actor=people["head"], key="granted", title="特别答复书",
                                 body="{{申请人}}：\n您的申请{{申请编号}}予以公开。", legal_basis="条例第三十六条")  # fmt: skip
    case = file_case()
    actions.close_case(case, actor=people["editor"], outcome="granted")
    letter = case.letters.get()
    assert letter.title == "特别答复书" and f"您的申请{case.case_number}予以公开。" in letter.body


@pytest.mark.parametrize("who", ["outsider", "supervisor"])
def test_staff_of_other_agencies_and_supervisors_cannot_act(travel, file_case, people, who):
    travel("2026-03-02")
    case = file_case()
    with pytest.raises(PermissionDenied):
        actions.acknowledge(case, actor=people[who])
    with pytest.raises(PermissionDenied):
        actions.close_case(case, actor=people[who], outcome="granted")


def test_closed_cases_refuse_further_steps(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.close_case(case, actor=people["editor"], outcome="granted")
    with pytest.raises(ActionError) as err:
        actions.start_consultation(case, actor=people["editor"], kind="consultation", party="某公司")
    assert err.value.code is ErrorCode.CLOSED


def test_future_dates_are_refused(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    with pytest.raises(ActionError) as err:
        actions.close_case(case, actor=people["editor"], outcome="granted", answered_on=D("2026-03-05"))
    assert err.value.code is ErrorCode.DATE_IN_FUTURE


def test_holiday_override_recomputes_open_cases_and_logs(travel, file_case, people, admin_user):
    travel("2026-03-02")
    case = file_case()
    closed = file_case()
    actions.close_case(closed, actor=people["editor"], outcome="granted")
    assert case.due_date == D("2026-03-30")
    from gongkai.workdays import WorkdayCalendar

    data = WorkdayCalendar().arrangement(2026).to_dict()
    data["public_holidays"]["2026-03-10"] = "测试假日"
    with pytest.raises(PermissionDenied):
        actions.set_holiday_override(actor=people["head"], year=2026, data=data)
    override = actions.set_holiday_override(actor=admin_user, year=2026, data=data, note="测试")
    assert override.recomputed == 1
    case.refresh_from_db()
    assert case.due_date == D("2026-03-31")
    assert EventType.DUE_DATE_RECOMPUTED in events(case)
    assert EventType.DUE_DATE_RECOMPUTED not in events(closed)
    with pytest.raises(ActionError) as err:
        actions.set_holiday_override(
            actor=admin_user, year=2026, data={"public_holidays": {"2026-13-01": "x"}}
        )
    assert err.value.code is ErrorCode.ARRANGEMENT_INVALID


def test_missing_holiday_year_shows_an_error_then_recomputes_when_loaded(
    travel, file_case, people, admin_user
):
    travel("2026-12-15")
    case = file_case()
    assert case.due_date is None and case.due_date_error == "W.calendar_missing"
    assert "2027" in case.due_date_detail and case.due_date_provisional is not None
    actions.set_holiday_override(
        actor=admin_user, year=2027,
        data={"year": 2027, "public_holidays": {"2027-01-01": "元旦"}, "makeup_workdays": {}},
    )  # fmt: skip
    case.refresh_from_db()
    assert case.due_date is not None and case.due_date_error == ""


def test_reminders_mail_the_assignee_of_due_soon_and_overdue_cases(travel, file_case, people):
    travel("2026-03-02")
    soon = file_case()
    actions.acknowledge(soon, actor=people["editor"])
    travel("2026-03-25")
    mail.outbox.clear()
    assert actions.remind_due_cases() == 1
    assert "3个工作日" in mail.outbox[0].subject
    assert EventType.REMINDER_SENT in events(soon)


def test_case_events_are_append_only(travel, file_case):
    travel("2026-03-02")
    event = CaseEvent.objects.filter(case=file_case()).first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(pk=event.pk).update(type="edited")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(pk=event.pk).delete()


def test_the_letter_pdf_embeds_a_cjk_font_and_reads_back(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.close_case(case, actor=people["editor"], outcome="unavailable_not_held")
    import pdfplumber

    with pdfplumber.open(case.letters.get().pdf.path) as pdf:
        text = pdf.pages[0].extract_text()
    assert "政府信息公开申请答复书" in text and "第三十六条" in text
