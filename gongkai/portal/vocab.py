"""Closed vocabularies of the portal, in one module: channel kinds, delivery statuses, event types."""

from __future__ import annotations

from django.db import models


class ChannelKind(models.TextChoices):
    """Publishing channels besides the website. Only `webhook` has an adapter so far."""

    WEBHOOK = "webhook", "HTTP 推送（Webhook）"
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "政务微博"
    SHORT_VIDEO = "short_video", "短视频平台"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "待推送"
    SENT = "sent", "已推送"
    FAILED = "failed", "推送失败，等待重试"
    GAVE_UP = "gave_up", "推送失败，已停止重试"


# statuses from which a delivery is (re)attempted
OPEN_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


class EventType(models.TextChoices):
    """Every change to channels and deliveries; the label is the log's wording."""

    CHANNEL_CREATED = "channel_created", "新建发布渠道"
    CHANNEL_UPDATED = "channel_updated", "修改发布渠道"
    DELIVERY_QUEUED = "delivery_queued", "加入推送队列"
    DELIVERY_SENT = "delivery_sent", "推送成功"
    DELIVERY_FAILED = "delivery_failed", "推送失败"
    DELIVERY_GAVE_UP = "delivery_gave_up", "停止重试"
    DELIVERY_RETRIED = "delivery_retried", "人工重新推送"
