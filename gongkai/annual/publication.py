"""Publication into the portal's 年报 column: the report becomes a catalogue item of the agency's
政府信息公开年报 column (so the portal and its search show it), with the text as body and DOCX + PDF
attachments, through the catalogue's own actions only.

The catalogue publishes nothing without its own three-stage review of the item. The annual review has
already taken the same stages (the agency's one `Workflow`) on this exact text, so publishing replays
it: each stage of the item is approved by the person who approved that stage of the report — the
annual review satisfying the catalogue's. Any catalogue refusal rolls the whole publication back.
"""

from __future__ import annotations

from django.db.models import Q

from gongkai.agencies import permissions
from gongkai.report.model import AnnualReport

from . import outputs
from .errors import ActionError, ErrorCode
from .models import AnnualReportRecord

ANNUAL_SLUGS = ("gknb", "ndbg", "annual", "zfxxgknb")  # as the portal's 年报 column looks them up
ANNUAL_NAMES = ("年报", "年度报告")


def annual_column(agency):
    from gongkai.catalogue.models import Column

    columns = Column.objects.filter(agency=agency).order_by("order", "pk")
    found = columns.filter(slug__in=ANNUAL_SLUGS).first()
    if found is None:
        query = Q()
        for name in ANNUAL_NAMES:
            query |= Q(name__contains=name)
        found = columns.filter(query).first()
    return found


def _author(record: AnnualReportRecord, actor):
    """Who drafts the catalogue item: the report's submitter, else the publisher if they may."""
    for user in (record.submitted_by, actor):
        if user is not None and permissions.has(user, "edit_item", record.agency):
            return user
    raise ActionError(ErrorCode.CATALOGUE_REFUSED, detail="报告提交人和发布人都没有公开目录的撰稿权限")


def publish_to_catalogue(record: AnnualReportRecord, report: AnnualReport, *, actor, approvals) -> object:
    """Create (or, after a correction, replace) the item and take it through the replayed review."""
    from gongkai.catalogue import actions as catalogue
    from gongkai.catalogue.errors import ActionError as CatalogueError
    from gongkai.catalogue.models import Item
    from gongkai.catalogue.vocab import ItemStatus

    column = annual_column(record.agency)
    if column is None:
        raise ActionError(ErrorCode.NO_ANNUAL_COLUMN)
    author = _author(record, actor)
    title = record.title
    body = outputs.render_text(report)
    files = [
        (f"{title}.docx", outputs.render_docx(report)),
        (f"{title}.pdf", outputs.render_pdf(report)),
    ]
    try:
        item = record.catalogue_item
        if item is None:
            item = catalogue.create_item(
                agency=record.agency, actor=author, column=column, title=title, body=body,
                written_date=report.signed_date, formed_date=report.signed_date,
            )  # fmt: skip
        else:
            item = Item.objects.get(pk=item.pk)
            if item.status in (ItemStatus.PUBLISHED, ItemStatus.SCHEDULED):
                catalogue.withdraw(item, actor=actor, reason="年度报告更正后重新发布")
            if item.status == ItemStatus.IN_REVIEW:
                item.refresh_from_db()
            catalogue.edit_item(item, actor=author, version=None, title=title, body=body, column=column)
            for attachment in list(item.active_attachments()):
                catalogue.remove_attachment(item, attachment.pk, actor=author)
        for name, data in files:
            catalogue.add_attachment(item, actor=author, name=name, data=data)
        catalogue.submit_for_review(item, actor=author)
        for review in approvals:
            catalogue.approve(item, actor=review.actor)
        item.refresh_from_db()
    except CatalogueError as exc:
        raise ActionError(ErrorCode.CATALOGUE_REFUSED, detail=exc.message) from exc
    if item.status != ItemStatus.PUBLISHED:
        raise ActionError(
            ErrorCode.CATALOGUE_REFUSED, detail=f"公开目录中的信息状态为“{ItemStatus(item.status).label}”"
        )
    return item
