"""A missing year is never guessed (DOMAIN §8); an estimate is asked for and labelled."""

from datetime import date

import pytest

from gongkai.workdays import (
    Deadline,
    HolidayArrangement,
    InvalidArrangement,
    MissingHolidayData,
    WorkdayCalendar,
    add_working_days,
    add_working_days_provisional,
    explain,
    is_working_day,
    working_days_between,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    "compute",
    [
        lambda: add_working_days(D("2026-12-28"), 5),  # runs into 2027
        lambda: is_working_day(D("2027-03-01")),
        lambda: working_days_between(D("2026-12-01"), D("2027-01-10")),
        lambda: explain(D("2026-12-28"), 5),
        lambda: add_working_days(D("2018-06-01"), 1),  # before the shipped years
    ],
)
def test_missing_year_raises(compute):
    with pytest.raises(MissingHolidayData) as err:
        compute()
    assert err.value.code == "W.calendar_missing"
    assert err.value.year in (2018, 2027)
    assert str(err.value) == f"缺少{err.value.year}年节假日安排数据，无法计算工作日"


def test_period_ending_on_the_last_shipped_day_needs_no_next_year():
    assert add_working_days(D("2026-12-30"), 1) == D("2026-12-31")


def test_provisional_estimate_is_labelled():
    result = add_working_days_provisional(D("2026-12-28"), 5)
    assert result == Deadline(D("2027-01-04"), missing_years=(2027,))
    assert result.provisional


def test_provisional_with_complete_data_is_exact_and_not_labelled():
    result = add_working_days_provisional(D("2023-03-06"), 20)
    assert result.due == D("2023-04-03")
    assert not result.provisional


def test_provisional_explanation_marks_guessed_days():
    result = explain(D("2026-12-30"), 3, provisional=True)
    assert result.provisional and result.missing_years == (2027,)
    assert [(d.day.date.isoformat(), d.reason) for d in result.days] == [
        ("2026-12-31", "工作日"),
        ("2027-01-01", "工作日（暂估）"),
        ("2027-01-02", "周末（暂估）"),
        ("2027-01-03", "周末（暂估）"),
        ("2027-01-04", "工作日（暂估）"),
    ]


ARRANGEMENT_2027 = HolidayArrangement(
    2027,
    holidays={D("2027-01-01"): "元旦", D("2027-01-02"): "元旦", D("2027-01-03"): "元旦"},
)


def test_an_administrator_arrangement_fills_a_missing_year():
    calendar = WorkdayCalendar([ARRANGEMENT_2027])
    assert calendar.years[-1] == 2027
    assert calendar.add_working_days(D("2026-12-28"), 5) == D("2027-01-05")


def test_an_administrator_arrangement_replaces_a_shipped_year():
    # Suppose the 2023 notice were amended: 4/5 no longer off, 4/23 no longer worked.
    edited = HolidayArrangement(2023, holidays={D("2023-10-02"): "国庆节"})
    calendar = WorkdayCalendar([edited])
    assert calendar.is_working_day(D("2023-04-05"))
    assert not calendar.is_working_day(D("2023-04-23"))
    assert calendar.is_working_day(D("2023-10-03"))  # the shipped 2023 data is gone entirely
    assert calendar.is_working_day(D("2024-04-04")) is False  # other years stay shipped


def test_calendar_without_shipped_data_knows_only_what_it_is_given():
    calendar = WorkdayCalendar([ARRANGEMENT_2027], include_shipped=False)
    assert calendar.years == (2027,)
    with pytest.raises(MissingHolidayData):
        calendar.is_working_day(D("2026-06-01"))


def test_the_same_year_given_twice_is_rejected():
    with pytest.raises(InvalidArrangement):
        WorkdayCalendar([ARRANGEMENT_2027, ARRANGEMENT_2027])
