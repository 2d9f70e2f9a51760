"""Properties that hold for every start date and period inside the shipped years."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gongkai.workdays import (
    add_working_days,
    add_working_days_provisional,
    is_working_day,
    working_days_between,
)

starts = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 9, 30))
periods = st.integers(min_value=0, max_value=40)


@given(starts, periods)
def test_due_date_is_a_working_day_n_working_days_later(start, n):
    due = add_working_days(start, n)
    assert working_days_between(start, due) == n
    if n:
        assert due > start and is_working_day(due)
        assert working_days_between(start, due - timedelta(days=1)) == n - 1


@given(starts, periods)
def test_one_more_day_is_later(start, n):
    assert add_working_days(start, n + 1) > add_working_days(start, n)


@given(starts, periods, st.integers(0, 30), st.integers(0, 30))
def test_pauses_only_push_the_deadline_back(start, n, offset, length):
    pause = (start + timedelta(days=offset), start + timedelta(days=offset + length))
    due = add_working_days(start, n, pauses=[pause])
    assert due >= add_working_days(start, n)
    assert working_days_between(start, due, pauses=[pause]) == n


@given(starts, periods)
def test_provisional_equals_exact_when_no_year_is_missing(start, n):
    result = add_working_days_provisional(start, n)
    assert (result.due, result.provisional) == (add_working_days(start, n), False)
