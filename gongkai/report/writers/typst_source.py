"""The annual report as data for the static Typst template `templates/report.typ` (PDF writer).

The template is fixed; the report goes in as one JSON text (`sys.inputs.report`), so every text of
the report reaches Typst as a string value and is never parsed as markup: no escaping to get
wrong. Only what Typst cannot print is removed: control characters (a NUL would end up in the PDF
text layer) and lone surrogates (not encodable).

What is printed is what the print HTML printed: title, the error findings' warning block, the
preamble, each section's heading and paragraphs (subheadings bold), tables 二/三/四 from the one
shared grid (`layout.py`) with its merged header cells, and the sign-off.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity
from ..model import AnnualReport
from .html import paragraphs, preamble_lines, report_title, split_subheading
from .layout import Grid, build_grid, column_fractions

TEMPLATE = Path(__file__).with_name("templates") / "report.typ"

# C0/C1 controls (tab and line breaks are handled by the callers) and lone surrogates
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@cache
def template() -> bytes:
    return TEMPLATE.read_bytes()


def clean(text: str) -> str:
    """`text` as Typst may print it: tabs as spaces, control characters and lone surrogates gone."""
    return _UNPRINTABLE.sub("", text.replace("\t", " "))


def findings_block(findings: Iterable[Finding]) -> dict[str, Any] | None:
    """The warning block listing the error findings (as the print HTML showed it); None without."""
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if not errors:
        return None
    return {
        "heading": f"本报告经体检发现{len(errors)}处错误，发布前请核对修改",
        "items": [[clean(f.check), clean(f.message)] for f in errors],
    }


def table_data(grid: Grid) -> dict[str, Any]:
    """One official table: column shares, the header row count (repeated on each page) and the
    printed cells in row order with their spans; `k` is the kind: "h" a centred header cell,
    "l" a left-aligned row label, "d" a data cell."""
    rows = []
    for row in grid.rows:
        out = []
        for gc in row:
            if not gc.header:
                kind = "d"
            elif gc.scope in ("row", "rowgroup"):
                kind = "l"
            else:
                kind = "h"
            out.append({"t": clean(gc.text), "rs": gc.rowspan, "cs": gc.colspan, "k": kind})
        rows.append(out)
    return {
        "columns": [round(f, 4) for f in column_fractions(grid)],
        "header-rows": grid.header_rows,
        "rows": rows,
    }


def report_data(
    report: AnnualReport, findings: Iterable[Finding], *, serif: str, sans: str
) -> dict[str, Any]:
    sections = []
    for section in report.format.sections:
        rs = report.sections.get(section.code)
        paras = [
            [clean(part) for part in split_subheading(line)] for line in paragraphs(rs.text if rs else "")
        ]
        table = table_data(build_grid(report.format, section.table, report)) if section.table else None
        sections.append({"heading": clean(section.heading), "paras": paras, "table": table})
    signoff = None
    if report.signed_date is not None:
        d = report.signed_date
        signoff = [clean(report.agency or ""), f"{d.year}年{d.month}月{d.day}日"]
    return {
        "fonts": {"serif": serif, "sans": sans},
        "title": clean(report_title(report)),
        "findings": findings_block(findings),
        "preamble": [clean(line) for line in preamble_lines(report)],
        "sections": sections,
        "signoff": signoff,
    }


def report_json(report: AnnualReport, findings: Iterable[Finding] = (), *, serif: str, sans: str) -> str:
    """The report as the JSON text the template reads from `sys.inputs.report`."""
    data = report_data(report, findings, serif=serif, sans=sans)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
