"""Audit many report files in parallel without holding the batch in memory.

Each file is read and checked in a worker process. Cross-year checks need the same agency's
previous report; within a batch it is found by (agency, year). Reports are parked on disk as
pickles while the batch runs, so memory stays flat however many files there are.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import REPORT_SUFFIXES, AuditResult, audit_report, read_report
from .findings import Finding
from .model import AnnualReport

UNREADABLE_CODES = frozenset(
    {"R.unreadable", "R.empty", "R.unsupported", "R.no_text_layer", "R.not_a_report"}
)
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass
class BatchItem:
    """One audited file: its JSON-ready record and whether it could be read."""

    path: str
    record: dict[str, Any]
    unreadable: bool = False
    errors: int = 0
    warnings: int = 0
    result: AuditResult | None = field(default=None, repr=False)


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Files named, and report files found under directories (recursively, sorted).
    Yields (path, problem) where problem is a Chinese message for a path that does not exist."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in REPORT_SUFFIXES
                    and not child.name.startswith(".")
                ):
                    yield str(child), None
        elif path.is_file():
            yield str(path), None
        else:
            yield str(path), f"文件不存在：{raw}"


def read_path(path: str) -> AnnualReport:
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            report = AnnualReport(path=path, readable=False)
            report.reader_findings.append(
                Finding(
                    "R.unreadable",
                    f"文件过大（{size // 1048576} MB），超过{MAX_FILE_BYTES // 1048576} MB上限",
                    {"path": path},
                )
            )
            return report
        data = Path(path).read_bytes()
    except OSError as exc:
        report = AnnualReport(path=path, readable=False)
        report.reader_findings.append(
            Finding("R.unreadable", f"文件无法打开：{exc.strerror or exc}", {"path": path})
        )
        return report
    report = read_report(data, path)
    report.path = path
    return report


def record_of(result: AuditResult) -> dict[str, Any]:
    """The JSON Lines record of one report (issue 2 §6 keys, plus a few useful extras)."""
    report = result.report
    return {
        "path": report.path,
        "agency": report.agency,
        "year": report.year,
        "format_version": report.format_version,
        "title": report.title,
        "source_kind": report.source_kind,
        "published_date": report.published_date.isoformat() if report.published_date else None,
        "signed_date": report.signed_date.isoformat() if report.signed_date else None,
        "sections": [s.to_json() for s in report.sections.values()],
        "tables": report.tables_json(),
        "findings": [f.to_json() for f in result.findings],
        "not_run": [{"check": n.check, "reason": n.reason} for n in result.not_run],
    }


def is_unreadable(result: AuditResult) -> bool:
    return (not result.report.readable) or any(f.check in UNREADABLE_CODES for f in result.findings)


def _item(result: AuditResult, *, keep: bool) -> BatchItem:
    return BatchItem(
        path=result.report.path or "",
        record=record_of(result),
        unreadable=is_unreadable(result),
        errors=len(result.errors),
        warnings=len(result.warnings),
        result=result if keep else None,
    )


@dataclass
class _Done:
    """What a worker sends back: small, so the parent holds no report while the batch runs."""

    item: BatchItem
    key: tuple[str, int] | None = None
    blob: bytes | None = None  # the pickled report, only when the batch pairs years


def _work(args: tuple[str, str | None, Any, bool, bool]) -> _Done:
    path, prior_path, options, park, keep = args
    report = read_path(path)
    prior = read_path(prior_path) if prior_path else None
    result = audit_report(report, prior=prior, options=options)
    key = (_agency_key(report.agency), report.year) if report.agency and report.year else None
    blob = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL) if park else None
    return _Done(_item(result, keep=keep), key, blob)


def audit_paths(
    paths: Iterable[str],
    *,
    jobs: int | None = None,
    prior: str | None = None,
    pair: bool = True,
    options: Any = None,
    keep_results: bool = False,
    on_total: Callable[[int], None] | None = None,
    on_done: Callable[[BatchItem], None] | None = None,
) -> Iterator[BatchItem]:
    """Audit every file; yields one `BatchItem` per file, in the order given.

    With `prior`, that report is the previous year for every file. Otherwise, with `pair`,
    a file's previous year is looked up in the batch itself (same agency, year − 1): then
    results come after the whole batch has been read, parked on disk meanwhile."""
    listed = list(expand_paths(paths))
    files = [p for p, problem in listed if not problem]
    jobs = max(1, jobs or os.cpu_count() or 1)
    pairing = pair and prior is None and len(files) > 1
    if on_total:
        on_total(len(listed) * (2 if pairing else 1))
    results = _run([(p, prior, options, pairing, keep_results and not pairing) for p in files], jobs)
    if not pairing:
        for path, problem in listed:
            item = _missing(path, problem, keep_results) if problem else next(results).item
            if on_done:
                on_done(item)
            yield item
        return
    parking = Path(tempfile.mkdtemp(prefix="gongkai-audit-"))
    try:
        keys: dict[tuple[str, int], int] = {}
        for index, done in enumerate(results):
            (parking / f"{index}.pkl").write_bytes(done.blob or b"")
            (parking / f"{index}.json").write_text(json.dumps(done.item.__dict__, default=str))
            if done.key:
                keys.setdefault(done.key, index)
            if on_done:
                on_done(done.item)
        index = 0
        for path, problem in listed:
            if problem:
                item = _missing(path, problem, keep_results)
            else:
                item = _with_prior(index, keys, parking, options, keep_results)
                index += 1
            if on_done:
                on_done(item)
            yield item
    finally:
        shutil.rmtree(parking, ignore_errors=True)


def _missing(path: str, problem: str, keep: bool) -> BatchItem:
    report = AnnualReport(path=path, readable=False)
    report.reader_findings.append(Finding("R.unreadable", problem, {"path": path}))
    return _item(AuditResult(report, list(report.reader_findings)), keep=keep)


def _agency_key(agency: str) -> str:
    return "".join(agency.split())


def _with_prior(index: int, keys, parking: Path, options, keep_results: bool) -> BatchItem:
    record = json.loads((parking / f"{index}.json").read_text())
    agency, year = record["record"].get("agency"), record["record"].get("year")
    prior_index = keys.get((_agency_key(agency), year - 1)) if agency and year else None
    if prior_index is None and not keep_results:
        return BatchItem(**record)  # nothing to add: the report is not even unpickled
    report: AnnualReport = pickle.loads((parking / f"{index}.pkl").read_bytes())
    if prior_index is None:
        return _item(audit_report(report, options=options), keep=True)
    prior: AnnualReport = pickle.loads((parking / f"{prior_index}.pkl").read_bytes())
    return _item(audit_report(report, prior=prior, options=options), keep=keep_results)


def _run(work: list, jobs: int) -> Iterator[_Done]:
    if jobs == 1 or len(work) <= 1:
        for args in work:
            yield _work(args)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_work, work, chunksize=max(1, min(16, len(work) // (jobs * 8) or 1)))
