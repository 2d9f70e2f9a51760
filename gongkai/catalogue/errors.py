"""Every refusal of a catalogue action: a stable code, and its Chinese message in one place.

Views show `error.message`; logs and events keep `error.code`.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.platform.errors import ActionErrorBase


class ErrorCode(StrEnum):
    STALE_VERSION = "catalogue.stale_version"
    NOT_EDITABLE = "catalogue.not_editable"
    WRONG_STATUS = "catalogue.wrong_status"
    COLUMN_OTHER_AGENCY = "catalogue.column_other_agency"
    TITLE_REQUIRED = "catalogue.title_required"
    DOCUMENT_NUMBER_FORMAT = "catalogue.document_number_format"
    WITHHOLDING_REASON_REQUIRED = "catalogue.withholding_reason_required"
    WITHHOLDING_REASON_NOT_ALLOWED = "catalogue.withholding_reason_not_allowed"
    DATES_ORDER = "catalogue.dates_order"
    NOT_PROACTIVE = "catalogue.not_proactive"
    NOT_YOUR_STAGE = "catalogue.not_your_stage"
    SAME_REVIEWER = "catalogue.same_reviewer"
    REASON_REQUIRED = "catalogue.reason_required"
    COMMENT_REQUIRED = "catalogue.comment_required"
    NOT_ALL_APPROVED = "catalogue.not_all_approved"
    BLOCKED = "catalogue.blocked"
    NOTHING_TO_OVERRIDE = "catalogue.nothing_to_override"
    CLASSIFIED = "catalogue.classified"
    NOTHING_TO_REDACT = "catalogue.nothing_to_redact"
    SCHEDULE_IN_PAST = "catalogue.schedule_in_past"
    ALREADY_IN_STATE = "catalogue.already_in_state"
    REPLACED_BY_SELF = "catalogue.replaced_by_self"
    REPLACED_BY_OTHER_AGENCY = "catalogue.replaced_by_other_agency"
    VALIDITY_DATE_REQUIRED = "catalogue.validity_date_required"
    FILE_TOO_LARGE = "catalogue.file_too_large"
    FILE_EMPTY = "catalogue.file_empty"
    FILE_TYPE_UNSUPPORTED = "catalogue.file_type_unsupported"
    FILE_TYPE_MISMATCH = "catalogue.file_type_mismatch"
    ATTACHMENT_NOT_FOUND = "catalogue.attachment_not_found"
    WORKFLOW_STAGES = "catalogue.workflow_stages"
    WORKFLOW_ROLE = "catalogue.workflow_role"
    WORKFLOW_DUPLICATE_ROLE = "catalogue.workflow_duplicate_role"
    COLUMN_NAME_REQUIRED = "catalogue.column_name_required"
    COLUMN_SLUG_TAKEN = "catalogue.column_slug_taken"
    COLUMN_PARENT_CYCLE = "catalogue.column_parent_cycle"
    INDEX_PATTERN = "catalogue.index_pattern"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.STALE_VERSION: "该信息已被他人修改（当前版本{current}，您提交的是版本{given}），请刷新后重新操作。",
    ErrorCode.NOT_EDITABLE: "“{status}”状态的信息不能修改；已发布的信息请先撤回再修改。",
    ErrorCode.WRONG_STATUS: "当前状态为“{status}”，不能执行此操作。",
    ErrorCode.COLUMN_OTHER_AGENCY: "所选栏目不属于本机关。",
    ErrorCode.TITLE_REQUIRED: "请填写标题。",
    ErrorCode.DOCUMENT_NUMBER_FORMAT: "发文字号格式不规范：{detail}",
    ErrorCode.WITHHOLDING_REASON_REQUIRED: "公开属性为“{attribute}”时，必须选择不予主动公开的理由。",
    ErrorCode.WITHHOLDING_REASON_NOT_ALLOWED: "公开属性为“主动公开”时，不应填写不予公开理由。",
    ErrorCode.DATES_ORDER: "{later}不能早于{earlier}。",
    ErrorCode.NOT_PROACTIVE: "公开属性为“{attribute}”的信息不在门户网站发布。",
    ErrorCode.NOT_YOUR_STAGE: "当前待{stage}，您没有该环节的审核权限。",
    ErrorCode.SAME_REVIEWER: "同一人不能审核同一稿件的两个环节。",
    ErrorCode.REASON_REQUIRED: "请填写理由。",
    ErrorCode.COMMENT_REQUIRED: "请填写意见内容。",
    ErrorCode.NOT_ALL_APPROVED: "当前稿件尚未通过全部审核环节，不能发布。",
    ErrorCode.BLOCKED: "内容检查发现禁止发布的问题（{titles}），须生成隐藏化处理稿，或由终审填写理由确认后方可发布。",
    ErrorCode.NOTHING_TO_OVERRIDE: "当前稿件没有需要确认的禁止发布问题。",
    ErrorCode.CLASSIFIED: "稿件含涉密标识，涉密信息不得公开，不能确认发布；请删除涉密内容后重新提交。",
    ErrorCode.NOTHING_TO_REDACT: "当前稿件没有需要隐藏化处理的个人信息。",
    ErrorCode.SCHEDULE_IN_PAST: "定时发布时间必须晚于当前时间。",
    ErrorCode.ALREADY_IN_STATE: "有效性已是“{validity}”。",
    ErrorCode.REPLACED_BY_SELF: "替代文件不能是本文件。",
    ErrorCode.REPLACED_BY_OTHER_AGENCY: "替代文件必须是本机关目录中的信息。",
    ErrorCode.VALIDITY_DATE_REQUIRED: "变更为“{validity}”时须填写{label}。",
    ErrorCode.FILE_TOO_LARGE: "附件“{name}”大小为{size}，超过上限{limit}。",
    ErrorCode.FILE_EMPTY: "附件“{name}”是空文件。",
    ErrorCode.FILE_TYPE_UNSUPPORTED: "附件“{name}”的文件类型不受支持（支持 PDF、DOCX、XLSX、PNG、JPEG、GIF）。",
    ErrorCode.FILE_TYPE_MISMATCH: "附件“{name}”的实际内容是{actual}，与扩展名“{extension}”不符，请核实后重新上传。",
    ErrorCode.ATTACHMENT_NOT_FOUND: "附件不存在或已删除。",
    ErrorCode.WORKFLOW_STAGES: "审核流程须设1至3个环节。",
    ErrorCode.WORKFLOW_ROLE: "审核环节只能由初审、复审、终审或政府信息公开工作机构负责人承担。",
    ErrorCode.WORKFLOW_DUPLICATE_ROLE: "同一角色不能承担两个审核环节。",
    ErrorCode.COLUMN_NAME_REQUIRED: "请填写栏目名称。",
    ErrorCode.COLUMN_SLUG_TAKEN: "栏目标识“{slug}”已被使用。",
    ErrorCode.COLUMN_PARENT_CYCLE: "不能把栏目移到它自己或它的下级栏目之下。",
    ErrorCode.INDEX_PATTERN: "索引号规则无效：{detail}",
}


class ActionError(ActionErrorBase):
    """A refused action: `code` for machines, `message` (Chinese) for people, `field` for forms."""

    messages = MESSAGES
