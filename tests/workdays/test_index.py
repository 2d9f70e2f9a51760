"""The index behind `add_working_days` gives exactly what the day-by-day walk gives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import MissingHolidayData, WorkdayCalendar, load_shipped_arrangements

CAL = WorkdayCalendar()
days = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    start=days,
    n=st.integers(1, 60),
    pauses=st.lists(st.tuples(st.integers(-10, 40), st.integers(0, 30)), max_size=3),
)
def test_fast_path_equals_the_walk(start, n, pauses):
    spans = [(start + timedelta(days=at), start + timedelta(days=at + length)) for at, length in pauses]
    try:
        walked = CAL.explain(start, n, pauses=spans).due
    except MissingHolidayData as exc:
        with pytest.raises(MissingHolidayData) as raised:
            CAL.add_working_days(start, n, pauses=spans)
        assert raised.value.year == exc.year
        return
    assert CAL.add_working_days(start, n, pauses=spans) == walked
    if not spans:
        assert CAL.working_days_between(start, walked) == n


def test_a_gap_between_loaded_years_raises_for_the_missing_year():
    shipped = [a for a in load_shipped_arrangements() if a.year != 2024]
    cal = WorkdayCalendar(shipped, include_shipped=False)
    assert cal.add_working_days(date(2023, 3, 6), 20) == date(2023, 4, 3)
    with pytest.raises(MissingHolidayData) as exc:
        cal.add_working_days(date(2023, 12, 20), 20)
    assert exc.value.year == 2024
    assert cal.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 4)


def test_start_in_an_unloaded_year_counts_from_the_next_loaded_day():
    assert CAL.add_working_days(date(2018, 12, 31), 1) == CAL.explain(date(2018, 12, 31), 1).due
