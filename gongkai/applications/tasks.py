"""Celery tasks: the daily job of `remind_due_cases`, scheduled by Celery beat when Redis is set.

Without REDIS_URL the platform has no worker; run `python manage.py remind_due_cases` from cron.
"""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings

BEAT_SCHEDULE = {
    "applications-daily": {
        "task": "gongkai.applications.tasks.daily",
        "schedule": crontab(hour=7, minute=30),
    }
}


@shared_task(name="gongkai.applications.tasks.daily")
def daily() -> dict[str, int]:
    from . import actions

    closed = actions.close_expired()
    return {"closed": len(closed), "reminders": actions.remind_due_cases()}


def install_schedule(app) -> None:
    """Add the daily entry to the beat schedule when a broker (Redis) is configured."""
    if getattr(settings, "REDIS_URL", ""):
        schedule = dict(app.conf.beat_schedule or {})
        schedule.update(BEAT_SCHEDULE)
        app.conf.beat_schedule = schedule


try:  # registered on import (Celery's autodiscovery imports this module in worker and beat)
    from gongkai.platform.celery import app as _app

    install_schedule(_app)
except ImportError:  # pragma: no cover
    pass
