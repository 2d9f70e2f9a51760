"""Every error an action can raise: a stable code, and its Chinese message in one place.

The UI shows `ActionError.message`; logs and tests keep `ActionError.code`.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.platform.errors import ActionErrorBase


class ErrorCode(StrEnum):
    STALE = "stale"
    CLOSED = "closed"
    NOT_RECEIVED = "not_received"
    DATE_MISSING = "date_missing"
    DATE_IN_FUTURE = "date_in_future"
    DATE_BEFORE_RECEIPT = "date_before_receipt"
    CORRECTION_REPEAT = "correction_repeat"
    CORRECTION_NOT_REQUESTED = "correction_not_requested"
    CORRECTION_ALREADY_RECEIVED = "correction_already_received"
    CORRECTION_PERIOD_BAD = "correction_period_bad"
    CORRECTION_NOT_EXPIRED = "correction_not_expired"
    CONSULTATION_OPEN = "consultation_open"
    CONSULTATION_NOT_OPEN = "consultation_not_open"
    EXTENSION_ALREADY_GRANTED = "extension_already_granted"
    EXTENSION_TOO_LONG = "extension_too_long"
    EXTENSION_NOTICE_MISSING = "extension_notice_missing"
    DELAY_DATE_BAD = "delay_date_bad"
    FEE_ALREADY_NOTIFIED = "fee_already_notified"
    FEE_NOTICE_LATE = "fee_notice_late"
    FEE_QUANTITY_BAD = "fee_quantity_bad"
    FEE_NOT_NOTIFIED = "fee_not_notified"
    FEE_ALREADY_PAID = "fee_already_paid"
    FEE_NOT_EXPIRED = "fee_not_expired"
    OUTCOME_INVALID = "outcome_invalid"
    OUTCOME_NEEDS_PROCEDURE = "outcome_needs_procedure"
    CALENDAR_MISSING = "calendar_missing"
    ARRANGEMENT_INVALID = "arrangement_invalid"
    TEMPLATE_PLACEHOLDER = "template_placeholder"
    LETTER_FAILED = "letter_failed"
    APPEAL_INVALID = "appeal_invalid"
    NOT_QUEUED = "not_queued"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.STALE: "该申请已被他人修改（当前版本{current}，您提交的是版本{given}），请刷新页面后重试。",
    ErrorCode.CLOSED: "该申请已办结，不能再进行此操作。",
    ErrorCode.NOT_RECEIVED: "尚未确定收到申请之日，请先确认收到申请。",
    ErrorCode.DATE_MISSING: "请填写{what}。",
    ErrorCode.DATE_IN_FUTURE: "{what}（{date}）不能晚于今天。",
    ErrorCode.DATE_BEFORE_RECEIPT: "{what}（{date}）不能早于收到申请之日（{received}）。",
    ErrorCode.CORRECTION_REPEAT: "该申请已发出过补正通知。条例要求一次性告知；如确需再次补正，请填写理由。",
    ErrorCode.CORRECTION_NOT_REQUESTED: "该申请没有待补正的通知。",
    ErrorCode.CORRECTION_ALREADY_RECEIVED: "补正材料已经收到。",
    ErrorCode.CORRECTION_PERIOD_BAD: "补正期限（{date}）必须晚于补正通知发出之日（{sent}）。",
    ErrorCode.CORRECTION_NOT_EXPIRED: "补正期限（{date}）尚未届满，不能按逾期不补正处理。",
    ErrorCode.CONSULTATION_OPEN: "已有尚未结束的征求意见，请先登记答复。",
    ErrorCode.CONSULTATION_NOT_OPEN: "没有正在进行的征求意见。",
    ErrorCode.EXTENSION_ALREADY_GRANTED: "该申请已经延期答复过一次，不能再次延期。",
    ErrorCode.EXTENSION_TOO_LONG: "延长的期限最长不得超过20个工作日（您填写的是{days}个工作日）。",
    ErrorCode.EXTENSION_NOTICE_MISSING: "延期答复须告知申请人，请填写告知日期。",
    ErrorCode.DELAY_DATE_BAD: "延迟答复的合理期限（{date}）必须晚于当前答复期限（{due}）。",
    ErrorCode.FEE_ALREADY_NOTIFIED: "该申请已发出收费通知；每件申请只能选择一种计收方式。",
    ErrorCode.FEE_NOTICE_LATE: "收费通知应在答复期限（{due}）内发出。",
    ErrorCode.FEE_QUANTITY_BAD: "{message}",
    ErrorCode.FEE_NOT_NOTIFIED: "该申请没有收费通知。",
    ErrorCode.FEE_ALREADY_PAID: "信息处理费已缴纳。",
    ErrorCode.FEE_NOT_EXPIRED: "缴费期限（{date}）尚未届满。",
    ErrorCode.OUTCOME_INVALID: "请选择年度报告表三中的一项办理结果。",
    ErrorCode.OUTCOME_NEEDS_PROCEDURE: "“{outcome}”须通过相应的办理步骤产生（{how}），不能直接选择。",
    ErrorCode.CALENDAR_MISSING: "缺少{year}年节假日安排数据，无法计算工作日期限。请管理员先维护节假日安排。",
    ErrorCode.ARRANGEMENT_INVALID: "节假日安排数据有误：{message}",
    ErrorCode.TEMPLATE_PLACEHOLDER: "模板中的占位符“{{{{{name}}}}}”无法识别，可用的占位符：{known}。",
    ErrorCode.LETTER_FAILED: "{title}生成失败：{message}",
    ErrorCode.APPEAL_INVALID: "{message}",
    ErrorCode.NOT_QUEUED: "该申请不在待审核队列中。",
}


class ActionError(ActionErrorBase):
    """A refused action: `code` for machines, `message` (Chinese) for people, `field` for forms."""

    messages = MESSAGES
