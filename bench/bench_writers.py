"""Writers: reports rendered per CPU second of this process (one core), per output format (issue 3
targets). CPU time (`time.process_time()`), as the other benchmarks, because the machine is shared."""

from __future__ import annotations

import time
from collections.abc import Callable

from bench.common import Figure
from gongkai.report.synth import generate_report
from gongkai.report.writers import render

TARGETS = {"html": ">= 200", "docx": ">= 20", "xlsx": ">= 20", "pdf": ">= 2"}


def _long(seed: int):
    """A report of about ten printed pages: the synthetic prose repeated in every section."""
    report = generate_report(seed, version="2021")
    for section in report.sections.values():
        section.text = "\n".join([section.text] * 4)
    return report


def rate(func: Callable[[], object], count: int, *, min_seconds: float = 1.0) -> float:
    """Items per CPU second of this process for `func` (`count` items per call), for `min_seconds`."""
    calls, start = 0, time.process_time()
    while True:
        func()
        calls += 1
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return calls * count / elapsed


def run() -> list[Figure]:
    reports = [generate_report(seed, version=("2019", "2021")[seed % 2]) for seed in range(20)]
    figures = []
    for kind in ("html", "docx", "xlsx"):
        render(reports[0], kind)  # warm caches (template, imports)
        state = {"i": 0}

        def one(kind=kind, state=state):
            render(reports[state["i"] % len(reports)], kind)
            state["i"] += 1

        figures.append(Figure(f"writers.{kind}_per_s", rate(one, 1), "reports/s", TARGETS[kind]))
    long = _long(1)
    render(long, "pdf")
    figures.append(
        Figure(
            "writers.pdf_10_pages_per_s",
            rate(lambda: render(long, "pdf"), 1, min_seconds=6),
            "reports/s",
            TARGETS["pdf"],
        )
    )
    return figures
