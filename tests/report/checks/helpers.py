"""Small builders for check tests: valid synthetic reports and single-cell edits."""

from __future__ import annotations

import copy
from decimal import Decimal

from gongkai.report.checks import CheckOptions, run_checks
from gongkai.report.model import AnnualReport, Cell, SourceRef
from gongkai.report.synth import generate_report, set_section_text

__all__ = ["edit_cell", "generate_report", "outcome", "prior_of", "set_section_text"]


def edit_cell(
    report: AnnualReport,
    table: str,
    key: str,
    raw: str | None,
    value: int | Decimal | None = None,
    *,
    blank: bool = False,
    invalid: bool = False,
    unit: str | None = None,
) -> AnnualReport:
    """A copy with one cell replaced by what a reader would have produced; raw None removes it."""
    out = copy.deepcopy(report)
    cells = getattr(out, table).cells
    if raw is None:
        cells.pop(key, None)
    else:
        cells[key] = Cell(
            raw=raw, value=value, blank=blank, invalid=invalid, unit=unit, source=SourceRef(cell=key)
        )
    return out


def prior_of(report: AnnualReport) -> AnnualReport:
    """A consistent previous-year report: its carried-out and stock feed this year's figures."""
    prior = generate_report(report.year * 7 + 1, version=report.format.version, year=report.year - 1)
    if report.year - 1 < prior.format.first_year:
        prior = generate_report(1, version=report.format.version, year=report.year - 1)
    prior.agency = report.agency
    for col in (
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_services",
        "other_org",
        "total",
    ):
        prior.three.cells[f"carried_out.{col}"] = copy.deepcopy(report.three.cells[f"carried_in.{col}"])
    if "rules.in_force" in report.two.cells:
        for row in ("rules", "normative_documents"):
            v = report.two.cell(row, "in_force").value - report.two.cell(row, "issued").value
            v += report.two.cell(row, "repealed").value
            prior.two.cells[f"{row}.in_force"] = Cell(raw=str(v), value=v)
    if "licensing.items_last_year" in report.two.cells:
        for row in ("licensing", "other_services", "penalty", "enforcement", "administrative_fees"):
            now = report.two.cell(row, "items_last_year").value
            prior.two.cells[f"{row}.items_last_year"] = Cell(raw=str(now), value=now)
            prior.two.cells[f"{row}.items_change"] = Cell(raw="0", value=0)
    return prior


def outcome(report: AnnualReport, check_id: str, *, prior=None, options: CheckOptions | None = None):
    """(findings of `check_id`, its not_run reasons, whether it passed)."""
    run = run_checks(report, prior=prior, options=options)
    return (
        run.by_check(check_id),
        [n.reason for n in run.not_run if n.check == check_id],
        check_id in run.passed,
    )
