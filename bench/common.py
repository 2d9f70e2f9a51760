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


def rate(func: Callable[[], object], count: int, *, min_seconds: float = 1.0) -> float:
    """Items per second for `func`, which handles `count` items per call; repeats for `min_seconds`."""
    calls, start = 0, time.perf_counter()
    while True:
        func()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return calls * count / elapsed


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
