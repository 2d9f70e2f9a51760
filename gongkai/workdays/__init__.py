"""Working days for the Regulation's periods (DOMAIN §7, §8): a pure library, no Django.

from gongkai.workdays import add_working_days
add_working_days(date(2023, 3, 6), 20)  # date(2023, 4, 3)
"""

from gongkai.workdays.arrangement import (
    HolidayArrangement,
    SourceDocument,
    load_shipped_arrangements,
    shipped_years,
)
from gongkai.workdays.calendar import (
    WEEKDAY_NAMES,
    Day,
    DayKind,
    Deadline,
    ExplainedDay,
    Explanation,
    Pause,
    WorkdayCalendar,
    add_working_days,
    add_working_days_provisional,
    default_calendar,
    explain,
    is_working_day,
    working_days_between,
)
from gongkai.workdays.errors import (
    InvalidArrangement,
    InvalidDate,
    InvalidPause,
    InvalidPeriod,
    MissingHolidayData,
    WorkdayError,
)

__all__ = [
    "WEEKDAY_NAMES",
    "Day",
    "DayKind",
    "Deadline",
    "ExplainedDay",
    "Explanation",
    "HolidayArrangement",
    "InvalidArrangement",
    "InvalidDate",
    "InvalidPause",
    "InvalidPeriod",
    "MissingHolidayData",
    "Pause",
    "SourceDocument",
    "WorkdayCalendar",
    "WorkdayError",
    "add_working_days",
    "add_working_days_provisional",
    "default_calendar",
    "explain",
    "is_working_day",
    "load_shipped_arrangements",
    "shipped_years",
    "working_days_between",
]
