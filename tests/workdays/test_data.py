"""The shipped data files: complete 2019–2026, equal to chinesecalendar day by day, well-formed."""

import importlib.util
import json
import subprocess
import sys
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import chinese_calendar
import pytest

from gongkai.workdays import (
    DayKind,
    HolidayArrangement,
    InvalidArrangement,
    WorkdayCalendar,
    load_shipped_arrangements,
    shipped_years,
)

YEARS = list(range(2019, 2027))
GEN = Path(__file__).resolve().parents[2] / "scripts" / "gen_holidays.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_holidays", GEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def calendar():
    return WorkdayCalendar(include_shipped=True)


def test_every_year_2019_to_2026_is_shipped_as_package_data():
    assert shipped_years() == YEARS
    files = {p.name for p in resources.files("gongkai.workdays.data").iterdir()}
    assert {f"{y}.json" for y in YEARS} <= files


@pytest.mark.parametrize("year", YEARS)
def test_year_matches_chinesecalendar_day_by_day(calendar, year):
    names = _generator().NAMES
    d = date(year, 1, 1)
    while d.year == year:
        day = calendar.day(d)
        assert day.is_working_day is chinese_calendar.is_workday(d), d
        expected = chinese_calendar.holidays.get(d) or chinese_calendar.workdays.get(d)
        assert day.holiday == (names[expected] if expected else None), d
        d += timedelta(days=1)


def test_files_are_what_the_generator_writes():
    gen = _generator()
    for year, data in gen.build().items():
        shipped = resources.files("gongkai.workdays.data").joinpath(f"{year}.json").read_text("utf-8")
        assert shipped == gen.render(data), year


@pytest.mark.parametrize(
    ("year", "doc_number"),
    [
        (2023, "国办发明电〔2022〕16号"),
        (2026, "国办发明电〔2025〕7号"),
    ],
)
def test_source_document_is_recorded(year, doc_number):
    arrangement = {a.year: a for a in load_shipped_arrangements()}[year]
    main = arrangement.sources[0]
    assert main.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    assert main.doc_number == doc_number
    assert main.label() == f"《{main.title}》（{doc_number}）"


def test_2023_arrangement_has_the_dates_domain_8_relies_on(calendar):
    a = calendar.arrangement(2023)
    assert a.holidays[date(2023, 4, 5)] == "清明节"
    assert all(a.holidays[date(2023, 4, 29) + timedelta(days=i)] == "劳动节" for i in range(5))
    assert a.makeup_workdays[date(2023, 4, 23)] == "劳动节"
    assert a.makeup_workdays[date(2023, 5, 6)] == "劳动节"


def test_december_days_set_by_the_next_notice_are_filed_under_it(calendar):
    # The 2023 notice gave 2022-12-31 to 元旦; the 2019 notice made 2018-12-29 a working day.
    assert date(2022, 12, 31) in calendar.arrangement(2023).holidays
    assert calendar.arrangement(2019).makeup_workdays[date(2018, 12, 29)] == "元旦"
    assert calendar.day(date(2022, 12, 31)).kind is DayKind.PUBLIC_HOLIDAY


@pytest.mark.parametrize("year", YEARS)
def test_round_trip_through_json(year):
    arrangement = {a.year: a for a in load_shipped_arrangements()}[year]
    again = HolidayArrangement.from_dict(json.loads(json.dumps(arrangement.to_dict())))
    assert again == arrangement


@pytest.mark.parametrize(
    ("holidays", "makeup"),
    [
        ({date(2030, 10, 1): "国庆节"}, {date(2030, 10, 1): "国庆节"}),  # off and worked at once
        ({date(2030, 10, 1): "国庆节"}, {date(2030, 10, 9): "国庆节"}),  # make-up day on a Wednesday
        ({date(2031, 1, 1): "元旦"}, {}),  # a date outside the notice's year
        ({date(2030, 10, 1): " "}, {}),  # no holiday name
    ],
)
def test_inconsistent_arrangement_is_rejected(holidays, makeup):
    with pytest.raises(InvalidArrangement) as err:
        HolidayArrangement(2030, holidays, makeup)
    assert err.value.code == "W.arrangement_invalid"


def test_bad_date_in_data_is_rejected():
    with pytest.raises(InvalidArrangement):
        HolidayArrangement.from_dict({"year": 2030, "public_holidays": {"2030-02-30": "春节"}})


def test_library_reads_its_files_not_chinesecalendar_nor_django():
    code = (
        "import sys, datetime, gongkai.workdays as w;"
        "w.add_working_days(datetime.date(2023, 3, 6), 20);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'chinese_calendar')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
