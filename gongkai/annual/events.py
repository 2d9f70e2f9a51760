"""Appending to the report event log. Every action writes exactly one event per step it takes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from .models import AnnualReportRecord, ReportEvent
from .vocab import EventType


def _json(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def record(report: AnnualReportRecord, type: EventType, *, actor=None, **data) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report, type=type, actor=actor, revision=report.revision, data=_json(data), at=timezone.now()
    )


def describe(event: ReportEvent) -> str:
    """One line for the timeline, from the event type's label and its data."""
    text = EventType(event.type).label
    data = event.data or {}
    if data.get("stage_label"):
        text += f"（{data['stage_label']}）"
    if event.type == EventType.OVERRIDDEN:
        text += f"：{data.get('label', data.get('cell'))} {data.get('before')} → {data.get('after')}，理由：{data.get('reason')}"
    elif event.type == EventType.EDITED and data.get("sections"):
        text += "：" + "、".join(data["sections"])
    elif event.type == EventType.ADDED_TO_PORTAL and data.get("index_number"):
        text += f"（索引号{data['index_number']}）"
    elif data.get("reason"):
        text += f"：{data['reason']}"
    elif data.get("comment"):
        text += f"：{data['comment']}"
    elif data.get("file"):
        text += f"：{data['file']}"
    return text
