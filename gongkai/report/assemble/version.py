"""The format version from the signals (2019, 2021, mixed or unknown), then the tables filled by it."""

from __future__ import annotations

from ..model import AnnualReport
from .fill import _fill_four, _fill_three, _fill_two
from .signals import _Signals


def _decide_version(report: AnnualReport, signals: _Signals) -> None:
    found = {v: labels for v, labels in signals.by_version.items() if labels}
    report.version_signals = {v: list(labels) for v, labels in signals.by_version.items()}
    if len(found) == 2:
        report.format_version = "mixed"
    elif len(found) == 1:
        report.format_version = next(iter(found))
    else:
        report.format_version = "unknown"
    fmt = report.format
    if report.format_version == "mixed":
        for name, versions in signals.by_table.items():
            if len(versions) == 1:
                getattr(report, name).version = next(iter(versions))
    _fill_two(report, report.table_format("two"))
    _fill_three(report, report.table_format("three"))
    _fill_four(report, fmt)
    del report._t2_rows, report._t3_rows, report._four_values, report._glued_lines  # type: ignore[attr-defined]
