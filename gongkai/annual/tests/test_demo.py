"""The demo data: several statuses for the supervisor, and running it twice creates nothing new."""

from __future__ import annotations

import io

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.annual import demo, supervise
from gongkai.annual.models import AnnualReportRecord, ReportEvent

from .helpers import TODAY

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_shows_several_statuses(time_machine):
    time_machine.move_to(TODAY.replace(year=2026, month=11, day=25))
    agencies = agencies_demo.load()
    out = io.StringIO()
    demo.load(stdout=out)
    counts = (AnnualReportRecord.objects.count(), ReportEvent.objects.count())
    demo.load()
    assert (AnnualReportRecord.objects.count(), ReportEvent.objects.count()) == counts
    assert "/office/annual/supervise/2026/" in out.getvalue()
    office = agencies["sfq-gwgkb"]
    today = TODAY.date().replace(year=2026, month=11, day=25)
    now = {a.code: a.display for a in supervise.rows(office, 2026, today, supervise.Query())}
    assert now == {
        "sfq-rmtzx": "not_started",
        "sfq-jyj": "in_review",
        "sfq-sjj": "drafting",
        "sfq": "not_started",
    }
    before = {a.code: a.display for a in supervise.rows(office, 2025, today, supervise.Query())}
    assert sorted(before.values()) == ["late", "published", "published", "published"]
