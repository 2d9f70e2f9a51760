"""`explain` shows every day of a period and why it counts or not."""

from datetime import date

from gongkai.workdays import DayKind, Pause, explain

D = date.fromisoformat


def test_extension_example_day_by_day():
    # DOMAIN §8: extension from the original deadline Mon 2023-04-03, +20 working days.
    result = explain(D("2023-04-03"), 20)
    assert result.due == D("2023-05-04")
    assert [d.day.date for d in result.days][0] == D("2023-04-04")
    assert len(result.days) == (result.due - result.start).days
    assert [d.ordinal for d in result.days if d.counted] == list(range(1, 21))
    skipped = {d.day.date.isoformat(): d.reason for d in result.skipped}
    assert skipped == {
        "2023-04-05": "清明节",
        "2023-04-08": "周末",
        "2023-04-09": "周末",
        "2023-04-15": "周末",
        "2023-04-16": "周末",
        "2023-04-22": "周末",
        "2023-04-29": "劳动节",
        "2023-04-30": "劳动节",
        "2023-05-01": "劳动节",
        "2023-05-02": "劳动节",
        "2023-05-03": "劳动节",
    }
    make_up = next(d for d in result.days if d.day.date == D("2023-04-23"))
    assert make_up.counted and make_up.ordinal == 14
    assert make_up.day.kind is DayKind.MAKEUP_WORKDAY
    assert make_up.reason == "调休上班日（劳动节）"
    assert result.days[0].reason == "工作日"


def test_national_day_2026_reasons():
    result = explain(D("2026-09-30"), 3)
    assert [(d.day.date.isoformat(), d.counted, d.reason) for d in result.days] == [
        ("2026-10-01", False, "国庆节"),
        ("2026-10-02", False, "国庆节"),
        ("2026-10-03", False, "国庆节"),
        ("2026-10-04", False, "国庆节"),
        ("2026-10-05", False, "国庆节"),
        ("2026-10-06", False, "国庆节"),
        ("2026-10-07", False, "国庆节"),
        ("2026-10-08", True, "工作日"),
        ("2026-10-09", True, "工作日"),
        ("2026-10-10", True, "调休上班日（国庆节）"),
    ]


def test_paused_working_days_are_shown_with_the_pause():
    result = explain(D("2023-03-06"), 2, pauses=[Pause(D("2023-03-06"), D("2023-03-07"), "征求第三方意见")])
    assert [(d.day.date.isoformat(), d.counted, d.reason) for d in result.days] == [
        ("2023-03-07", False, "暂停计算期间（征求第三方意见）"),
        ("2023-03-08", True, "工作日"),
        ("2023-03-09", True, "工作日"),
    ]


def test_zero_days_explains_nothing():
    result = explain(D("2023-03-06"), 0)
    assert result.due == D("2023-03-06") and result.days == ()
