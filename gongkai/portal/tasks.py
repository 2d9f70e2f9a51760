"""Celery tasks of the portal: one delivery attempt per task (used when REDIS_URL is set)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="portal.deliver", ignore_result=True)
def deliver(delivery_id: int) -> str | None:
    from .actions import attempt_delivery

    delivery = attempt_delivery(delivery_id)
    return delivery.status if delivery is not None else None
