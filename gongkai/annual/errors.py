"""Every refusal of an annual-report action: a stable code, and its Chinese message in one place.

Views show `error.message`; logs and events keep `error.code`.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.platform.errors import ActionErrorBase


class ErrorCode(StrEnum):
    STALE_VERSION = "annual.stale_version"
    WRONG_STATUS = "annual.wrong_status"
    NOT_EDITABLE = "annual.not_editable"
    ALREADY_EXISTS = "annual.already_exists"
    YEAR_INVALID = "annual.year_invalid"
    UNKNOWN_SECTION = "annual.unknown_section"
    UNKNOWN_CELL = "annual.unknown_cell"
    VALUE_INVALID = "annual.value_invalid"
    REASON_REQUIRED = "annual.reason_required"
    COMMENT_REQUIRED = "annual.comment_required"
    UNCHANGED = "annual.unchanged"
    UNKNOWN_FINDING = "annual.unknown_finding"
    HAS_ERRORS = "annual.has_errors"
    UNDISMISSED_WARNINGS = "annual.undismissed_warnings"
    BLOCKING_CONTENT = "annual.blocking_content"
    NOT_YOUR_STAGE = "annual.not_your_stage"
    SAME_REVIEWER = "annual.same_reviewer"
    NOT_ALL_APPROVED = "annual.not_all_approved"
    NO_ANNUAL_COLUMN = "annual.no_annual_column"
    CATALOGUE_REFUSED = "annual.catalogue_refused"
    NOT_PUBLISHED = "annual.not_published"
    ALREADY_IN_CATALOGUE = "annual.already_in_catalogue"
    NOT_SUPERVISED = "annual.not_supervised"
    FILE_UNREADABLE = "annual.file_unreadable"
    FILE_NO_YEAR = "annual.file_no_year"
    FILE_YEAR_MISMATCH = "annual.file_year_mismatch"
    DATE_INVALID = "annual.date_invalid"
    FOLDER_INVALID = "annual.folder_invalid"
    ZIP_INVALID = "annual.zip_invalid"
    ZIP_TOO_LARGE = "annual.zip_too_large"
    NOTHING_TO_IMPORT = "annual.nothing_to_import"
    PDF_FAILED = "annual.pdf_failed"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.STALE_VERSION: "该报告已被他人修改（当前版本{current}，您提交的是版本{given}），您的修改未保存。请刷新页面，核对后重新修改。",
    ErrorCode.WRONG_STATUS: "报告当前状态为“{status}”，不能执行此操作。",
    ErrorCode.NOT_EDITABLE: "报告当前状态为“{status}”，不能修改；已发布的报告须由主管部门退回后再修改。",
    ErrorCode.ALREADY_EXISTS: "{agency}{year}年度报告已存在，不能重复创建。",
    ErrorCode.YEAR_INVALID: "报告年度“{year}”无效：只能为{first}年至{last}年。",
    ErrorCode.UNKNOWN_SECTION: "报告没有“{section}”这一部分。",
    ErrorCode.UNKNOWN_CELL: "统计表中没有单元格“{cell}”。",
    ErrorCode.VALUE_INVALID: "“{label}”应填写{kind}，您填写的是“{value}”。",
    ErrorCode.REASON_REQUIRED: "请填写理由。",
    ErrorCode.COMMENT_REQUIRED: "请填写退回意见。",
    ErrorCode.UNCHANGED: "数字没有变化，无需修改。",
    ErrorCode.UNKNOWN_FINDING: "该提示项已不存在（报告内容可能已修改），请刷新页面。",
    ErrorCode.HAS_ERRORS: "报告还有{count}处错误（{checks}），改正后才能提交审核。",
    ErrorCode.UNDISMISSED_WARNINGS: "报告还有{count}条提示未处理，请修改或逐条说明理由后再提交审核。",
    ErrorCode.BLOCKING_CONTENT: "内容检查发现禁止发布的问题（{titles}），请修改正文后再提交。",
    ErrorCode.NOT_YOUR_STAGE: "当前待{stage}，您没有该环节的审核权限。",
    ErrorCode.SAME_REVIEWER: "同一人不能审核同一稿次的两个环节。",
    ErrorCode.NOT_ALL_APPROVED: "报告尚未通过全部审核环节，不能发布。",
    ErrorCode.NO_ANNUAL_COLUMN: "本机关公开目录中没有“政府信息公开年报”栏目，请政府信息公开工作机构负责人先在公开目录中设置该栏目。",
    ErrorCode.CATALOGUE_REFUSED: "发布到公开目录未成功：{detail}",
    ErrorCode.NOT_PUBLISHED: "报告当前状态为“{status}”：只有已发布的报告才能直接放入门户网站年报栏目；在平台起草的报告审核通过后，请使用“发布到门户网站”。",
    ErrorCode.ALREADY_IN_CATALOGUE: "该报告已在公开目录中（索引号{index_number}，状态“{item_status}”），不能重复放入门户网站年报栏目。",
    ErrorCode.NOT_SUPERVISED: "{agency}不在本主管部门的监督范围内。",
    ErrorCode.FILE_UNREADABLE: "文件“{name}”无法作为年度报告读取：{detail}",
    ErrorCode.FILE_NO_YEAR: "无法从文件“{name}”确定报告年度，请在表单中填写报告年度。",
    ErrorCode.FILE_YEAR_MISMATCH: "文件“{name}”是{found}年度报告，与填写的{given}年度不符。",
    ErrorCode.DATE_INVALID: "{label}“{value}”无效。",
    ErrorCode.FOLDER_INVALID: "服务器上没有文件夹“{path}”。",
    ErrorCode.ZIP_INVALID: "上传的文件不是有效的ZIP压缩包。",
    ErrorCode.ZIP_TOO_LARGE: "压缩包解压后超过{limit}，请分批上传。",
    ErrorCode.NOTHING_TO_IMPORT: "没有找到可导入的报告文件（支持HTML、DOCX、PDF、XLSX、TXT）。",
    ErrorCode.PDF_FAILED: "年度报告的PDF文件未能生成：{detail}。请联系系统管理员。",
}


class ActionError(ActionErrorBase):
    """A refused action: `code` for machines, `message` (Chinese) for people, `field` for forms."""

    messages = MESSAGES
