"""Portal tables: the search index, publishing channels, their delivery outbox and event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.platform.append_only import AppendOnlyModel

from .vocab import ChannelKind, DeliveryStatus, EventType


class SearchDocument(models.Model):
    """One published item as the search engines see it.

    `title`/`body` are the original text (snippets, display); `*_tokens` the segmented text the
    engines match. SQLite mirrors the tokens into the FTS5 table `portal_search_fts` by triggers;
    PostgreSQL derives the generated columns `search_vector` (title and body, GIN-indexed) and
    `title_vector` (the title only: the rank limit's title test). Both are created by
    vendor-conditional migrations, so the model does not declare them. A later migration that
    rebuilds this table on SQLite must recreate those triggers.
    """

    key = models.CharField(max_length=80, unique=True)
    item_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    agency_code = models.CharField(max_length=40)
    agency_name = models.CharField(max_length=200, blank=True)
    column_slug = models.CharField(max_length=80, blank=True)
    column_name = models.CharField(max_length=200, blank=True)
    index_number = models.CharField(max_length=100, blank=True)
    document_number = models.CharField(max_length=200, blank=True)
    published_date = models.DateField(null=True, blank=True)
    validity = models.CharField(max_length=20, blank=True)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        indexes = [
            # The listings' order (newest first, then id) read straight off the index, no sort.
            models.Index(fields=["agency_code", "-published_date", "-id"], name="portal_sd_agency_latest"),
            models.Index(
                fields=["agency_code", "column_slug", "-published_date", "-id"],
                name="portal_sd_column_latest",
            ),
            models.Index(fields=["published_date"], name="portal_sd_date"),
        ]

    def __str__(self) -> str:
        return self.title


class PageCacheToken(models.Model):
    """The public pages' cache generation: one row, a new random token whenever the catalogue
    publishes, withdraws or changes an item. Cached pages are keyed by it, and every process reads it
    from the database, so a withdrawn item is never served from any process's cache."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "页面缓存标记"
        verbose_name_plural = "页面缓存标记"

    def __str__(self) -> str:
        return self.token


class Channel(models.Model):
    """A publishing channel of one agency besides the website (config: url, secret for webhooks)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(
        "渠道类型", max_length=20, choices=ChannelKind.choices, default=ChannelKind.WEBHOOK
    )
    name = models.CharField("渠道名称", max_length=100)
    enabled = models.BooleanField("启用", default=True)
    config = models.JSONField("配置", default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "发布渠道"
        verbose_name_plural = "发布渠道"
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class Delivery(models.Model):
    """The outbox: one row per published item per enabled channel, retried with back-off."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="deliveries")
    item = models.ForeignKey("catalogue.Item", on_delete=models.CASCADE, related_name="deliveries")
    key = models.CharField(max_length=100, help_text="the item's publication it announces")
    payload = models.JSONField(default=dict)
    status = models.CharField(
        "状态", max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试时间", null=True, blank=True)
    last_attempt_at = models.DateTimeField("最近尝试时间", null=True, blank=True)
    sent_at = models.DateTimeField("推送成功时间", null=True, blank=True)
    last_error = models.TextField("最近错误", blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["channel", "key"], name="portal_delivery_once")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="portal_delivery_due")]

    def __str__(self) -> str:
        return f"{self.channel} · {self.key} · {self.get_status_display()}"


class ChannelEvent(AppendOnlyModel):
    """Append-only log of channel and delivery changes."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="events")
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    type = models.CharField(max_length=30, choices=EventType.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "渠道事件"
        verbose_name_plural = "渠道事件"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_type_display()}"
