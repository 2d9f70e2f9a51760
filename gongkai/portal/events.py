"""The portal's one append-only event table (`ChannelEvent`): one function per event type."""

from __future__ import annotations

from .models import ChannelEvent
from .vocab import EventType


def _record(type_: EventType, *, channel, delivery=None, actor=None, **data) -> ChannelEvent:
    return ChannelEvent.objects.create(channel=channel, delivery=delivery, type=type_, actor=actor, data=data)


def channel_created(channel, *, actor):
    return _record(
        EventType.CHANNEL_CREATED, channel=channel, actor=actor, name=channel.name, kind=channel.kind
    )


def channel_updated(channel, *, actor, changed: dict):
    return _record(EventType.CHANNEL_UPDATED, channel=channel, actor=actor, changed=changed)


def delivery_queued(delivery):
    return _record(EventType.DELIVERY_QUEUED, channel=delivery.channel, delivery=delivery, key=delivery.key)


def delivery_sent(delivery):
    return _record(
        EventType.DELIVERY_SENT, channel=delivery.channel, delivery=delivery, attempt=delivery.attempts
    )


def delivery_failed(delivery, *, error: str):
    return _record(
        EventType.DELIVERY_FAILED,
        channel=delivery.channel,
        delivery=delivery,
        attempt=delivery.attempts,
        error=error,
        next_attempt_at=delivery.next_attempt_at.isoformat() if delivery.next_attempt_at else None,
    )


def delivery_gave_up(delivery, *, error: str):
    return _record(
        EventType.DELIVERY_GAVE_UP,
        channel=delivery.channel,
        delivery=delivery,
        attempt=delivery.attempts,
        error=error,
    )


def delivery_retried(delivery, *, actor):
    return _record(EventType.DELIVERY_RETRIED, channel=delivery.channel, delivery=delivery, actor=actor)
