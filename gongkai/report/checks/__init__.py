"""The consistency checks of DOMAIN §6, run over an `AnnualReport`.

    run = run_checks(report, prior=last_year, options=CheckOptions(enabled={"X.summary_length"}))
    run.errors, run.warnings, run.not_run, run.passed

Every check id of `findings.CHECKS` that is not an `R.*` reader id has one registered function.
A check that cannot run is `not_run` with a Chinese reason, never a silent pass; a check that
crashes is `not_run` too, so bad input never produces a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..findings import CHECKS, Finding, NotRun, Severity
from ..formats import FORMATS
from ..model import AnnualReport
from . import cross_year, dates, structure, table_four, table_three, table_two, text  # noqa: F401  (registration)
from .registry import DEFAULT_OTHER_ITEMS, OPTIONAL_CHECKS, REGISTRY, CheckOptions, Context, check, skip

log = logging.getLogger(__name__)

NO_FORMAT = "该报告年度没有全国统一格式"
_NEEDS_FORMAT = ("T2.", "T3.", "T4.", "X.format_version")
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_SECTION_RANK = {"preamble": 0, "overview": 1, "proactive": 2, "applications": 3,
                 "reconsideration_litigation": 4, "problems": 5, "other_matters": 6}  # fmt: skip
_TABLE_RANK = {"二": 2, "三": 3, "四": 4}


@dataclass
class CheckRun:
    findings: list[Finding] = field(default_factory=list)
    not_run: list[NotRun] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)  # agency, year, detected format version

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def by_check(self, check_id: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check_id]

    def to_json(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "findings": [f.to_json() for f in self.findings],
            "not_run": [{"check": n.check, "reason": n.reason} for n in self.not_run],
            "passed": list(self.passed),
        }


def run_checks(
    report: AnnualReport,
    *,
    prior: AnnualReport | None = None,
    options: CheckOptions | None = None,
) -> CheckRun:
    """Run every registered check on `report`; `prior` is the same agency's previous report."""
    options = options or CheckOptions()
    ctx = Context(report, prior, options)
    run = CheckRun(
        report={"agency": report.agency, "year": report.year, "format_version": report.format_version}
    )
    gate = _gate(report)
    for check_id, spec in REGISTRY.items():
        if check_id in options.disabled:
            run.not_run.append(NotRun(check_id, "已关闭"))
            continue
        if spec.optional and check_id not in options.enabled:
            run.not_run.append(NotRun(check_id, "可选检查，未启用"))
            continue
        reason = gate(check_id)
        if reason:
            run.not_run.append(NotRun(check_id, reason))
            continue
        findings, skipped = _run_one(spec.func, ctx, check_id)
        run.findings.extend(findings)
        run.not_run.extend(skipped)
        if not findings and not skipped:
            run.passed.append(check_id)
    run.findings.sort(key=lambda f: _sort_key(report, f))
    return run


def _gate(report: AnnualReport):
    """Reasons that stop whole families of checks before they run."""

    too_early = report.year is not None and report.year < min(f.first_year for f in FORMATS.values())

    def reason(check_id: str) -> str | None:
        if not report.readable:
            return "文件无法读取"
        if too_early and check_id.startswith(_NEEDS_FORMAT):
            return NO_FORMAT
        return None

    return reason


def _run_one(func, ctx: Context, check_id: str) -> tuple[list[Finding], list[NotRun]]:
    findings: list[Finding] = []
    skipped: list[NotRun] = []
    try:
        result = func(ctx)
        items: Iterable = [result] if isinstance(result, NotRun) else (result or [])
        for item in items:
            if isinstance(item, NotRun):
                skipped.append(NotRun(check_id, item.reason))
            elif isinstance(item, Finding):
                if item.check != check_id:  # a check reports only under its own id
                    item = replace(item, check=check_id, severity=None)
                findings.append(item)
    except Exception as exc:  # a broken check must not break the report
        log.exception("check %s failed", check_id)
        return [], [NotRun(check_id, f"检查程序出错（{type(exc).__name__}），未能完成")]
    return findings, skipped


def _sort_key(report: AnnualReport, finding: Finding) -> tuple:
    loc = finding.location or {}
    fmt = report.format
    rank = _SEVERITY_RANK.get(finding.severity, 3)
    if loc.get("table") in _TABLE_RANK:
        t = loc["table"]
        rows = _row_order(fmt, t)
        cols = _col_order(fmt, t)
        return (
            rank,
            _TABLE_RANK[t],
            rows.get(loc.get("row"), -1),
            cols.get(loc.get("column"), -1),
            0,
            finding.check,
        )
    section = loc.get("section")
    if section in _SECTION_RANK:
        return (rank, _SECTION_RANK[section], 0, 0, loc.get("start") or 0, finding.check)
    return (rank, -1, 0, 0, 0, finding.check)


def _row_order(fmt, table: str) -> dict[str, int]:
    if table == "二":
        return {row.code: i for i, (_, row, _) in enumerate(fmt.two.cells())}
    if table == "三":
        return {row.code: i for i, row in enumerate(fmt.three.data_rows())}
    return {g.code: i for i, g in enumerate(fmt.four.groups)}


def _col_order(fmt, table: str) -> dict[str, int]:
    if table == "三":
        return {c.code: i for i, c in enumerate(fmt.three.columns)}
    if table == "四":
        return {c.code: i for i, c in enumerate(fmt.four.columns)}
    return {}


def missing_implementations() -> list[str]:
    """Report check ids (T*, X.*) registered in `findings.CHECKS` without an implementation."""
    return [cid for cid in CHECKS if cid.startswith(("T", "X.")) and cid not in REGISTRY]


__all__ = [
    "DEFAULT_OTHER_ITEMS",
    "OPTIONAL_CHECKS",
    "REGISTRY",
    "CheckOptions",
    "CheckRun",
    "Context",
    "check",
    "missing_implementations",
    "run_checks",
    "skip",
]
