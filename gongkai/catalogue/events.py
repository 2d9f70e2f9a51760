"""Appending to the item event log. Every action writes exactly one event per step it takes."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from .models import Item, ItemEvent
from .vocab import EventType


def _json(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def record(item: Item, type: EventType, *, actor=None, **data) -> ItemEvent:
    """Append one event; `data` usually holds `before`/`after` and the step's reason or details."""
    return ItemEvent.objects.create(
        item=item, type=type, actor=actor, revision=item.revision, data=_json(data), at=timezone.now()
    )


def snapshot(item: Item, fields) -> dict:
    return {name: _json(getattr(item, name if name != "column" else "column_id")) for name in fields}


def describe(event: ItemEvent) -> str:
    """One line for the timeline, from the event type's label and its data."""
    text = EventType(event.type).label
    data = event.data or {}
    if data.get("stage_label"):
        text += f"（{data['stage_label']}）"
    if data.get("reason"):
        text += f"：{data['reason']}"
    elif data.get("comment"):
        text += f"：{data['comment']}"
    return text
