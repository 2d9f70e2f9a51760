"""The catalogue's one append-only event table: every step of every item, with before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.platform.append_only import AppendOnlyError, AppendOnlyModel

from ..vocab import EventType

AppendOnly = AppendOnlyError  # the name the catalogue has always raised


class ItemEvent(AppendOnlyModel):
    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT, related_name="events")
    type = models.CharField(max_length=30, choices=EventType.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "事件"
        verbose_name_plural = "事件"

    def __str__(self) -> str:
        return f"{self.item_id} {self.type} {self.at:%Y-%m-%d %H:%M}"
