"""Rendering a report through the writers issue (`gongkai.report.writers`): the one place the app
turns the model into files, so the copies in the portal and the downloads cannot disagree."""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.report.writers import render

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
    """WeasyPrint takes seconds per report; tests replace this function."""
    return render(report, "pdf")


def render_as(report: AnnualReport, to: str) -> bytes:
    if to == "pdf":
        return render_pdf(report)
    if to == "docx":
        return render_docx(report)
    return render(report, to)
