"""The catalogue's one append-only event table: every step of every item, with before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..vocab import EventType


class AppendOnly(Exception):
    """Events are history: they are never changed or deleted."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("ItemEvent rows are append-only")

    def delete(self):
        raise AppendOnly("ItemEvent rows are append-only")


class ItemEvent(models.Model):
    item = models.ForeignKey("catalogue.Item", on_delete=models.PROTECT, related_name="events")
    type = models.CharField(max_length=30, choices=EventType.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField()
    data = models.JSONField(default=dict)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "事件"
        verbose_name_plural = "事件"

    def __str__(self) -> str:
        return f"{self.item_id} {self.type} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("ItemEvent rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("ItemEvent rows are append-only")
