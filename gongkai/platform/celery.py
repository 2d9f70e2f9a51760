"""The Celery app. With REDIS_URL set, tasks go to Redis workers; without it they run inline
(`task_always_eager`), so the platform works with no broker at all."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.platform.settings")

app = Celery("gongkai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
