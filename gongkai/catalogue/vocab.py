"""Closed vocabularies of the catalogue, in one module: statuses, validity, disclosure attributes,
withholding reasons, column categories (art. 20/21), table-二 rows and event types."""

from __future__ import annotations

from django.db import models

from gongkai.report.formats import FORMAT_2021


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    APPROVED = "approved", "已审核待发布"
    SCHEDULED = "scheduled", "定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"
    REJECTED = "rejected", "已退回"


# statuses in which the content may still change (an edit restarts the review)
EDITABLE_STATUSES = (
    ItemStatus.DRAFT,
    ItemStatus.REJECTED,
    ItemStatus.IN_REVIEW,
    ItemStatus.APPROVED,
    ItemStatus.SCHEDULED,
    ItemStatus.WITHDRAWN,
)


class Validity(models.TextChoices):
    """有效性 (GLOSSARY `validity`)."""

    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class DisclosureAttribute(models.TextChoices):
    """公开属性, decided when the item is drafted."""

    PROACTIVE = "proactive", "主动公开"
    APPLICATION = "application", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class WithholdingReason(models.TextChoices):
    """Grounds for not disclosing proactively (DOMAIN §7.8), labelled as table 三 labels them."""

    STATE_SECRET = "withheld_state_secret", "属于国家秘密"
    PROHIBITED_BY_LAW = "withheld_prohibited_by_law", "其他法律行政法规禁止公开"
    THREE_SECURITIES = "withheld_three_securities", "危及“三安全一稳定”"
    THIRD_PARTY = "withheld_third_party", "保护第三方合法权益"
    INTERNAL_AFFAIRS = "withheld_internal_affairs", "属于三类内部事务信息"
    PROCESS_INFO = "withheld_process_info", "属于四类过程性信息"
    ENFORCEMENT_FILE = "withheld_enforcement_file", "属于行政执法案卷"
    QUERY_MATTER = "withheld_query_matter", "属于行政查询事项"


class ColumnCategory(models.TextChoices):
    """What the Regulation requires a column to hold: art. 20 items and art. 21, or neither."""

    ART20_1 = "art20_1", "第二十条第（一）项 行政法规、规章和规范性文件"
    ART20_2 = "art20_2", "第二十条第（二）项 机关职能、机构设置、负责人等"
    ART20_3 = "art20_3", "第二十条第（三）项 规划及相关政策"
    ART20_4 = "art20_4", "第二十条第（四）项 统计信息"
    ART20_5 = "art20_5", "第二十条第（五）项 行政许可和其他对外管理服务事项"
    ART20_6 = "art20_6", "第二十条第（六）项 行政处罚、行政强制"
    ART20_7 = "art20_7", "第二十条第（七）项 财政预算、决算信息"
    ART20_8 = "art20_8", "第二十条第（八）项 行政事业性收费"
    ART20_9 = "art20_9", "第二十条第（九）项 政府集中采购"
    ART20_10 = "art20_10", "第二十条第（十）项 重大建设项目"
    ART20_11 = "art20_11", "第二十条第（十一）项 扶贫、教育、医疗、社会保障、促进就业等"
    ART20_12 = "art20_12", "第二十条第（十二）项 突发公共事件"
    ART20_13 = "art20_13", "第二十条第（十三）项 监督检查情况"
    ART20_14 = "art20_14", "第二十条第（十四）项 公务员招考"
    ART20_15 = "art20_15", "第二十条第（十五）项 其他应当主动公开的信息"
    ART21 = "art21", "第二十一条 其他应当主动公开的信息"
    OTHER = "other", "其他"


# Table 二 rows a column can feed (DOMAIN §2.1): its items are counted as issued/repealed/in force.
# Codes and labels come from the format definition (the block of art. 20 item (一)).
TableTwoRow = models.TextChoices(
    "TableTwoRow", [(row.code.upper(), (row.code, row.label)) for row in FORMAT_2021.two.blocks[0].rows]
)


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", "通过"
    REJECTED = "rejected", "退回"


class LateCheck(models.TextChoices):
    """Outcome of the art. 26 check `P.late` (DOMAIN §10.2)."""

    PASS = "pass", "按时"
    FINDING = "finding", "超期"
    NOT_RUN = "not_run", "未检查"


class AttachmentKind(models.TextChoices):
    """Decided by the file's content, never by its name."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word 文档（DOCX）"
    XLSX = "xlsx", "Excel 表格（XLSX）"
    PNG = "png", "PNG 图片"
    JPEG = "jpeg", "JPEG 图片"
    GIF = "gif", "GIF 图片"


class EventType(models.TextChoices):
    """Every step in an item's life; the label is the timeline's wording."""

    CREATED = "created", "起草"
    EDITED = "edited", "修改"
    ATTACHMENT_ADDED = "attachment_added", "上传附件"
    ATTACHMENT_REMOVED = "attachment_removed", "删除附件"
    SUBMITTED = "submitted", "提交审核"
    CHECKED = "checked", "内容检查"
    APPROVED = "approved", "审核通过"
    REJECTED = "rejected", "退回修改"
    COMMENTED = "commented", "审核意见"
    OVERRIDDEN = "overridden", "终审确认发布（覆盖禁止发布问题）"
    REDACTED = "redacted", "生成隐藏化处理稿"
    SCHEDULED = "scheduled", "设定定时发布"
    PUBLISHED = "published", "发布"
    WITHDRAWN = "withdrawn", "撤回"
    VALIDITY_CHANGED = "validity_changed", "变更有效性"
