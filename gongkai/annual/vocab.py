"""Closed vocabularies of the annual-report app, in one module: statuses, provenance sources, event
types, import-job states and the supervisor table's display statuses."""

from __future__ import annotations

from django.db import models


class ReportStatus(models.TextChoices):
    """Where a report is in its cycle (stored). `late` is never stored: it is computed from dates."""

    DRAFT = "draft", "起草中"
    SENT_BACK = "sent_back", "已退回修改"
    IN_REVIEW = "in_review", "审核中"
    APPROVED = "approved", "已审核待发布"
    PUBLISHED = "published", "已发布"


EDITABLE_STATUSES = (
    ReportStatus.DRAFT,
    ReportStatus.SENT_BACK,
    ReportStatus.IN_REVIEW,
    ReportStatus.APPROVED,
)
SUBMITTABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.SENT_BACK)


class DisplayStatus(models.TextChoices):
    """The supervisor table's status: what a supervising office pursues (DOMAIN §1.1, §10.1)."""

    NOT_STARTED = "not_started", "未开始"
    DRAFTING = "drafting", "起草中"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已发布"
    LATE = "late", "逾期"


class Source(models.TextChoices):
    """Where a prefilled number came from (shown beside every cell)."""

    CATALOGUE = "catalogue", "公开目录"
    CASES = "cases", "依申请公开案件"
    FEES = "fees", "信息处理费记录"
    MANUAL = "manual", "人工填写"
    IMPORTED = "imported", "导入的已发布报告"


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", "通过"
    REJECTED = "rejected", "退回"


class EventType(models.TextChoices):
    """Every step in a report's life; the label is the timeline's wording."""

    PREFILLED = "prefilled", "根据平台数据生成初稿"
    EDITED = "edited", "修改正文"
    OVERRIDDEN = "overridden", "修改预填数字"
    WARNING_DISMISSED = "warning_dismissed", "说明提示项"
    SUBMITTED = "submitted", "提交审核"
    APPROVED = "approved", "审核通过"
    REJECTED = "rejected", "退回修改"
    SENT_BACK = "sent_back", "主管部门退回"
    PUBLISHED = "published", "发布"
    IMPORTED = "imported", "导入已发布报告"
    ADDED_TO_PORTAL = "added_to_portal", "放入门户网站年报栏目，提交公开目录审核"


class ImportStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "导入中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ImportOutcome(models.TextChoices):
    """What happened to one file of a batch import."""

    IMPORTED = "imported", "已导入"
    UNREADABLE = "unreadable", "无法读取"
    NO_AGENCY = "no_agency", "未匹配到所辖机关"
    NO_YEAR = "no_year", "无法确定报告年度"
    EXISTS = "exists", "该年度报告已存在"
