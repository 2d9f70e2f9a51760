"""The demo data: several statuses for the supervisor, the media centre's previous-year report in the
portal's 年报 column, and running it twice creates nothing new."""

from __future__ import annotations

import io
import re

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.annual import demo, supervise
from gongkai.annual.models import AnnualReportRecord, ReportEvent
from gongkai.catalogue import demo as catalogue_demo
from gongkai.catalogue.models import Item, ItemEvent
from gongkai.catalogue.vocab import ItemStatus

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


def test_the_portal_annual_column_shows_the_media_centres_real_report_with_its_tables(time_machine, client):
    time_machine.move_to(TODAY.replace(year=2026, month=11, day=25))
    agencies_demo.load()
    catalogue_demo.load()
    demo.load()
    record = AnnualReportRecord.objects.get(agency__code="sfq-rmtzx", year=2025)
    item = record.catalogue_item
    assert item.status == ItemStatus.PUBLISHED and item.created_by.username == "head"
    assert [r.actor.username for r in item.reviews.order_by("stage")] == [
        "reviewer1",
        "reviewer2",
        "reviewer3",
    ]
    column = client.get("/sfq-rmtzx/annual/").content.decode()
    newest = re.search(r'href="(/sfq-rmtzx/items/[^"]+/)"', column).group(1)
    assert newest == item.get_absolute_url()
    page = client.get(newest).content.decode()
    assert "示范区融媒体中心2025年政府信息公开工作年度报告" in page
    assert page.count('<table class="official"') == 3
    assert Item.objects.filter(column__slug="gknb").count() == 1  # the real report, no made-up one
    counts = (Item.objects.count(), ItemEvent.objects.count(), ReportEvent.objects.count())
    catalogue_demo.load()
    demo.load()
    assert (Item.objects.count(), ItemEvent.objects.count(), ReportEvent.objects.count()) == counts
