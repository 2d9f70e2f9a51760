"""Publication into the portal's 年报 column: the report becomes a catalogue item of the agency's
政府信息公开年报 column (so the portal and its search show it), with the text as body and DOCX + PDF
attachments, through the catalogue's own actions only.

The catalogue publishes nothing without its own three-stage review of the item. A report drafted here
has already taken the same stages (the agency's one `Workflow`) on this exact text, so publishing
replays it: each stage of the item is approved by the person who approved that stage of the report —
the annual review satisfying the catalogue's. A report imported as published elsewhere never passed
that review: it is only submitted, and the agency's reviewers take the item through the catalogue
office as any other item. Any catalogue refusal rolls the whole step back.
"""

from __future__ import annotations

from datetime import date

from gongkai.agencies import permissions
from gongkai.portal import queries
from gongkai.portal.queries import ANNUAL_NAMES, ANNUAL_SLUGS
from gongkai.report.model import AnnualReport

from . import outputs
from .errors import ActionError, ErrorCode
from .models import AnnualReportRecord


def is_annual_column(column) -> bool:
    """Whether `column` is one `annual_column` could pick (slug or name), without a query."""
    return column.slug in ANNUAL_SLUGS or any(name in column.name for name in ANNUAL_NAMES)


def annual_column(agency):
    """The agency's 年报 column, found as the portal's 年报 page finds it."""
    return queries.special_column(agency, ANNUAL_SLUGS, ANNUAL_NAMES)


def _column(record: AnnualReportRecord):
    column = annual_column(record.agency)
    if column is None:
        raise ActionError(ErrorCode.NO_ANNUAL_COLUMN)
    return column


def _author(record: AnnualReportRecord, candidates, who: str):
    """Who drafts the catalogue item: the first of `candidates` who may draft items in the agency."""
    for user in candidates:
        if user is not None and permissions.has(user, "edit_item", record.agency):
            return user
    raise ActionError(ErrorCode.CATALOGUE_REFUSED, detail=f"{who}都没有公开目录的撰稿权限")


def _content(record: AnnualReportRecord, report: AnnualReport) -> tuple[str, list[tuple[str, bytes]]]:
    """The item's body (the report's text) and its files (the report as DOCX and PDF)."""
    title = record.title
    files = [
        (f"{title}.docx", outputs.render_docx(report)),
        (f"{title}.pdf", outputs.render_pdf(report)),
    ]
    return outputs.render_text(report), files


def _new_item(
    record: AnnualReportRecord, report: AnnualReport, *, author, column, written_date: date | None,
    formed_date: date | None,
):  # fmt: skip
    """A draft of the 年报 column: the report's text as body, its DOCX and PDF attached."""
    from gongkai.catalogue import actions as catalogue

    body, files = _content(record, report)
    item = catalogue.create_item(
        agency=record.agency, actor=author, column=column, title=record.title, body=body,
        written_date=written_date, formed_date=formed_date,
    )  # fmt: skip
    for name, data in files:
        catalogue.add_attachment(item, actor=author, name=name, data=data)
    return item


def _refused(exc) -> ActionError:
    return ActionError(ErrorCode.CATALOGUE_REFUSED, detail=exc.message)


def publish_to_catalogue(record: AnnualReportRecord, report: AnnualReport, *, actor, approvals) -> object:
    """Create (or, after a correction, replace) the item and take it through the replayed review."""
    from gongkai.catalogue import actions as catalogue
    from gongkai.catalogue.errors import ActionError as CatalogueError
    from gongkai.catalogue.models import Item
    from gongkai.catalogue.vocab import ItemStatus

    column = _column(record)
    author = _author(record, (record.submitted_by, actor), "报告提交人和发布人")
    try:
        item = record.catalogue_item
        if item is None:
            item = _new_item(
                record, report, author=author, column=column, written_date=report.signed_date,
                formed_date=report.signed_date,
            )  # fmt: skip
        else:
            body, files = _content(record, report)
            item = Item.objects.get(pk=item.pk)
            if item.status in (ItemStatus.PUBLISHED, ItemStatus.SCHEDULED):
                catalogue.withdraw(item, actor=actor, reason="年度报告更正后重新发布")
            if item.status == ItemStatus.IN_REVIEW:
                item.refresh_from_db()
            catalogue.edit_item(
                item, actor=author, version=None, title=record.title, body=body, column=column
            )
            for attachment in list(item.active_attachments()):
                catalogue.remove_attachment(item, attachment.pk, actor=author)
            for name, data in files:
                catalogue.add_attachment(item, actor=author, name=name, data=data)
        catalogue.submit_for_review(item, actor=author)
        for review in approvals:
            catalogue.approve(item, actor=review.actor)
        item.refresh_from_db()
    except CatalogueError as exc:
        raise _refused(exc) from exc
    if item.status != ItemStatus.PUBLISHED:
        raise ActionError(
            ErrorCode.CATALOGUE_REFUSED, detail=f"公开目录中的信息状态为“{ItemStatus(item.status).label}”"
        )
    return item


def submit_to_catalogue(record: AnnualReportRecord, report: AnnualReport, *, actor, importer) -> object:
    """A report published before the platform: a new item of the 年报 column, submitted for the
    catalogue's own review (nothing is replayed). The actor drafts it, else the person who imported the
    report. Its 形成日期 is left blank: the report was formed and published years before this item, and
    the art. 26 time limit (`P.late`) is not about putting an old report on a new portal."""
    from gongkai.catalogue import actions as catalogue
    from gongkai.catalogue.errors import ActionError as CatalogueError

    column = _column(record)
    author = _author(record, (actor, importer), "操作人和报告导入人")
    try:
        item = _new_item(
            record, report, author=author, column=column, written_date=report.signed_date, formed_date=None
        )
        catalogue.submit_for_review(item, actor=author)
        item.refresh_from_db()
    except CatalogueError as exc:
        raise _refused(exc) from exc
    return item
