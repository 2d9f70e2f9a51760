"""Rendering a report through the writers issue (`gongkai.report.writers`): the one place the app
turns the model into files, so the copies in the portal and the downloads cannot disagree.

A PDF that cannot be written (`PdfError`: a Typst failure, or no CJK font on the server) is an
`ActionError` (`annual.pdf_failed`) with its Chinese message, never a 500."""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.report.writers import render
from gongkai.report.writers.pdf import PdfError

from .errors import ActionError, ErrorCode

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
}


def render_html(report: AnnualReport) -> bytes:
    return render(report, "html")


def render_text(report: AnnualReport) -> str:
    return render(report, "txt").decode("utf-8")


def render_docx(report: AnnualReport) -> bytes:
    return render(report, "docx")


def render_pdf(report: AnnualReport) -> bytes:
    """The report as PDF (Typst, ≈ 40 ms); a writer failure becomes `ActionError(PDF_FAILED)`."""
    try:
        return render(report, "pdf")
    except PdfError as exc:
        raise ActionError(ErrorCode.PDF_FAILED, detail=str(exc).rstrip("。")) from exc


def render_as(report: AnnualReport, to: str) -> bytes:
    if to == "pdf":
        return render_pdf(report)
    if to == "docx":
        return render_docx(report)
    return render(report, to)
