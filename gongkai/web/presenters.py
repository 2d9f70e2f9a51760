"""Turns uploaded bytes into what the 年报体检 page shows: audit, highlights, grouped findings.

Everything that can fail on a user's file is contained per report, so one bad file never takes
the page down; the library does the reading and checking, this module only presents.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import PurePath
from typing import Any

from gongkai.report.api import AuditResult, audit_report, read_report
from gongkai.report.batch import is_unreadable, record_of
from gongkai.report.findings import CHECKS, Finding, Severity
from gongkai.report.formats import FORMATS, ReportFormat
from gongkai.report.model import AnnualReport
from gongkai.report.writers.html import table_html

log = logging.getLogger(__name__)

TABLES = ("two", "three", "four")
_TABLE_BY_LABEL = {"二": "two", "三": "three", "四": "four", "2": "two", "3": "three", "4": "four"}
_TABLE_BY_PREFIX = {"T2": "two", "T3": "three", "T4": "four"}
_RANK = {Severity.ERROR: 2, Severity.WARNING: 1}
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_MARK = {Severity.ERROR: "✖", Severity.WARNING: "⚠"}

HEADING_STATUS = {
    "exact": "标题规范",
    "variant": "标题为常见变体写法",
    "unnumbered": "标题缺少序号",
    "misnumbered": "标题序号或分隔符有误",
    "missing": "未找到",
}


@dataclass
class Upload:
    name: str
    data: bytes


@dataclass
class FindingView:
    check: str
    severity: Severity
    title: str
    message: str
    where: str
    cells: list[tuple[str, str, str]]  # (label, key, anchor id)
    cells_scope: str = ""  # the row or column all the cells share, named once


@dataclass
class SectionView:
    number: str
    heading: str  # the canonical heading
    found_as: str | None
    found: bool
    status: str
    exact: bool


@dataclass
class TableView:
    name: str
    heading: str
    found: bool
    html: str


@dataclass
class ReportView:
    """One uploaded report as the page shows it."""

    index: int
    name: str
    agency: str | None = None
    year: int | None = None
    title: str | None = None
    format_text: str = ""
    verdict: str = ""
    verdict_code: str = ""  # unreadable / errors / ok / failed
    groups: list[tuple[str, str, list[FindingView]]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    sections: list[SectionView] = field(default_factory=list)
    tables: list[TableView] = field(default_factory=list)
    not_run: list[tuple[str, str, str]] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)
    record_json: str = ""
    download_name: str = ""
    prior_name: str | None = None
    failure: str | None = None  # an internal error while checking, shown instead of a traceback

    @property
    def anchor(self) -> str:
        return f"report-{self.index}"


def format_text(report: AnnualReport) -> str:
    fmt = FORMATS.get(report.format_version)
    if fmt is not None:
        return f"{fmt.version}版格式（{fmt.issued_by}）"
    if report.format_version == "mixed":
        return "格式混用（2019版与2021版标签同时出现）"
    return "格式未识别"


def _agency_key(agency: str | None) -> str:
    return "".join((agency or "").split())


def _read(upload: Upload) -> AnnualReport:
    try:
        report = read_report(upload.data, upload.name)
    except Exception as exc:  # read_report should never raise; the page must not depend on it
        log.exception("read_report failed for %s", upload.name)
        report = AnnualReport(path=upload.name, readable=False)
        report.reader_findings.append(
            Finding("R.unreadable", f"文件无法读取（{type(exc).__name__}）", {"path": upload.name})
        )
    report.path = upload.name
    return report


def audit_uploads(uploads: list[Upload], prior: Upload | None = None) -> list[ReportView]:
    """Read every upload, pair each with its prior-year report (the one given, or one of the same
    agency and year − 1 among the uploads), audit, and build the page's view of each."""
    reports = [_read(u) for u in uploads]
    prior_report = _read(prior) if prior is not None else None
    by_key = {
        (_agency_key(r.agency), r.year): r for r in reports if r.readable and r.agency and r.year is not None
    }
    views = []
    for index, report in enumerate(reports, start=1):
        previous = prior_report
        if previous is None and report.agency and report.year is not None:
            previous = by_key.get((_agency_key(report.agency), report.year - 1))
        if previous is not None and not previous.readable:
            previous = None
        view = build_view(index, report, previous)
        if prior_report is not None and not prior_report.readable:
            view.prior_name = f"{prior_report.path}（无法读取，未用于跨年度检查）"
        views.append(view)
    return views


def build_view(index: int, report: AnnualReport, prior: AnnualReport | None) -> ReportView:
    view = ReportView(index=index, name=report.path or f"报告{index}")
    view.prior_name = prior.path if prior is not None else None
    try:
        result = audit_report(report, prior=prior)
    except Exception as exc:  # a check bug must still leave the tables and reader findings visible
        log.exception("audit_report failed for %s", report.path)
        if report.readable:  # an unreadable report has no checks to run: its reader findings are all
            view.failure = f"检查未能全部完成（内部错误：{type(exc).__name__}），以下仅显示读取结果。"
        result = AuditResult(report, list(report.reader_findings), [])
    try:
        _fill(view, result)
    except Exception as exc:
        log.exception("presenting %s failed", report.path)
        view.failure = f"体检结果无法显示（内部错误：{type(exc).__name__}）。"
        view.verdict, view.verdict_code = "检查未完成", "failed"
    return view


def _fill(view: ReportView, result: AuditResult) -> None:
    report = result.report
    view.agency, view.year, view.title = report.agency, report.year, report.title
    view.format_text = format_text(report)
    unreadable = is_unreadable(result)
    errors, warnings = result.errors, result.warnings
    infos = [f for f in result.findings if f.severity == Severity.INFO]
    if view.failure:
        view.verdict, view.verdict_code = "检查未完成", "failed"
    elif unreadable:
        view.verdict, view.verdict_code = "无法读取", "unreadable"
    elif errors:
        view.verdict, view.verdict_code = "有错误", "errors"
    else:
        view.verdict, view.verdict_code = "未发现错误", "ok"
    view.counts = {
        "errors": len(errors),
        "warnings": len(warnings),
        "infos": len(infos),
        "not_run": len(result.not_run),
    }
    fmt = report.format
    valid = {name: set(cell_keys(fmt, name)) for name in TABLES}
    prefix = f"r{view.index}-"
    cells_by_finding = [finding_cells(f, valid) for f in result.findings]
    labels = {name: cell_labels(fmt, name) for name in TABLES}
    for severity in _SEVERITY_ORDER:
        items = []
        for f, cells in zip(result.findings, cells_by_finding, strict=True):
            if f.severity != severity:
                continue
            scope, links = cell_links(cells, labels, prefix)
            items.append(
                FindingView(
                    check=f.check,
                    severity=severity,
                    title=CHECKS[f.check].title if f.check in CHECKS else "",
                    message=f.message,
                    where=where_text(f.location, fmt),
                    cells=links,
                    cells_scope=scope,
                )
            )
        if items:
            view.groups.append((str(severity), severity.label, items))
    view.sections = list(section_views(report))
    if not unreadable:
        marks = highlights(zip(result.findings, cells_by_finding, strict=True))
        view.tables = [table_view(report, name, marks.get(name, {}), prefix) for name in TABLES]
    view.not_run = [
        (n.check, CHECKS[n.check].title if n.check in CHECKS else "", n.reason) for n in result.not_run
    ]
    record = view.record = record_of(result)
    view.record_json = json.dumps(record, ensure_ascii=False, indent=2, default=str)
    view.download_name = download_name(view.name)


def download_name(name: str) -> str:
    stem = PurePath(name.replace("\\", "/")).stem or "报告"
    return f"{stem}.体检结果.json"


# ---------------------------------------------------------------- findings → cells


def cell_keys(fmt: ReportFormat, name: str) -> Iterator[str]:
    """Every data-cell key of one table in this format version."""
    if name == "two":
        for _block, row, col in fmt.two.cells():
            yield f"{row.code}.{col.code}"
    elif name == "three":
        for row in fmt.three.data_rows():
            for col in fmt.three.columns:
                yield f"{row.code}.{col.code}"
    else:
        for group, col in fmt.four.cells():
            yield f"{group.code}.{col.code}"


def cell_labels(fmt: ReportFormat, name: str) -> dict[str, tuple[str, str]]:
    """cell key → (row label, column label) as the format prints them."""
    if name == "two":
        return {f"{r.code}.{c.code}": (r.label, c.label) for _b, r, c in fmt.two.cells()}
    if name == "three":
        return {
            f"{r.code}.{c.code}": (r.label, c.label) for r in fmt.three.data_rows() for c in fmt.three.columns
        }
    return {f"{g.code}.{c.code}": (g.label, c.label) for g, c in fmt.four.cells()}


def cell_links(
    cells: list[tuple[str, str]], labels: dict[str, dict[str, tuple[str, str]]], prefix: str
) -> tuple[str, list[tuple[str, str, str]]]:
    """Link texts for a finding's cells: when they share a row (or column) it is named once in
    the scope and each link names only what differs."""
    named = [(labels[t][k], k, f"{prefix}t-{t}-{k.replace('.', '-')}") for t, k in cells]
    rows = {row for (row, _c), _k, _a in named}
    columns = {col for (_r, col), _k, _a in named}
    if len(named) > 1 and len(rows) == 1:
        return f"“{rows.pop()}”", [(col, k, a) for (_r, col), k, a in named]
    if len(named) > 1 and len(columns) == 1:
        return f"“{columns.pop()}”", [(row, k, a) for (row, _c), k, a in named]
    return "", [(f"{row}／{col}", k, a) for (row, col), k, a in named]


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a finding's values: dict keys and leaves, so addend keys are found."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield k
            yield from _strings(v)
    elif isinstance(value, list | tuple | set):
        for v in value:
            yield from _strings(v)


def finding_table(finding: Finding) -> str | None:
    label = str(finding.location.get("table") or "")
    return (
        _TABLE_BY_LABEL.get(label)
        or (label if label in TABLES else None)
        or _TABLE_BY_PREFIX.get(finding.check.split(".", 1)[0])
    )


def finding_cells(finding: Finding, valid: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The cells a finding is about: cells it names (location `cells`, keys in `values`), else the
    cell, row or column its location points at."""
    table = finding_table(finding)
    if table is None:
        return []
    keys = valid[table]
    loc = finding.location
    found: list[str] = []

    def add(key: str) -> None:
        if key in keys and key not in found:
            found.append(key)

    for key in _strings(loc.get("cells") or []):
        add(key)
    if loc.get("cell"):
        add(str(loc["cell"]))
    for key in _strings(finding.values):
        add(key)
    row = loc.get("row") or loc.get("group")
    column = loc.get("column")
    if row and column:
        add(f"{row}.{column}")
    if not found and (row or column):
        for key in sorted(keys):
            r, c = key.split(".", 1)
            if (not row or r == row) and (not column or c == column):
                add(key)
    return [(table, k) for k in found]


def highlights(pairs: Iterable[tuple[Finding, list[tuple[str, str]]]]) -> dict[str, dict[str, list[Finding]]]:
    """table → cell key → the findings on that cell, errors first."""
    out: dict[str, dict[str, list[Finding]]] = {}
    for finding, cells in pairs:
        if finding.severity not in _RANK:
            continue
        for table, key in cells:
            out.setdefault(table, {}).setdefault(key, []).append(finding)
    for cells in out.values():
        for found in cells.values():
            found.sort(key=lambda f: -_RANK[f.severity])
    return out


_ATTR = re.compile(r'\b(id|headers)="([^"]*)"')


def table_view(report: AnnualReport, name: str, marks: dict[str, list[Finding]], prefix: str) -> TableView:
    section = next(s for s in report.format.sections if s.table == name)
    table = getattr(report, name)
    classes = {key: str(found[0].severity) for key, found in marks.items()}
    html = table_html(report, name, highlights=classes)
    html = _ATTR.sub(lambda m: f'{m[1]}="{" ".join(prefix + t for t in m[2].split())}"', html)
    for key, found in marks.items():
        tip = "\n".join(f"{_MARK[f.severity]} {f.severity.label} {f.check}：{f.message}" for f in found)
        html = html.replace(
            f'data-cell="{escape(key)}"', f'data-cell="{escape(key)}" title="{escape(tip)}"', 1
        )
    return TableView(name=name, heading=section.heading, found=table.found, html=html)


# ---------------------------------------------------------------- locations and sections


def where_text(loc: dict[str, Any], fmt: ReportFormat) -> str:
    parts = []
    if loc.get("table"):
        parts.append(f"表{loc['table']}")
    for key in ("row_label", "column_label"):
        if loc.get(key):
            parts.append(f"“{loc[key]}”")
    section = loc.get("section")
    known = {s.code: s.heading for s in fmt.sections}
    if section in known and not loc.get("heading"):
        parts.append(known[section])
    if loc.get("heading"):
        parts.append(f"“{loc['heading']}”")
    if loc.get("quote"):
        parts.append(f"原文：“{loc['quote']}”")
    source = loc.get("source")
    if isinstance(source, dict):
        pieces = []
        if source.get("page") is not None:
            pieces.append(f"第{source['page']}页")
        if source.get("line") is not None:
            pieces.append(f"第{source['line']}行")
        if source.get("cell"):
            pieces.append(str(source["cell"]))
        source = " ".join(pieces)
    if source:
        parts.append(f"（{source}）")
    return " ".join(parts)


def section_views(report: AnnualReport) -> Iterator[SectionView]:
    for section in report.format.sections:
        rs = report.sections.get(section.code)
        found = rs is not None and rs.found
        status = rs.heading_status if rs is not None and found else "missing"
        yield SectionView(
            number=section.number,
            heading=section.heading,
            found_as=rs.heading if found and rs is not None else None,
            found=found,
            status=HEADING_STATUS.get(status, status),
            exact=status == "exact",
        )
