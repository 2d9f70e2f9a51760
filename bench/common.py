"""What every benchmark returns: one `Figure` per measured number, printed one per line."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: str  # e.g. ">= 100" or "<= 300"

    @property
    def ok(self) -> bool:
        op, _, number = self.target.partition(" ")
        limit = float(number)
        return self.value >= limit if op == ">=" else self.value <= limit

    def line(self) -> str:
        mark = "ok" if self.ok else "MISSED"
        return f"{self.name}\t{self.value:.2f}\t{self.unit}\ttarget {self.target}\t{mark}"


def _rate(clock, func: Callable[[], object], count: float, min_seconds: float) -> float:
    calls, start = 0, clock()
    while True:
        func()
        calls += 1
        elapsed = clock() - start
        if elapsed >= min_seconds:
            return calls * count / elapsed


def rate(func: Callable[[], object], count: int, *, min_seconds: float = 1.0) -> float:
    """Items per second for `func`, which handles `count` items per call; repeats for `min_seconds`."""
    return _rate(time.perf_counter, func, count, min_seconds)


def cpu_rate(func: Callable[[], object], count: float = 1, *, min_seconds: float = 1.0) -> float:
    """Items per CPU second of this process (every thread): the per-core figure, which other load on
    the shared machine does not move."""
    return _rate(time.process_time, func, count, min_seconds)


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
