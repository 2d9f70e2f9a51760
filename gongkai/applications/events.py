"""The case timeline: one `EventType` per business action, each with its Chinese sentence.

`record()` is the only writer of `CaseEvent`; the timeline, the audit log and statistics read it.
An event whose step issued a letter keeps its id and title (`letter`, `title`) in its data.
"""

from __future__ import annotations

from enum import StrEnum

from .models import Application, CaseEvent


class EventType(StrEnum):
    RECEIVED = "received"
    DUPLICATE_SUBMISSION = "duplicate_submission"
    QUEUED = "queued"
    ACCEPTED_FROM_QUEUE = "accepted_from_queue"
    ACKNOWLEDGED = "acknowledged"
    ASSIGNED = "assigned"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CONSULTATION_STARTED = "consultation_started"
    CONSULTATION_ENDED = "consultation_ended"
    EXTENSION_GRANTED = "extension_granted"
    EXCESSIVE_HANDLED = "excessive_handled"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"
    CLOSED = "closed"
    LETTER_ISSUED = "letter_issued"
    APPEAL_RECORDED = "appeal_recorded"
    APPEAL_UPDATED = "appeal_updated"
    DUE_DATE_RECOMPUTED = "due_date_recomputed"
    REMINDER_SENT = "reminder_sent"


TEMPLATES: dict[EventType, str] = {
    EventType.RECEIVED: "收到申请（{channel}），收到申请之日：{received_on}；答复期限：{due_date}",
    EventType.DUPLICATE_SUBMISSION: "重复提交同一申请，未另行立案",
    EventType.QUEUED: "短时间内提交过多，申请已转入待人工审核队列",
    EventType.ACCEPTED_FROM_QUEUE: "审核通过，确认收到申请，收到申请之日：{received_on}；答复期限：{due_date}",
    EventType.ACKNOWLEDGED: "登记受理",
    EventType.ASSIGNED: "指定承办人：{assignee}",
    EventType.CORRECTION_REQUESTED: "发出补正通知，补正期限：{respond_by}",
    EventType.CORRECTION_RECEIVED: "收到补正材料（{received_on}），答复期限重新计算为：{due_date}",
    EventType.CONSULTATION_STARTED: "{kind}：{party}，发出日期 {sent_on}（期间不计入答复期限）",
    EventType.CONSULTATION_ENDED: "收到{party}的答复（{answered_on}），答复期限：{due_date}",
    EventType.EXTENSION_GRANTED: "经政府信息公开工作机构负责人同意延期答复{days}个工作日，答复期限由{before}延长至{after}",
    EventType.EXCESSIVE_HANDLED: "依条例第三十五条处理：{decision}",
    EventType.FEE_NOTICE_SENT: "发出收费通知（{method}），金额{amount}元，缴费期限：{pay_by}",
    EventType.FEE_PAID: "申请人已缴纳信息处理费（{paid_on}）",
    EventType.CLOSED: "办结：{outcome}（{concluded_on}）",
    EventType.LETTER_ISSUED: "生成答复书：{title}",
    EventType.APPEAL_RECORDED: "登记{kind}（{filed_on}），结果：{result}",
    EventType.APPEAL_UPDATED: "{kind}结果更新为：{result}",
    EventType.DUE_DATE_RECOMPUTED: "节假日安排调整，答复期限由{before}重新计算为{after}",
    EventType.REMINDER_SENT: "提醒承办人：{what}",
}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "—"


def describe(event: CaseEvent) -> str:
    try:
        template = TEMPLATES[EventType(event.type)]
    except ValueError:
        return event.type
    text = template.format_map(_Blank({k: ("—" if v in (None, "") else v) for k, v in event.data.items()}))
    if event.data.get("letter") and event.type != EventType.LETTER_ISSUED:
        text += f"；生成{event.data.get('title', '文书')}"  # the notice this step issued
    return text


def _jsonable(value: object) -> object:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def record(case: Application, type: EventType, *, actor=None, **data: object) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        type=type.value,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        data={k: _jsonable(v) for k, v in data.items()},
    )
