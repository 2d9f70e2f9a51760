"""Annual reports inside the platform: one record per agency and year, its append-only event log,
review decisions bound to revisions, supervising offices' deadlines and batch-import jobs.

State changes go through `gongkai.annual.actions`; nothing else saves these objects.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.platform.append_only import AppendOnlyError, AppendOnlyModel

from .vocab import EventType, ImportStatus, ReportStatus, ReviewDecision


class AnnualReportRecord(models.Model):
    """An agency's 政府信息公开工作年度报告 for one year: drafted here, or imported as published.

    `document` is the JSON of `gongkai.report.writers.json` (schema report-v1), read back with
    `gongkai.report.source`; `tables` and `narrative` are caches of it for aggregation and similarity.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    status = models.CharField("状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    format_version = models.CharField("格式版本", max_length=10, default="2021")
    document = models.JSONField("报告内容", default=dict)
    provenance = models.JSONField(
        "数据来源", default=dict, help_text="table.row.column → 来源、查询说明、数值"
    )
    tables = models.JSONField("统计表数值", default=dict)
    narrative = models.TextField("正文（相似度比对用）", blank=True, default="")
    findings = models.JSONField("检查结果", default=list)
    not_run = models.JSONField("未运行的检查", default=list)
    content_findings = models.JSONField("内容检查结果", default=list)
    dismissed = models.JSONField("已说明的提示", default=dict)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("提示数", default=0)
    published_date = models.DateField("发布日期", null=True, blank=True)
    submitted_date = models.DateField("报送日期", null=True, blank=True)
    imported_from = models.CharField("导入文件", max_length=255, blank=True, default="")
    catalogue_item = models.ForeignKey(
        "catalogue.Item", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revision = models.PositiveIntegerField(
        "稿次", default=1, help_text="内容每修改一次加一；审核意见绑定稿次"
    )
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    version = models.PositiveIntegerField("版本", default=1, help_text="乐观锁：每次变更加一")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_one_report_per_year")]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    @property
    def imported(self) -> bool:
        return bool(self.imported_from)


AppendOnly = AppendOnlyError


class ReportEvent(AppendOnlyModel):
    report = models.ForeignKey(AnnualReportRecord, on_delete=models.PROTECT, related_name="events")
    type = models.CharField(max_length=30, choices=EventType.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "年报事件"
        verbose_name_plural = "年报事件"

    def __str__(self) -> str:
        return f"{self.report_id} {self.type}"


class ReportReview(models.Model):
    """One reviewer's decision on one stage of one exact revision (and round) of a report."""

    report = models.ForeignKey(AnnualReportRecord, on_delete=models.PROTECT, related_name="reviews")
    revision = models.PositiveIntegerField()
    round = models.PositiveIntegerField()
    stage = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "revision", "round", "stage"], name="annual_review_one_per_stage"
            )
        ]


class Deadline(models.Model):
    """A supervising office's publication deadlines for one report year (art. 49 unless set earlier)."""

    office = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="annual_deadlines")
    year = models.PositiveSmallIntegerField("报告年度")
    department = models.DateField("部门发布期限", null=True, blank=True)
    government = models.DateField("人民政府发布期限", null=True, blank=True)
    township = models.DateField("乡镇、街道发布期限", null=True, blank=True)
    rule = models.CharField("依据", max_length=200, blank=True, default="")

    class Meta:
        verbose_name = "年报发布期限"
        verbose_name_plural = "年报发布期限"
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="annual_deadline_unique")]


class ImportJob(models.Model):
    """A batch import of published reports for a supervising office; progress is read by its page."""

    office = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="annual_import_jobs")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField("来源", max_length=500)
    folder = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    results = models.JSONField(default=list)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else (100 if self.status == "done" else 0)
