"""The platform's working-day calendar: the shipped holiday data, with administrators' overrides.

Built once per set of overrides and cached; `set_holiday_override` changes the key, so the next
call sees the edit in this process and every other one.
"""

from __future__ import annotations

import threading

from gongkai.workdays import HolidayArrangement, WorkdayCalendar

_lock = threading.Lock()
_cache: dict[tuple, WorkdayCalendar] = {}


def latest_overrides() -> dict[int, dict]:
    """The newest override per year, as arrangement dicts."""
    from .models import HolidayOverride

    latest: dict[int, dict] = {}
    for year, data in HolidayOverride.objects.order_by("year", "-pk").values_list("year", "arrangement"):
        latest.setdefault(year, data)
    return latest


def _key() -> tuple:
    from django.db.models import Count, Max

    from .models import HolidayOverride

    agg = HolidayOverride.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return (agg["n"], agg["last"])


def build(overrides: dict[int, dict]) -> WorkdayCalendar:
    arrangements = [HolidayArrangement.from_dict(data) for data in overrides.values()]
    return WorkdayCalendar(arrangements, include_shipped=True)


def current() -> WorkdayCalendar:
    key = _key()
    with _lock:
        cal = _cache.get(key)
    if cal is None:
        cal = build(latest_overrides())
        with _lock:
            _cache.clear()
            _cache[key] = cal
    return cal
