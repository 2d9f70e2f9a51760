"""The three tables as tidy rows: table, row, column, value (plus the official labels for people)."""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterable

from ..findings import Finding
from ..model import AnnualReport
from .layout import TABLE_NAMES, build_grid

HEADER = ("table", "row", "column", "value", "row_label", "column_label")


def rows(report: AnnualReport) -> Iterable[tuple[str, str, str, str, str, str]]:
    fmt = report.format
    labels = _labels(report)
    for name in TABLE_NAMES:
        for gc in build_grid(fmt, name, report).data_cells():
            row, column = gc.key.split(".", 1)  # type: ignore[union-attr]
            yield name, row, column, gc.text, labels[name][row], gc.column.label if gc.column else ""


def _labels(report: AnnualReport) -> dict[str, dict[str, str]]:
    fmt = report.format
    return {
        "two": {r.code: r.label for b in fmt.two.blocks for r in b.rows},
        "three": {r.code: r.label for r in fmt.three.data_rows()},
        "four": {g.code: g.label for g in fmt.four.groups},
    }


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    """UTF-8 with BOM so that Excel opens the Chinese labels correctly."""
    buffer = io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(report))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
