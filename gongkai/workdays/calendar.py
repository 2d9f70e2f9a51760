"""Working-day arithmetic over the loaded `holiday_arrangement`s (DOMAIN §7.1, §7.4, §8).

Counting convention (§7.1): a period of N working days "自…之日起" starts counting on the day
**after** the start day; the deadline is the Nth working day so counted, and an act done on or
before it is in time.

Pauses (§7.4): a pause `(start, end)` — e.g. consultation request sent on `start`, answer
received on `end` — removes from the count every working day `d` with `start < d <= end`.
The request day itself still counts (the office worked on the case that day); the day the answer
arrives does not. Pauses may overlap or lie partly before the period; only days after the
period's start day are ever looked at. Capping a pause at the 15th working day after the
consulted party received the request is the caller's job: pass the capped end.

Missing years (§8): any day looked at in a year without an arrangement raises
`MissingHolidayData(year)`. Only the explicitly provisional functions fall back to weekends-only,
and their results say so.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gongkai.workdays.arrangement import HolidayArrangement, load_shipped_arrangements
from gongkai.workdays.errors import InvalidArrangement, InvalidPause, InvalidPeriod, MissingHolidayData
from gongkai.workdays.index import WorkdayIndex

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
ONE_DAY = timedelta(days=1)


class DayKind(StrEnum):
    """Why a day is or is not a `working_day`."""

    WORKDAY = "workday"  # Monday to Friday, no holiday
    WEEKEND = "weekend"  # Saturday or Sunday, not a make-up day
    PUBLIC_HOLIDAY = "public_holiday"  # official day off, weekend days of the block included
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班日: a weekend day declared a working day


@dataclass(frozen=True)
class Day:
    """One calendar day as the calendar sees it."""

    date: date
    kind: DayKind
    holiday: str | None = None  # the holiday's name for PUBLIC_HOLIDAY and MAKEUP_WORKDAY
    provisional: bool = False  # its year has no arrangement: a weekends-only guess

    @property
    def is_working_day(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)

    @property
    def reason(self) -> str:
        """Chinese label: 工作日 / 周末 / 国庆节 / 调休上班日（国庆节）, marked 暂估 if provisional."""
        text = {
            DayKind.WORKDAY: "工作日",
            DayKind.WEEKEND: "周末",
            DayKind.PUBLIC_HOLIDAY: self.holiday or "法定节假日",
            DayKind.MAKEUP_WORKDAY: f"调休上班日（{self.holiday}）",
        }[self.kind]
        return f"{text}（暂估）" if self.provisional else text

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]


@dataclass(frozen=True)
class Pause:
    """A stretch not counted: working days `d` with `start < d <= end` (DOMAIN §7.4)."""

    start: date
    end: date
    label: str = ""  # e.g. 征求第三方意见; shown in explanations

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidPause(f"暂停期间的结束日 {self.end.isoformat()} 早于开始日 {self.start.isoformat()}")

    def covers(self, d: date) -> bool:
        return self.start < d <= self.end


PauseLike = Pause | tuple[date, date]


@dataclass(frozen=True)
class ExplainedDay:
    """A day inside a period: whether it counts, and why."""

    day: Day
    ordinal: int | None  # 1..N for a day that counts, else None
    pause: Pause | None = None  # the pause that removed this working day from the count

    @property
    def counted(self) -> bool:
        return self.ordinal is not None

    @property
    def reason(self) -> str:
        """暂停计算期间（label） for a paused working day, else the day's own reason."""
        if self.pause is not None:
            return "暂停计算期间" + (f"（{self.pause.label}）" if self.pause.label else "")
        return self.day.reason


@dataclass(frozen=True)
class Deadline:
    """A due date; `missing_years` lists years guessed as weekends-only (empty: exact)."""

    due: date
    missing_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.missing_years)


@dataclass(frozen=True)
class Explanation:
    """Every calendar day from the day after `start` to `due`, in order."""

    start: date
    working_days: int
    due: date
    days: tuple[ExplainedDay, ...]
    missing_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.missing_years)

    @property
    def skipped(self) -> tuple[ExplainedDay, ...]:
        return tuple(d for d in self.days if not d.counted)


class WorkdayCalendar:
    """Working days from the shipped arrangements, with administrator edits replacing whole years.

    `WorkdayCalendar(arrangements)` uses the shipped data files and, for every year present in
    `arrangements`, that arrangement instead. `include_shipped=False` uses `arrangements` only.
    Where two notices list the same date (a December date also set by the next year's notice),
    the later notice wins.
    """

    def __init__(
        self, arrangements: Iterable[HolidayArrangement] = (), *, include_shipped: bool = True
    ) -> None:
        given: dict[int, HolidayArrangement] = {}
        for a in arrangements:
            if a.year in given:
                raise InvalidArrangement(f"{a.year}年的节假日安排重复提供了两次")
            given[a.year] = a
        by_year = {a.year: a for a in load_shipped_arrangements()} if include_shipped else {}
        by_year.update(given)
        self._arrangements = dict(sorted(by_year.items()))
        self._fast: WorkdayIndex | None = None
        self._special: dict[date, tuple[DayKind, str]] = {}
        for a in self._arrangements.values():  # ascending: a later notice overrides
            self._special.update({d: (DayKind.PUBLIC_HOLIDAY, n) for d, n in a.holidays.items()})
            self._special.update({d: (DayKind.MAKEUP_WORKDAY, n) for d, n in a.makeup_workdays.items()})

    @property
    def years(self) -> tuple[int, ...]:
        """Years with an arrangement; a day in any other year raises MissingHolidayData."""
        return tuple(self._arrangements)

    def arrangement(self, year: int) -> HolidayArrangement:
        try:
            return self._arrangements[year]
        except KeyError:
            raise MissingHolidayData(year) from None

    def day(self, d: date, *, provisional: bool = False) -> Day:
        """Classify `d`; a missing year raises unless `provisional` (then weekends-only, flagged)."""
        missing = d.year not in self._arrangements
        if missing and not provisional:
            raise MissingHolidayData(d.year)
        if d in self._special:
            kind, name = self._special[d]
            return Day(d, kind, name, provisional=missing)
        kind = DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKDAY
        return Day(d, kind, provisional=missing)

    def is_working_day(self, d: date) -> bool:
        return self.day(d).is_working_day

    def add_working_days(self, start: date, n: int, *, pauses: Iterable[PauseLike] = ()) -> date:
        """The Nth working day after `start` (not counting `start`), skipping `pauses`.

        `n == 0` returns `start`. Raises MissingHolidayData for any year it has to look at.
        """
        if isinstance(n, int) and not isinstance(n, bool) and n > 0:
            ps = _pauses(pauses)
            due = self._index().add(start, n, [(p.start, p.end) for p in ps])
            if due is not None:
                return due
        return self.explain(start, n, pauses=pauses).due

    def _index(self) -> WorkdayIndex:
        if self._fast is None:  # built on first use: about 3,000 days per loaded year
            self._fast = WorkdayIndex(self._arrangements, lambda d: self.day(d).is_working_day)
        return self._fast

    def add_working_days_provisional(
        self, start: date, n: int, *, pauses: Iterable[PauseLike] = ()
    ) -> Deadline:
        """Like add_working_days, but guesses weekends-only for missing years and says which."""
        result = self.explain(start, n, pauses=pauses, provisional=True)
        return Deadline(result.due, result.missing_years)

    def working_days_between(self, a: date, b: date, *, pauses: Iterable[PauseLike] = ()) -> int:
        """Working days after `a` up to and including `b`, pauses excluded; negative if b < a.

        So `working_days_between(d, add_working_days(d, n)) == n` for n ≥ 1, and a due date
        minus today gives the working days left (negative: overdue by that many).
        """
        if b < a:
            return -self.working_days_between(b, a, pauses=pauses)
        ps = _pauses(pauses)
        if not ps:
            fast = self._index().between(a, b)
            if fast is not None:
                return fast
        count, d = 0, a + ONE_DAY
        while d <= b:
            if self.day(d).is_working_day and not any(p.covers(d) for p in ps):
                count += 1
            d += ONE_DAY
        return count

    def explain(
        self,
        start: date,
        n: int,
        *,
        pauses: Iterable[PauseLike] = (),
        provisional: bool = False,
    ) -> Explanation:
        """Each day from `start + 1` to the due date: counted (with its ordinal) or skipped, and why."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InvalidPeriod(f"工作日天数必须是不小于0的整数，收到：{n!r}")
        ps = _pauses(pauses)
        days: list[ExplainedDay] = []
        missing: set[int] = set()
        count, d = 0, start
        while count < n:
            d += ONE_DAY
            day = self.day(d, provisional=provisional)
            if day.provisional:
                missing.add(d.year)
            pause = next((p for p in ps if p.covers(d)), None) if day.is_working_day else None
            if day.is_working_day and pause is None:
                count += 1
                days.append(ExplainedDay(day, count))
            else:
                days.append(ExplainedDay(day, None, pause))
        return Explanation(start, n, d, tuple(days), tuple(sorted(missing)))


def _pauses(pauses: Iterable[PauseLike]) -> tuple[Pause, ...]:
    return tuple(p if isinstance(p, Pause) else Pause(*p) for p in pauses)


@functools.cache
def default_calendar() -> WorkdayCalendar:
    """The calendar of the shipped data files only (no administrator edits)."""
    return WorkdayCalendar()


def is_working_day(d: date) -> bool:
    return default_calendar().is_working_day(d)


def add_working_days(start: date, n: int, *, pauses: Iterable[PauseLike] = ()) -> date:
    return default_calendar().add_working_days(start, n, pauses=pauses)


def add_working_days_provisional(start: date, n: int, *, pauses: Iterable[PauseLike] = ()) -> Deadline:
    return default_calendar().add_working_days_provisional(start, n, pauses=pauses)


def working_days_between(a: date, b: date, *, pauses: Iterable[PauseLike] = ()) -> int:
    return default_calendar().working_days_between(a, b, pauses=pauses)


def explain(
    start: date, n: int, *, pauses: Iterable[PauseLike] = (), provisional: bool = False
) -> Explanation:
    return default_calendar().explain(start, n, pauses=pauses, provisional=provisional)
