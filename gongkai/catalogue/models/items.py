"""Catalogue items (政府信息), their attachments, content-check runs and review decisions."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency

from ..vocab import (
    AttachmentKind,
    DisclosureAttribute,
    ItemStatus,
    LateCheck,
    ReviewDecision,
    Validity,
    WithholdingReason,
)
from .catalogue import Column


class ItemQuerySet(models.QuerySet):
    def public(self):
        """What the portal shows: published, proactively disclosed items."""
        return self.filter(status=ItemStatus.PUBLISHED, disclosure_attribute=DisclosureAttribute.PROACTIVE)


class Item(models.Model):
    """One piece of government information in the catalogue, from draft to publication and after."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="items")
    column = models.ForeignKey(Column, verbose_name="栏目", on_delete=models.PROTECT, related_name="items")
    title = models.CharField("标题", max_length=300)
    index_number = models.CharField("索引号", max_length=80, editable=False)
    document_number = models.CharField("发文字号", max_length=80, blank=True)
    keywords = models.CharField("主题词", max_length=200, blank=True)
    written_date = models.DateField("成文日期", null=True, blank=True)
    formed_date = models.DateField("形成或变更日期", null=True, blank=True)
    published_date = models.DateField("发布日期", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField("有效性变更日期", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    disclosure_attribute = models.CharField(
        "公开属性", max_length=12, choices=DisclosureAttribute.choices, default=DisclosureAttribute.PROACTIVE
    )
    withholding_reason = models.CharField(
        "不予主动公开理由", max_length=40, choices=WithholdingReason.choices, blank=True, default=""
    )
    body = models.TextField("正文", blank=True)
    status = models.CharField("状态", max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT)
    scheduled_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1, help_text="乐观锁：每次变更加一")
    revision = models.PositiveIntegerField(
        "稿次", default=1, help_text="内容每修改一次加一；审核意见绑定稿次"
    )
    review_round = models.PositiveIntegerField("审核轮次", default=0)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由", blank=True)
    redacted_body = models.TextField("隐藏化处理稿", blank=True)
    redacted_revision = models.PositiveIntegerField(null=True, blank=True)
    late_check = models.CharField(
        "第二十六条时限检查", max_length=10, choices=LateCheck.choices, blank=True, default=""
    )
    late_working_days = models.IntegerField("形成至发布的工作日数", null=True, blank=True)
    late_detail = models.CharField("时限检查说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_at", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_number"], name="catalogue_item_unique_index_number"
            )
        ]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["published_date"])]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"

    def get_absolute_url(self) -> str:
        """The portal's page for the item (served by `gongkai.portal`)."""
        return f"/{self.agency.code}/items/{self.index_number}/"

    @property
    def uses_redacted_copy(self) -> bool:
        return self.redacted_revision == self.revision and bool(self.redacted_body)

    @property
    def public_body(self) -> str:
        """The text the public reads: the redacted copy when one was made for this revision."""
        return self.redacted_body if self.uses_redacted_copy else self.body

    def public_attachments(self):
        return self.attachments.filter(removed_at__isnull=True)

    def active_attachments(self):
        return self.attachments.filter(removed_at__isnull=True)


def attachment_root() -> Path:
    """Where attachment files live: `GONGKAI_CATALOGUE_FILES_DIR`, default `var/catalogue`."""
    default = Path(getattr(settings, "VAR_DIR", Path("var"))) / "catalogue"
    return Path(getattr(settings, "GONGKAI_CATALOGUE_FILES_DIR", default))


class Attachment(models.Model):
    """A file of an item; its kind comes from its bytes, its text feeds the checks and search."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="attachments")
    original_name = models.CharField("文件名", max_length=255)
    stored_name = models.CharField(max_length=255, editable=False)
    kind = models.CharField("类型", max_length=10, choices=AttachmentKind.choices)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    extracted_text = models.TextField("提取的文字", blank=True)
    extract_error = models.CharField("提取说明", max_length=200, blank=True)
    redacted_name = models.CharField(max_length=255, blank=True)
    redacted_revision = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def path(self) -> Path:
        return attachment_root() / self.stored_name

    @property
    def uses_redacted_copy(self) -> bool:
        return bool(self.redacted_name) and self.redacted_revision == self.item.revision

    @property
    def public_path(self) -> Path:
        """The file the public downloads: the redacted copy when one was made for this revision."""
        return attachment_root() / (self.redacted_name if self.uses_redacted_copy else self.stored_name)


class CheckRun(models.Model):
    """The content check of one revision at submission, and how its blocking findings were resolved."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="check_runs")
    revision = models.PositiveIntegerField()
    round = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    findings = models.JSONField(default=list)
    blocking = models.BooleanField(default=False)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    override_reason = models.TextField(blank=True)
    overridden_at = models.DateTimeField(null=True, blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)
    redacted_findings = models.JSONField(default=list)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.item_id} r{self.revision}"

    @property
    def blocking_findings(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "blocking"]

    @property
    def resolved_by_redaction(self) -> bool:
        return self.redacted_at is not None and not any(
            f.get("severity") == "blocking" for f in self.redacted_findings
        )

    @property
    def unresolved(self) -> bool:
        """Blocking findings that still stop publication."""
        return self.blocking and self.overridden_at is None and not self.resolved_by_redaction


class Review(models.Model):
    """One reviewer's decision on one stage of one exact revision (and review round) of an item."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="reviews")
    revision = models.PositiveIntegerField()
    round = models.PositiveIntegerField()
    stage = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "revision", "round", "stage"], name="catalogue_review_one_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} r{self.revision} stage {self.stage}: {self.decision}"
