"""The daily job: as a management command for cron and as a Celery task."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.applications import actions, tasks

pytestmark = pytest.mark.django_db


def test_command_closes_expired_corrections_and_sends_reminders(travel, file_case, people):
    travel("2026-03-02")
    waiting = file_case()
    actions.request_correction(waiting, actor=people["editor"], items="补充", respond_by=date(2026, 3, 9))
    due = file_case(request_description="另一份文件的名称")
    actions.acknowledge(due, actor=people["editor"])
    travel("2026-03-26")
    out = StringIO()
    call_command("remind_due_cases", stdout=out)
    waiting.refresh_from_db()
    assert waiting.outcome == "other_no_correction"
    assert "自动办结1件，发送提醒1封" in out.getvalue()
    assert any(due.case_number in m.subject for m in mail.outbox)


def test_celery_task_runs_the_same_job(travel, file_case, people):
    travel("2026-03-02")
    file_case()
    travel("2026-03-26")
    assert tasks.daily.apply().get() == {"closed": 0, "reminders": 1}
    assert "applications-daily" in tasks.BEAT_SCHEDULE
