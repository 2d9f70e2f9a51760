"""The portal's item page for a published annual report: the report itself, tables and all.

The catalogue item keeps the report's text (for search and for the plain-text copy); the page shows
the HTML the report writer makes from the stored report, the same model the DOCX and PDF downloads
were rendered from, so the page and the files cannot disagree.
"""

from __future__ import annotations

from gongkai.report.writers.html import render_body

from .document import from_document
from .models import AnnualReportRecord
from .publication import is_annual_column
from .vocab import ReportStatus


def report_body(item) -> str | None:
    if not is_annual_column(item.column):  # every item page asks: answer the others without a query
        return None
    record = (
        AnnualReportRecord.objects.filter(catalogue_item_id=item.pk, status=ReportStatus.PUBLISHED)
        .only("document")
        .first()
    )
    if record is None or not record.document:
        return None
    return render_body(from_document(record.document), title=False, scroll=True)
