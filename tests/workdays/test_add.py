"""The counting convention of DOMAIN §7.1 and the worked examples of §8."""

from datetime import date

import pytest

from gongkai.workdays import (
    InvalidPause,
    InvalidPeriod,
    Pause,
    add_working_days,
    is_working_day,
    working_days_between,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # DOMAIN §8 worked examples, 2023 arrangement
        ("2023-03-06", 7, "2023-03-15"),  # 补正 request: received Mon, 7 working days
        ("2023-03-06", 20, "2023-04-03"),  # answer: received Mon, 20 working days
        ("2023-03-20", 20, "2023-04-18"),  # answer after correction: 4月5日 清明 skipped
        ("2023-04-03", 20, "2023-05-04"),  # extension: 4/5 skipped, Sun 4/23 counted, 4/29–5/3 skipped
        # National Day 2026: 10/1–10/7 off, Sun 9/20 and Sat 10/10 worked, 中秋 9/25–9/27 off
        ("2026-09-30", 1, "2026-10-08"),  # the whole National Day break skipped
        ("2026-10-09", 1, "2026-10-10"),  # Saturday make-up working day counts
        ("2026-09-18", 1, "2026-09-20"),  # Sunday make-up working day counts
        ("2026-09-24", 1, "2026-09-28"),  # 中秋 Friday and the weekend skipped
        ("2026-09-30", 20, "2026-11-03"),
        # the start day is never counted, even when it is a working day
        ("2023-03-06", 1, "2023-03-07"),
        ("2023-03-10", 1, "2023-03-13"),  # Friday start: the weekend is skipped
        ("2023-04-04", 1, "2023-04-06"),  # the day after is 清明
        ("2023-04-05", 1, "2023-04-06"),  # a start on a holiday counts from the next working day
        # zero days: the start day itself
        ("2023-04-05", 0, "2023-04-05"),
    ],
)
def test_add_working_days(start, days, due):
    assert add_working_days(D(start), days) == D(due)


def test_year_boundary_new_year_2026_sunday_make_up_day_counts():
    assert is_working_day(D("2026-01-04"))
    assert add_working_days(D("2025-12-31"), 1) == D("2026-01-04")


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2023-04-23", True),  # Sunday, 调休上班日（劳动节）
        ("2023-05-06", True),  # Saturday, 调休上班日（劳动节）
        ("2023-04-05", False),  # Wednesday, 清明节
        ("2023-04-22", False),  # ordinary Saturday
        ("2023-04-24", True),  # ordinary Monday
        ("2020-01-31", False),  # the 2020 Spring Festival extension
        ("2020-02-01", False),  # Saturday, extension: no longer a make-up day
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        ("2023-03-06", "2023-04-03", 20),
        ("2023-04-03", "2023-05-04", 20),
        ("2023-03-06", "2023-03-06", 0),
        ("2023-04-04", "2023-04-05", 0),  # after 4/4 up to 4/5 清明: nothing
        ("2023-04-03", "2023-03-06", -20),  # reversed: negative, e.g. overdue
    ],
)
def test_working_days_between(a, b, count):
    assert working_days_between(D(a), D(b)) == count


@pytest.mark.parametrize("days", [-1, 1.5, "3", True])
def test_period_must_be_a_whole_number(days):
    with pytest.raises(InvalidPeriod) as err:
        add_working_days(D("2023-03-06"), days)
    assert err.value.code == "W.period_invalid"


# Pauses (DOMAIN §7.4): working days d with start < d <= end are not counted.
@pytest.mark.parametrize(
    ("pauses", "due"),
    [
        ([], "2023-04-03"),
        # request sent Fri 3/10, answer Tue 3/14: Mon 3/13 and Tue 3/14 not counted, so two more
        # working days after 4/3: 4/4, then 4/5 清明 skipped, then 4/6
        ([("2023-03-10", "2023-03-14")], "2023-04-06"),
        # a pause over a weekend only removes nothing
        ([("2023-03-10", "2023-03-12")], "2023-04-03"),
        # a one-day pause (sent and answered the same day) removes nothing
        ([("2023-03-08", "2023-03-08")], "2023-04-03"),
        # overlapping pauses count each day once
        ([("2023-03-07", "2023-03-09"), ("2023-03-08", "2023-03-10")], "2023-04-07"),
        # a pause that began before the period: only its days after the start day matter
        ([("2023-03-01", "2023-03-07")], "2023-04-04"),
        # a pause entirely before the period changes nothing
        ([("2023-02-01", "2023-03-06")], "2023-04-03"),
    ],
)
def test_pauses(pauses, due):
    ps = [(D(a), D(b)) for a, b in pauses]
    result = add_working_days(D("2023-03-06"), 20, pauses=ps)
    assert result == D(due)
    assert working_days_between(D("2023-03-06"), result, pauses=ps) == 20


def test_pause_objects_and_tuples_are_the_same():
    p = (D("2023-03-10"), D("2023-03-14"))
    assert add_working_days(D("2023-03-06"), 20, pauses=[Pause(*p, label="征求第三方意见")]) == (
        add_working_days(D("2023-03-06"), 20, pauses=[p])
    )


def test_pause_ending_before_it_starts_is_rejected():
    with pytest.raises(InvalidPause) as err:
        Pause(D("2023-03-10"), D("2023-03-09"))
    assert err.value.code == "W.pause_invalid"
