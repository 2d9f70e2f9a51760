"""Every change to channels and deliveries goes through here: validate, write, append an event,
inside one transaction. Search indexing lives in `indexing.py` (a derived read model, no events)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import permissions

from . import events
from .channels import DeliveryError, adapter_for
from .errors import ActionError, ErrorCode
from .models import Channel, Delivery
from .vocab import OPEN_STATUSES, ChannelKind, DeliveryStatus

log = logging.getLogger(__name__)


def max_attempts() -> int:
    return int(getattr(settings, "GONGKAI_CHANNEL_MAX_ATTEMPTS", 5))


def backoff(attempts: int) -> dt.timedelta:
    """Exponential: base, 2×base, 4×base … after the 1st, 2nd, 3rd failure; capped at a day."""
    base = float(getattr(settings, "GONGKAI_CHANNEL_RETRY_BASE_SECONDS", 60))
    return dt.timedelta(seconds=min(base * 2 ** max(0, attempts - 1), 86400))


def _check_version(obj, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise ActionError(ErrorCode.STALE_VERSION, current=obj.version, given=version)


@transaction.atomic
def save_channel(
    agency,
    *,
    actor,
    name: str,
    url: str,
    secret: str,
    enabled: bool = True,
    kind: str = ChannelKind.WEBHOOK,
    channel: Channel | None = None,
    version: int | None = None,
) -> Channel:
    """Create a channel, or change one (optimistic lock on `version`). A blank secret keeps the old one."""
    permissions.require(actor, "manage_channels", agency)
    name = (name or "").strip()
    if not name:
        raise ActionError(ErrorCode.CHANNEL_NAME_REQUIRED, field="name")
    adapter = adapter_for(kind)
    if adapter is None:
        label = ChannelKind(kind).label if kind in ChannelKind.values else kind
        raise ActionError(ErrorCode.CHANNEL_KIND_UNSUPPORTED, field="kind", kind=label)
    if channel is not None:
        channel = Channel.objects.select_for_update().get(pk=channel.pk, agency=agency)
        _check_version(channel, version)
    secret = secret or (channel.config.get("secret", "") if channel else "")
    config = {"url": (url or "").strip(), "secret": secret}
    adapter.validate_config(config)
    if channel is None:
        channel = Channel.objects.create(agency=agency, kind=kind, name=name, enabled=enabled, config=config)
        events.channel_created(channel, actor=actor)
        return channel
    changed = {}
    for field, value in (("name", name), ("kind", kind), ("enabled", enabled)):
        if getattr(channel, field) != value:
            changed[field] = [getattr(channel, field), value]
            setattr(channel, field, value)
    if channel.config.get("url") != config["url"]:
        changed["url"] = [channel.config.get("url"), config["url"]]
    if channel.config.get("secret") != config["secret"]:
        changed["secret"] = "changed"  # never log a secret
    channel.config = config
    channel.version += 1
    channel.save()
    events.channel_updated(channel, actor=actor, changed=changed)
    return channel


def payload_for(item) -> dict:
    base = getattr(settings, "GONGKAI_PUBLIC_BASE_URL", "").rstrip("/")
    return {
        "event": "published",
        "agency": {"code": item.agency.code, "name": item.agency.name},
        "column": {"slug": item.column.slug, "name": item.column.name},
        "index_number": item.index_number,
        "title": item.title,
        "document_number": item.document_number,
        "written_date": item.written_date.isoformat() if item.written_date else None,
        "published_date": item.published_date.isoformat() if item.published_date else None,
        "validity": item.validity,
        "url": base + item.get_absolute_url(),
    }


def publication_key(item) -> str:
    """One delivery per publication: re-publishing after a withdrawal announces again."""
    stamp = item.published_at.isoformat() if item.published_at else "-"
    return f"item:{item.pk}:{stamp}"[:100]


@transaction.atomic
def queue_deliveries(item) -> list[Delivery]:
    """On publication: one pending delivery per enabled channel of the item's agency, sent after commit."""
    key = publication_key(item)
    payload = payload_for(item)
    created = []
    for channel in Channel.objects.filter(agency_id=item.agency_id, enabled=True):
        delivery, new = Delivery.objects.get_or_create(
            channel=channel,
            key=key,
            defaults={"item": item, "payload": payload, "next_attempt_at": timezone.now()},
        )
        if new:
            events.delivery_queued(delivery)
            created.append(delivery)
    if created:
        ids = [d.pk for d in created]
        transaction.on_commit(lambda: schedule(ids))
    return created


def runs_inline() -> bool:
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True)) or not getattr(settings, "REDIS_URL", "")


def schedule(delivery_ids: list[int]) -> None:
    """Send now in this process (no broker), or hand each delivery to a Celery worker."""
    if runs_inline():
        for pk in delivery_ids:
            try:
                attempt_delivery(pk)
            except Exception:  # a crashing adapter never breaks the request that published
                log.exception("delivery %s crashed", pk)
        return
    from .tasks import deliver

    for pk in delivery_ids:
        deliver.delay(pk)


@transaction.atomic
def attempt_delivery(delivery_id: int, *, force: bool = False) -> Delivery | None:
    """One attempt, if the delivery is open and due (`force` ignores the due time).

    The row stays locked for the attempt, so a worker and `deliver_pending` never send it twice.
    """
    delivery = (
        Delivery.objects.select_for_update(skip_locked=True)
        .select_related("channel", "item")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status not in OPEN_STATUSES:
        return delivery
    now = timezone.now()
    if not force and delivery.next_attempt_at and delivery.next_attempt_at > now:
        return delivery
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.version += 1
    adapter = adapter_for(delivery.channel.kind)
    try:
        if adapter is None:
            raise DeliveryError(f"没有“{delivery.channel.get_kind_display()}”渠道的推送程序")
        adapter.deliver(delivery)
    except DeliveryError as error:
        delivery.last_error = str(error)[:2000]
        if delivery.attempts >= max_attempts():
            delivery.status = DeliveryStatus.GAVE_UP
            delivery.next_attempt_at = None
            delivery.save()
            events.delivery_gave_up(delivery, error=delivery.last_error)
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = now + backoff(delivery.attempts)
            delivery.save()
            events.delivery_failed(delivery, error=delivery.last_error)
        return delivery
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = now
    delivery.next_attempt_at = None
    delivery.last_error = ""
    delivery.save()
    events.delivery_sent(delivery)
    return delivery


@transaction.atomic
def retry_delivery(delivery: Delivery, *, actor, version: int | None = None) -> Delivery:
    """Staff ask for one more attempt now, after a failure or after the retries gave up."""
    delivery = Delivery.objects.select_for_update().select_related("channel__agency").get(pk=delivery.pk)
    permissions.require(actor, "manage_channels", delivery.channel.agency)
    _check_version(delivery, version)
    if delivery.status not in (DeliveryStatus.FAILED, DeliveryStatus.GAVE_UP):
        raise ActionError(ErrorCode.DELIVERY_NOT_RETRYABLE, status=delivery.get_status_display())
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.version += 1
    delivery.save()
    events.delivery_retried(delivery, actor=actor)
    pk = delivery.pk
    transaction.on_commit(lambda: schedule([pk]))
    return delivery


def deliver_due(*, limit: int = 500) -> dict[str, int]:
    """Attempt every open delivery whose time has come (the `deliver_pending` command, cron-driven)."""
    ids = list(
        Delivery.objects.filter(status__in=OPEN_STATUSES, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    counts = {status: 0 for status in DeliveryStatus.values}
    for pk in ids:
        delivery = attempt_delivery(pk)
        if delivery is not None:
            counts[delivery.status] += 1
    return counts
