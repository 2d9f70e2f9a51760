"""Rows that are history: event logs and audit records are written once, never changed or deleted.

Every app's event table (catalogue `ItemEvent`, applications `CaseEvent`, annual `ReportEvent`,
portal `ChannelEvent`) inherits this guard, on single rows and on querysets alike.
"""

from __future__ import annotations

from django.db import models


class AppendOnlyError(Exception):
    """Events are history: they are never changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
