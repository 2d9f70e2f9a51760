"""With REDIS_URL set, a publication's delivery goes through Redis to a Celery worker."""

from __future__ import annotations

import time
import uuid

import pytest

from conftest import require_service
from gongkai.portal import actions
from gongkai.portal.models import Delivery
from gongkai.portal.vocab import DeliveryStatus

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def celery_app(settings):
    from django.db import connection

    if connection.vendor == "sqlite":  # the worker thread writes while the test reads: table locks
        pytest.skip(
            "a Celery worker writing concurrently needs a server database; runs in the PostgreSQL pass"
        )
    require_service("Redis", "127.0.0.1", 6379)
    from gongkai.platform.celery import app
    from gongkai.portal import tasks  # noqa: F401  (registers the task)

    saved = {k: app.conf.get(k) for k in ("broker_url", "task_always_eager", "task_default_queue")}
    settings.REDIS_URL = REDIS
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # a queue of our own, so a worker running elsewhere on this Redis never takes the test's task
    app.conf.update(
        broker_url=REDIS, task_always_eager=False, task_default_queue=f"gongkai-test-{uuid.uuid4().hex}"
    )
    try:
        yield app
    finally:
        app.conf.update(saved)


def test_a_celery_worker_delivers_through_redis(celery_app, site, receiver):
    from celery.contrib.testing.worker import start_worker

    assert not actions.runs_inline()
    actions.save_channel(
        site.agency,
        actor=site.head,
        name="新媒体平台",
        url=receiver.url,
        secret="s3cret-for-tests-0123456789",
    )
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        item = site.publish("关于开展防汛演练的通知")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            delivery = Delivery.objects.get(item=item)
            if delivery.status != DeliveryStatus.PENDING:
                break
            time.sleep(0.1)
    assert delivery.status == DeliveryStatus.SENT
    assert receiver.json()["index_number"] == item.index_number
