"""Plain text: what a report looks like pasted into a mail or a system that takes no files.

Tables are written one row per line with tab-separated cells (a blank cell as `-`, the
placeholder DOMAIN §0.4 reads as blank), so gongkai's TXT reader reads it back exactly.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..model import AnnualReport
from .html import paragraphs, preamble_lines, report_title
from .layout import build_grid, cell_text


def table_lines(report: AnnualReport, name: str) -> list[str]:
    grid = build_grid(report.format, name, report)
    lines = []
    for row in grid.rows:
        labels = [c.text for c in row if c.key is None and c.text.strip()]
        values = [cell_text(getattr(report, name).cells.get(c.key), c.column) or "-" for c in row if c.key]
        if labels or values:
            lines.append("\t".join([*labels, *values]))
    return lines


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    out = [report_title(report), ""]
    out += preamble_lines(report)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        out += ["", f"【注意】本报告有{len(errors)}项错误："] + [f"  {f.check} {f.message}" for f in errors]
    for section in report.format.sections:
        rs = report.sections.get(section.code)
        out += ["", section.heading]
        out += paragraphs(rs.text if rs else "")
        if section.table:
            out += ["", *table_lines(report, section.table), ""]
    if report.signed_date is not None:
        d = report.signed_date
        out += ["", report.agency or "", f"{d.year}年{d.month}月{d.day}日"]
    return ("\n".join(out) + "\n").encode("utf-8")
