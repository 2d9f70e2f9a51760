"""An index of every working day of each unbroken run of loaded years.

`add_working_days` becomes two dictionary/list look-ups instead of a day-by-day walk (≥ 100,000
calls/s). It answers only when everything it needs lies inside one indexed run; otherwise it
returns None and the calendar takes the day-by-day path, which raises `MissingHolidayData` for
the right year. Same convention as the calendar: count from the day after `start`; a pause
removes the working days d with pause.start < d <= pause.end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


class _Run:
    def __init__(self, first_year: int, last_year: int, is_working_day: Callable[[date], bool]) -> None:
        self.workdays: list[date] = []
        self.position: dict[date, int] = {}  # date -> number of working days on or before it
        d, end, count = date(first_year, 1, 1), date(last_year, 12, 31), 0
        while d <= end:
            if is_working_day(d):
                self.workdays.append(d)
                count += 1
            self.position[d] = count
            d += ONE_DAY


class WorkdayIndex:
    def __init__(self, years: Iterable[int], is_working_day: Callable[[date], bool]) -> None:
        self.runs: dict[int, _Run] = {}
        ordered = sorted(years)
        while ordered:
            first = last = ordered.pop(0)
            while ordered and ordered[0] == last + 1:
                last = ordered.pop(0)
            run = _Run(first, last, is_working_day)
            for year in range(first, last + 1):
                self.runs[year] = run

    def add(self, start: date, n: int, pauses: Iterable[tuple[date, date]]) -> date | None:
        run = self.runs.get(start.year)
        if run is None:
            return None
        index = run.position[start]  # index of the first working day after start
        spans = self._spans(run, pauses)
        if spans is None:
            return None
        remaining = n
        for a, b in spans:
            if b <= index:
                continue
            if a > index:
                if remaining <= a - index:
                    return self._at(run, index + remaining - 1)
                remaining -= a - index
            index = max(index, b)
        return self._at(run, index + remaining - 1)

    def between(self, a: date, b: date) -> int | None:
        """Working days after `a` up to and including `b` (a <= b), without pauses."""
        run = self.runs.get(a.year)
        if run is None or b not in run.position:
            return None
        return run.position[b] - run.position[a]

    @staticmethod
    def _at(run: _Run, index: int) -> date | None:
        return run.workdays[index] if index < len(run.workdays) else None

    @staticmethod
    def _spans(run: _Run, pauses: Iterable[tuple[date, date]]) -> list[tuple[int, int]] | None:
        """Pauses as merged half-open index ranges [a, b) into the run's working-day list."""
        spans = []
        for start, end in pauses:
            if start not in run.position or end not in run.position:
                return None
            a, b = run.position[start], run.position[end]
            if b > a:
                spans.append((a, b))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged
