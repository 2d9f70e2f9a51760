"""Errors of the working-day library, each with a stable code and a Chinese message.

Callers log `code` and show `message`; the CLI prints both. Codes never change once published.
"""

from __future__ import annotations


class WorkdayError(Exception):
    """Base class: every error here carries a stable `code` and a Chinese `message`."""

    code = "W.error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingHolidayData(WorkdayError, LookupError):
    """A computation touched a year without a loaded `holiday_arrangement` (DOMAIN §8).

    Never caught and replaced by a weekends-only guess; a caller who wants an estimate asks for
    one explicitly (`provisional=True`) and gets a result labelled provisional.
    """

    code = "W.calendar_missing"

    def __init__(self, year: int) -> None:
        super().__init__(f"缺少{year}年节假日安排数据，无法计算工作日")
        self.year = year


class InvalidPeriod(WorkdayError, ValueError):
    """A number of working days that is not a whole number ≥ 0."""

    code = "W.period_invalid"


class InvalidDate(WorkdayError, ValueError):
    """A date string that cannot be read (CLI and data files)."""

    code = "W.date_invalid"


class InvalidPause(WorkdayError, ValueError):
    """A pause whose end lies before its start."""

    code = "W.pause_invalid"


class InvalidArrangement(WorkdayError, ValueError):
    """A holiday arrangement that contradicts itself (a day both off and worked, bad names...)."""

    code = "W.arrangement_invalid"
