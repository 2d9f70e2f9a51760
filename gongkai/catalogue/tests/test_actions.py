"""Each action's rules and the events it leaves, called directly."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.catalogue import actions, hooks
from gongkai.catalogue.errors import ActionError, ErrorCode
from gongkai.catalogue.models import ItemEvent, Review
from gongkai.catalogue.models.events import AppendOnly
from gongkai.catalogue.review import current_stage, is_blocked
from gongkai.catalogue.vocab import DisclosureAttribute, EventType, ItemStatus, Validity

from .conftest import FAKE_ID

pytestmark = pytest.mark.django_db


def types(item):
    return list(ItemEvent.objects.filter(item=item).values_list("type", flat=True))


def test_create_gives_an_index_number_and_a_created_event(office, draft):
    item = draft()
    year = timezone.localdate().year
    assert item.index_number == f"csq-rmt-{year}-00001"
    assert item.status == ItemStatus.DRAFT and item.revision == 1 and item.version == 1
    event = ItemEvent.objects.get(item=item)
    assert event.type == EventType.CREATED and event.actor == office.editor
    assert event.data["after"]["title"] == item.title


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("示融媒发〔2024〕3号", True),
        ("", True),
        ("示融媒发[2024]3号", False),
        ("示融媒发〔2024〕第3号", False),
        ("示融媒发〔2024〕03号", False),
        ("2024年3号", False),
    ],
)
def test_document_number_is_validated(draft, number, ok):
    if ok:
        assert draft(document_number=number).document_number == number
    else:
        with pytest.raises(ActionError) as exc:
            draft(document_number=number)
        assert exc.value.code == ErrorCode.DOCUMENT_NUMBER_FORMAT
        assert exc.value.field == "document_number"


def test_bracket_error_suggests_the_corrected_number(draft):
    with pytest.raises(ActionError) as exc:
        draft(document_number="示融媒发[2024]3号")
    assert "示融媒发〔2024〕3号" in exc.value.message


@pytest.mark.parametrize(
    ("attribute", "reason", "error"),
    [
        (DisclosureAttribute.PROACTIVE, "", None),
        (DisclosureAttribute.PROACTIVE, "withheld_process_info", ErrorCode.WITHHOLDING_REASON_NOT_ALLOWED),
        (DisclosureAttribute.APPLICATION, "", ErrorCode.WITHHOLDING_REASON_REQUIRED),
        (DisclosureAttribute.APPLICATION, "withheld_process_info", None),
        (DisclosureAttribute.WITHHELD, "made_up", ErrorCode.WITHHOLDING_REASON_REQUIRED),
        (DisclosureAttribute.WITHHELD, "withheld_internal_affairs", None),
    ],
)
def test_disclosure_attribute_needs_a_reason_unless_proactive(draft, attribute, reason, error):
    if error is None:
        assert (
            draft(disclosure_attribute=attribute, withholding_reason=reason).disclosure_attribute == attribute
        )
    else:
        with pytest.raises(ActionError) as exc:
            draft(disclosure_attribute=attribute, withholding_reason=reason)
        assert exc.value.code == error


def test_formed_date_cannot_precede_written_date(draft):
    with pytest.raises(ActionError) as exc:
        draft(written_date=dt.date(2024, 3, 5), formed_date=dt.date(2024, 3, 1))
    assert exc.value.code == ErrorCode.DATES_ORDER


def test_column_of_another_agency_is_refused(office, draft):
    from gongkai.catalogue.factories import ColumnFactory

    with pytest.raises(ActionError) as exc:
        draft(column=ColumnFactory())
    assert exc.value.code == ErrorCode.COLUMN_OTHER_AGENCY


def test_edit_bumps_revision_and_version_and_records_before_after(office, draft):
    item = draft()
    actions.edit_item(item, actor=office.editor, version=1, title="新标题")
    assert (item.revision, item.version, item.title) == (2, 2, "新标题")
    event = ItemEvent.objects.filter(item=item, type=EventType.EDITED).get()
    assert event.data["before"]["title"] != event.data["after"]["title"] == "新标题"


def test_concurrent_edit_with_a_stale_version_is_refused(office, draft):
    item = draft()
    actions.edit_item(item, actor=office.editor, version=1, title="甲的修改")
    with pytest.raises(ActionError) as exc:
        actions.edit_item(item, actor=office.head, version=1, title="乙的修改")
    assert exc.value.code == ErrorCode.STALE_VERSION
    item.refresh_from_db()
    assert item.title == "甲的修改"


def test_three_stages_then_published(office, draft, review_all):
    item = review_all(draft(formed_date=timezone.localdate()))
    assert item.status == ItemStatus.PUBLISHED
    assert item.published_date == timezone.localdate()
    assert types(item) == ["created", "submitted", "checked", "approved", "approved", "approved", "published"]
    stages = list(Review.objects.filter(item=item).values_list("stage", "role"))
    assert stages == [(1, "first_reviewer"), (2, "second_reviewer"), (3, "final_reviewer")]


def test_a_reviewer_can_act_only_on_their_own_stage(office, draft):
    item = draft()
    actions.submit_for_review(item, actor=office.editor)
    with pytest.raises(ActionError) as exc:
        actions.approve(item, actor=office.second)
    assert exc.value.code == ErrorCode.NOT_YOUR_STAGE
    with pytest.raises(PermissionDenied):
        actions.approve(item, actor=office.editor.__class__.objects.create(username="outsider"))
    actions.approve(item, actor=office.first)
    assert current_stage(item) == 2


def test_one_person_cannot_approve_two_stages(office, draft):
    from gongkai.agencies.factories import MembershipFactory
    from gongkai.agencies.roles import Role

    MembershipFactory(user=office.first, agency=office.agency, role=Role.SECOND_REVIEWER)
    item = draft()
    actions.submit_for_review(item, actor=office.editor)
    actions.approve(item, actor=office.first)
    with pytest.raises(ActionError) as exc:
        actions.approve(item, actor=office.first)
    assert exc.value.code == ErrorCode.SAME_REVIEWER


def test_an_edit_after_approval_restarts_the_review(office, draft):
    item = draft()
    actions.submit_for_review(item, actor=office.editor)
    actions.approve(item, actor=office.first)
    actions.approve(item, actor=office.second)
    actions.edit_item(item, actor=office.editor, version=item.version, body="改过的正文。")
    assert item.status == ItemStatus.DRAFT and item.revision == 2
    edited = ItemEvent.objects.filter(item=item, type=EventType.EDITED).get()
    assert edited.data["approvals_cleared"] == 2
    actions.submit_for_review(item, actor=office.editor)
    assert current_stage(item) == 1  # the two earlier approvals were for revision 1
    for reviewer in (office.first, office.second, office.final):
        actions.approve(item, actor=reviewer)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert Review.objects.filter(item=item, revision=2).count() == 3


def test_publish_refuses_when_approvals_are_for_an_older_revision(office, draft, review_all):
    item = draft(disclosure_attribute="application", withholding_reason="withheld_process_info")
    review_all(item)
    assert item.status == ItemStatus.APPROVED  # not proactive: catalogued, not published
    with pytest.raises(ActionError) as exc:
        actions.publish(item, actor=office.head)
    assert exc.value.code == ErrorCode.NOT_PROACTIVE


def test_reject_needs_a_reason_and_returns_the_item(office, draft):
    item = draft()
    actions.submit_for_review(item, actor=office.editor)
    actions.approve(item, actor=office.first)
    with pytest.raises(ActionError) as exc:
        actions.reject(item, actor=office.second, reason="  ")
    assert exc.value.code == ErrorCode.REASON_REQUIRED
    actions.reject(item, actor=office.second, reason="数据需要核实")
    assert item.status == ItemStatus.REJECTED
    event = ItemEvent.objects.get(item=item, type=EventType.REJECTED)
    assert event.data["reason"] == "数据需要核实" and event.data["stage"] == 2
    # resubmitting starts a new round at stage 1, even without an edit
    actions.submit_for_review(item, actor=office.editor)
    assert current_stage(item) == 1


def test_comment_is_logged_and_needs_text(office, draft):
    item = draft()
    actions.comment(item, actor=office.first, text="请补充发文字号")
    assert ItemEvent.objects.get(item=item, type=EventType.COMMENTED).data["comment"] == "请补充发文字号"
    with pytest.raises(ActionError):
        actions.comment(item, actor=office.first, text="")


def test_blocking_finding_stops_publication_until_the_final_reviewer_overrides(office, draft, review_all):
    item = review_all(draft(body=f"经核实，当事人身份证号{FAKE_ID}。"))
    assert item.status == ItemStatus.APPROVED and is_blocked(item)
    with pytest.raises(ActionError) as exc:
        actions.publish(item, actor=office.head)
    assert exc.value.code == ErrorCode.BLOCKED
    with pytest.raises(PermissionDenied):
        actions.override_blocking(item, actor=office.editor, reason="我确认")
    with pytest.raises(ActionError) as exc:
        actions.override_blocking(item, actor=office.final, reason="")
    assert exc.value.code == ErrorCode.REASON_REQUIRED
    actions.override_blocking(item, actor=office.final, reason="号码为虚构示例，经核实不属于真实个人")
    assert item.status == ItemStatus.PUBLISHED
    event = ItemEvent.objects.get(item=item, type=EventType.OVERRIDDEN)
    assert event.actor == office.final and event.data["findings"][0]["code"] == "PD.id_number"


def test_classified_text_cannot_be_overridden_by_anyone(office, draft, review_all):
    item = review_all(draft(body="本件为内部文件，秘密★1年，仅供参阅。"))
    assert is_blocked(item)
    with pytest.raises(ActionError) as exc:
        actions.override_blocking(item, actor=office.final, reason="我确认可以公开")
    assert exc.value.code == ErrorCode.CLASSIFIED
    assert item.status != ItemStatus.PUBLISHED
    assert not ItemEvent.objects.filter(item=item, type=EventType.OVERRIDDEN).exists()


def test_override_is_bound_to_the_revision(office, draft):
    item = draft(body=f"身份证号{FAKE_ID}")
    actions.submit_for_review(item, actor=office.editor)
    actions.override_blocking(item, actor=office.final, reason="虚构号码")
    assert not is_blocked(item)
    actions.edit_item(item, actor=office.editor, version=item.version, body=f"身份证号 {FAKE_ID}。")
    actions.submit_for_review(item, actor=office.editor)
    assert is_blocked(item)


def test_redacted_copy_is_published_and_the_original_stays(office, draft, review_all):
    item = review_all(draft(body=f"当事人身份证号{FAKE_ID}，已依法处理。"))
    assert item.status == ItemStatus.APPROVED
    actions.produce_redacted_copy(item, actor=office.final)
    assert item.status == ItemStatus.PUBLISHED
    assert FAKE_ID in item.body
    assert FAKE_ID not in item.public_body and "110105" in item.public_body
    event = ItemEvent.objects.get(item=item, type=EventType.REDACTED)
    assert FAKE_ID not in str(event.data)  # the log records where and how, never the value


def test_nothing_to_redact_is_refused(office, draft):
    item = draft()
    actions.submit_for_review(item, actor=office.editor)
    with pytest.raises(ActionError) as exc:
        actions.produce_redacted_copy(item, actor=office.final)
    assert exc.value.code == ErrorCode.NOTHING_TO_REDACT


def test_scheduled_item_is_published_when_due(office, draft):
    with time_machine.travel(dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC), tick=False):
        at = timezone.now() + dt.timedelta(days=1)
        item = draft(scheduled_at=at)
        actions.submit_for_review(item, actor=office.editor)
        for reviewer in (office.first, office.second, office.final):
            actions.approve(item, actor=reviewer)
        item.refresh_from_db()
        assert item.status == ItemStatus.SCHEDULED
        assert actions.publish_due() == []
    with time_machine.travel(dt.datetime(2024, 5, 7, 9, 1, tzinfo=dt.UTC), tick=False):
        assert [i.pk for i in actions.publish_due()] == [item.pk]
        item.refresh_from_db()
        assert item.status == ItemStatus.PUBLISHED
        assert item.published_date == dt.date(2024, 5, 7)


def test_schedule_in_the_past_is_refused(office, draft, review_all):
    item = review_all(draft(disclosure_attribute="proactive", body=f"号码{FAKE_ID}"))
    actions.override_blocking(item, actor=office.final, reason="虚构")  # publishes now
    other = draft()
    actions.submit_for_review(other, actor=office.editor)
    with pytest.raises(ActionError) as exc:
        actions.schedule(other, actor=office.head, at=timezone.now() + dt.timedelta(hours=1))
    assert exc.value.code == ErrorCode.WRONG_STATUS


def test_withdrawal_keeps_the_record_and_history(office, draft, review_all):
    item = review_all(draft())
    with pytest.raises(ActionError):
        actions.withdraw(item, actor=office.final, reason="")
    actions.withdraw(item, actor=office.final, reason="信息有误，待更正后重新发布")
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN and item.published_date is not None
    assert types(item)[-2:] == ["published", "withdrawn"]
    assert item not in type(item).objects.public()


def test_published_items_cannot_be_edited(office, draft, review_all):
    item = review_all(draft())
    with pytest.raises(ActionError) as exc:
        actions.edit_item(item, actor=office.editor, version=item.version, title="改")
    assert exc.value.code == ErrorCode.NOT_EDITABLE


def test_change_validity_records_date_and_replacement(office, draft):
    old, new = draft(title="旧办法"), draft(title="新办法")
    with pytest.raises(ActionError) as exc:
        actions.change_validity(old, actor=office.editor, validity=Validity.REPEALED)
    assert exc.value.code == ErrorCode.VALIDITY_DATE_REQUIRED
    with pytest.raises(ActionError):
        actions.change_validity(
            old,
            actor=office.editor,
            validity=Validity.REPEALED,
            changed_on=dt.date(2024, 6, 1),
            replaced_by=old,
        )
    actions.change_validity(
        old, actor=office.editor, validity=Validity.REPEALED, changed_on=dt.date(2024, 6, 1), replaced_by=new
    )
    assert (old.validity, old.validity_changed_on, old.replaced_by) == (
        Validity.REPEALED,
        dt.date(2024, 6, 1),
        new,
    )
    event = ItemEvent.objects.get(item=old, type=EventType.VALIDITY_CHANGED)
    assert event.data["before"]["validity"] == "valid" and event.data["after"]["replaced_by"] == new.pk


def test_events_are_append_only(draft):
    item = draft()
    event = ItemEvent.objects.get(item=item)
    event.data = {"forged": True}
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        ItemEvent.objects.filter(item=item).update(data={})
    with pytest.raises(AppendOnly):
        ItemEvent.objects.filter(item=item).delete()


def test_published_hook_is_called_and_a_failing_callback_does_not_stop_publication(office, draft, review_all):
    seen = []

    def ok(item):
        seen.append(item.pk)

    def broken(item):
        raise RuntimeError("index down")

    hooks.published.connect(broken)
    hooks.published.connect(ok)
    try:
        item = review_all(draft())
    finally:
        hooks.published.disconnect(broken)
        hooks.published.disconnect(ok)
    assert item.status == ItemStatus.PUBLISHED and seen == [item.pk]


def test_workflow_with_one_stage_publishes_on_its_approval(office, draft):
    actions.set_workflow(office.agency, actor=office.head, stages=["office_head"])
    item = draft()
    actions.submit_for_review(item, actor=office.editor)
    with pytest.raises(ActionError):
        actions.approve(item, actor=office.first)
    actions.approve(item, actor=office.head)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED


@pytest.mark.parametrize(
    ("stages", "code"),
    [
        ([], ErrorCode.WORKFLOW_STAGES),
        (["first_reviewer"] * 4, ErrorCode.WORKFLOW_STAGES),
        (["editor"], ErrorCode.WORKFLOW_ROLE),
        (["first_reviewer", "first_reviewer"], ErrorCode.WORKFLOW_DUPLICATE_ROLE),
    ],
)
def test_workflow_shape_is_validated(office, stages, code):
    with pytest.raises(ActionError) as exc:
        actions.set_workflow(office.agency, actor=office.head, stages=stages)
    assert exc.value.code == code
