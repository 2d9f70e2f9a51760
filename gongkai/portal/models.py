"""Portal tables: the search index, publishing channels, their delivery outbox and event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .vocab import ChannelKind, DeliveryStatus, EventType


class SearchDocument(models.Model):
    """One published item as the search engines see it.

    `title`/`body` are the original text (snippets, display); `*_tokens` the segmented text the
    engines match. SQLite mirrors the tokens into the FTS5 table `portal_search_fts` by triggers;
    PostgreSQL derives the generated column `search_vector` (GIN-indexed). Both are created by
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
            models.Index(fields=["agency_code", "published_date"], name="portal_sd_agency_date"),
            models.Index(fields=["agency_code", "column_slug", "published_date"], name="portal_sd_column_date"),
            models.Index(fields=["published_date"], name="portal_sd_date"),
        ]

    def __str__(self) -> str:
        return self.title


class Channel(models.Model):
    """A publishing channel of one agency besides the website (config: url, secret for webhooks)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField("渠道类型", max_length=20, choices=ChannelKind.choices, default=ChannelKind.WEBHOOK)
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
