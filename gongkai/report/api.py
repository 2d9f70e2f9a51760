"""Entry points: read any report file into an `AnnualReport`, and audit it.

The input type is decided by content first (PDF and ZIP signatures), then by file name,
so a misnamed file is still read. Nothing here raises on bad input.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding
from .model import AnnualReport, Document

SOURCE_SUFFIXES = (".yaml", ".yml", ".json")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php")
REPORT_SUFFIXES = (".txt", ".text", ".md", *HTML_SUFFIXES, ".docx", ".pdf", ".xlsx", *SOURCE_SUFFIXES)


def sniff(data: bytes, filename: str | None = None) -> str:
    """The reader to use: pdf / docx / xlsx / html / txt / source / ole / zip / empty."""
    suffix = Path(filename or "").suffix.lower()
    if not data or data.isspace():  # `not data.strip()` without copying the file
        return "empty"
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "docx" if suffix == ".docx" else ("xlsx" if suffix == ".xlsx" else "zip")
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if suffix in SOURCE_SUFFIXES:
        return "source"
    if suffix in HTML_SUFFIXES:
        return "html"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or (b"<table" in lowered and b"</t" in lowered):
        return "html"
    return "txt"


_UNSUPPORTED = {
    "ole": "这是旧版Word/Excel二进制文件（.doc/.xls），请另存为DOCX或XLSX后再检查",
    "zip": "压缩包中不是DOCX或XLSX文件",
    "empty": "文件为空",
}


def read_document(data: bytes, filename: str | None = None) -> Document:
    """Bytes of any supported type → `Document`, with `R.*` findings for what could not be read."""
    return _read_document(data, filename, sniff(data, filename))


def _read_document(data: bytes, filename: str | None, kind: str) -> Document:
    if kind in _UNSUPPORTED:
        code = "R.empty" if kind == "empty" else "R.unsupported"
        return Document(
            path=filename, kind=kind, findings=[Finding(code, _UNSUPPORTED[kind], {"path": filename})]
        )
    try:
        module = importlib.import_module(f"gongkai.report.readers.{kind}")
        doc = module.read(data, path=filename)
    except Exception as exc:  # a reader bug must not take the batch down
        return Document(
            path=filename,
            kind=kind,
            findings=[Finding("R.unreadable", f"文件无法读取（{type(exc).__name__}）", {"path": filename})],
        )
    doc.path = doc.path or filename
    doc.kind = doc.kind or kind
    return doc


def read_report(data: bytes, filename: str | None = None) -> AnnualReport:
    """Bytes → `AnnualReport`. YAML/JSON sources are structured already; everything else is assembled."""
    from .assemble import assemble

    kind = sniff(data, filename)
    if kind == "source":
        try:
            from .source import read_report as read_source

            return read_source(data, path=filename)
        except Exception as exc:
            report = AnnualReport(path=filename, source_kind="source", readable=False)
            report.reader_findings.append(
                Finding("R.unreadable", f"源文件无法读取（{type(exc).__name__}）", {"path": filename})
            )
            return report
    doc = _read_document(data, filename, kind)
    try:
        return assemble(doc)
    except Exception as exc:  # never a traceback for a user's file
        report = AnnualReport(path=filename, source_kind=doc.kind, readable=False)
        report.reader_findings = [
            *doc.findings,
            Finding("R.unreadable", f"无法识别报告结构（{type(exc).__name__}）", {"path": filename}),
        ]
        return report


@dataclass
class AuditResult:
    report: AnnualReport
    findings: list[Finding] = field(default_factory=list)
    not_run: list = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def unreadable(self) -> bool:
        return not self.report.readable


def audit_report(report: AnnualReport, *, prior: AnnualReport | None = None, options=None) -> AuditResult:
    """Reader findings first, then every check."""
    from .checks import run_checks

    findings = list(report.reader_findings)
    not_run: list = []
    if report.readable:
        run = run_checks(report, prior=prior, options=options)
        findings.extend(run.findings)
        not_run = list(run.not_run)
    return AuditResult(report, findings, not_run)


def audit_bytes(data: bytes, filename: str | None = None, *, prior: AnnualReport | None = None, options=None):
    return audit_report(read_report(data, filename), prior=prior, options=options)
