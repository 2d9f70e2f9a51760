"""Publishing channels behind one interface; the website itself is the portal. Add an adapter here
(WeChat, Weibo, short video…) and its kind becomes usable."""

from __future__ import annotations

from ..vocab import ChannelKind
from .base import Adapter, DeliveryError
from .webhook import WebhookAdapter

ADAPTERS: dict[str, Adapter] = {ChannelKind.WEBHOOK: WebhookAdapter()}


def adapter_for(kind: str) -> Adapter | None:
    return ADAPTERS.get(kind)


__all__ = ["ADAPTERS", "Adapter", "DeliveryError", "WebhookAdapter", "adapter_for"]
