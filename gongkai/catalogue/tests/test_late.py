"""Art. 26 (`P.late`): published within 20 working days of being formed or changed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from gongkai.catalogue.content import late_check
from gongkai.catalogue.vocab import LateCheck


@pytest.mark.parametrize(
    ("formed", "published", "outcome", "days"),
    [
        # 2024 National Day: 10月1日–7日 off, Sun 9月29日 and Sat 10月12日 make-up working days
        ("2024-09-20", "2024-10-23", LateCheck.PASS, 20),
        ("2024-09-20", "2024-10-24", LateCheck.FINDING, 21),
        ("2024-09-30", "2024-10-08", LateCheck.PASS, 1),
        ("2024-03-01", "2024-03-01", LateCheck.PASS, 0),
    ],
)
def test_working_days_are_counted_across_the_holiday(formed, published, outcome, days):
    result, counted, detail = late_check(dt.date.fromisoformat(formed), dt.date.fromisoformat(published), 20)
    assert (result, counted) == (outcome, days)
    assert detail


def test_unknown_formed_date_is_not_run():
    assert late_check(None, dt.date(2024, 5, 6), 20)[0] == LateCheck.NOT_RUN


def test_missing_holiday_data_is_not_run_never_guessed():
    outcome, days, detail = late_check(dt.date(2039, 3, 1), dt.date(2039, 5, 6), 20)
    assert (outcome, days) == (LateCheck.NOT_RUN, None)
    assert "2039" in detail


@pytest.mark.django_db
def test_publication_records_the_flag(office, draft, review_all):
    with time_machine.travel(dt.datetime(2024, 10, 24, 2, 0, tzinfo=dt.UTC), tick=False):
        item = review_all(draft(formed_date=dt.date(2024, 9, 20)))
    assert item.published_date == dt.date(2024, 10, 24)
    assert (item.late_check, item.late_working_days) == (LateCheck.FINDING, 21)
    event = item.events.get(type="published")
    assert event.data["late_check"]["id"] == "P.late" and event.data["late_check"]["outcome"] == "finding"
