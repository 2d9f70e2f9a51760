"""Answer deadlines over the real holiday arrangements (DOMAIN §7, §8), table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import deadlines
from gongkai.applications.deadlines import CaseClock, Consultation, due_date
from gongkai.workdays import HolidayArrangement, MissingHolidayData, WorkdayCalendar, add_working_days

CAL = WorkdayCalendar()
D = date.fromisoformat


@pytest.mark.parametrize(
    ("start", "days", "due", "why"),
    [
        ("2023-03-06", 7, "2023-03-15", "DOMAIN §8 worked example: correction request"),
        ("2023-03-06", 20, "2023-04-03", "DOMAIN §8: answer"),
        ("2023-03-20", 20, "2023-04-18", "DOMAIN §8: after correction, 4月5日 skipped"),
        ("2023-04-03", 20, "2023-05-04", "DOMAIN §8: extension across 劳动节, Sunday 4月23日 counted"),
        ("2026-09-18", 20, "2026-10-22", "2026 中秋/国庆: Sun 9月20日 and Sat 10月10日 count"),
        ("2026-09-30", 1, "2026-10-08", "2026 国庆 holiday skipped"),
        ("2026-10-09", 1, "2026-10-10", "Saturday make-up working day counts"),
        ("2026-10-02", 1, "2026-10-08", "received during the holiday"),
        ("2026-02-10", 20, "2026-03-16", "2026 春节: Sat 2月14日 and 2月28日 count, 2月15–23日 off"),
        ("2026-02-13", 1, "2026-02-14", "春节 make-up Saturday is the next working day"),
        ("2025-12-31", 1, "2026-01-04", "元旦 2026 off 1月1–3日, Sunday 1月4日 is a make-up day"),
    ],
)
def test_due_dates_on_real_arrangements(start, days, due, why):
    expected = add_working_days(D(start), days)  # the library is the reference
    assert CAL.add_working_days(D(start), days) == expected
    assert expected == D(due), why


def test_correction_restarts_the_clock_across_national_day():
    clock = CaseClock(received_on=D("2026-09-10"), correction_requested_on=D("2026-09-14"))
    assert due_date(CAL, clock) is None  # waiting for the applicant: no clock runs
    clock = CaseClock(D("2026-09-10"), D("2026-09-14"), D("2026-09-29"))
    assert due_date(CAL, clock) == D("2026-11-02")


def test_consultation_pause_crossing_year_end():
    clock = CaseClock(
        D("2025-12-10"),
        consultations=(Consultation(D("2025-12-22"), None, D("2026-01-09"), "征求第三方意见"),),
    )
    assert due_date(CAL, clock) == D("2026-01-27")
    assert due_date(CAL, CaseClock(D("2025-12-10"))) == D("2026-01-08")


def test_consultation_pause_is_capped_at_15_working_days_after_receipt():
    sent = D("2026-03-02")
    cap = add_working_days(sent, 15)
    late_answer = Consultation(sent, None, D("2026-05-20"))
    assert deadlines.consultation_pause(CAL, late_answer).end == cap
    open_one = Consultation(sent)
    assert deadlines.consultation_pause(CAL, open_one).end == cap


def test_extension_counts_from_the_original_deadline():
    clock = CaseClock(D("2023-03-06"), extension_days=20)
    assert due_date(CAL, clock) == D("2023-05-04")


def test_reasonable_delay_is_the_agencys_date():
    assert due_date(CAL, CaseClock(D("2026-03-02"), delay_until=D("2026-06-30"))) == D("2026-06-30")


def test_missing_year_raises_never_weekends_only():
    with pytest.raises(MissingHolidayData) as err:
        due_date(CAL, CaseClock(D("2026-12-15")))
    assert err.value.year == 2027 and err.value.code == "W.calendar_missing"
    with pytest.raises(MissingHolidayData):
        CAL.add_working_days(D("2018-06-01"), 3)


def test_an_edited_arrangement_moves_due_dates():
    shipped = WorkdayCalendar().arrangement(2026)
    extra = dict(shipped.holidays) | {D("2026-03-10"): "测试假日"}
    edited = HolidayArrangement(2026, extra, shipped.makeup_workdays, shipped.sources)
    cal = WorkdayCalendar([edited])
    assert cal.add_working_days(D("2026-03-09"), 1) == D("2026-03-11")


@pytest.mark.parametrize(
    ("channel", "expected"),
    [("in_person", "arrived"), ("post_signed", "signed"), ("post_unsigned", "confirmed"), ("online", "confirmed"),
     ("fax", "confirmed"), ("email", "confirmed")],
)  # fmt: skip
def test_date_of_receipt_follows_article_31(channel, expected):
    days = {"arrived": D("2026-03-02"), "signed": D("2026-03-03"), "confirmed": D("2026-03-04")}
    got = deadlines.date_of_receipt(
        channel, arrived_on=days["arrived"], signed_on=days["signed"], confirmed_on=days["confirmed"]
    )
    assert got == days[expected]
