"""From catalogue items to search documents. The index is the portal's read model of what is public:
listings, feeds, the sitemap and search all read it; item pages read the item itself."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.textcheck import RedactionPolicy, check_text, redact
from gongkai.textcheck.codes import Code

from .search import Document, get_backend

# Attachment text is extracted from the original file; whatever the published copy masks, these
# never go into the index (and so never into snippets).
_NEVER_INDEXED = RedactionPolicy.default().rules
INDEX_POLICY = RedactionPolicy(
    {
        code: rule
        for code, rule in _NEVER_INDEXED.items()
        if code in (Code.ID_NUMBER, Code.MOBILE, Code.BANK_CARD)
    }
)


def key_for(item) -> str:
    return f"item:{item.pk}"


def _public_text(text: str) -> str:
    if not text:
        return ""
    return redact(text, check_text(text), INDEX_POLICY).text


def document_for(item, attachments=None) -> Document:
    attachments = list(item.public_attachments()) if attachments is None else attachments
    parts = [item.public_body, item.keywords]
    for attachment in attachments:
        parts.append(attachment.original_name)
        parts.append(_public_text(attachment.extracted_text))
    return Document(
        key=key_for(item),
        item_id=item.pk,
        title=item.title,
        body="\n".join(p for p in parts if p),
        url=item.get_absolute_url(),
        agency_code=item.agency.code,
        agency_name=item.agency.name,
        column_slug=item.column.slug,
        column_name=item.column.name,
        index_number=item.index_number,
        document_number=item.document_number,
        published_date=item.published_date,
        validity=item.validity,
    )


def is_public(item) -> bool:
    from gongkai.catalogue.models import Item

    return Item.objects.public().filter(pk=item.pk).exists()


def index_item(item) -> None:
    """Index a public item; anything else is taken out of the index."""
    if is_public(item):
        get_backend().index(document_for(item))
    else:
        get_backend().remove(key_for(item))


def unindex_item(item) -> None:
    get_backend().remove(key_for(item))


def public_documents(batch: int = 2000) -> Iterator[Document]:
    from gongkai.catalogue.models import Item

    items = Item.objects.public().select_related("agency", "column").prefetch_related("attachments")
    for item in items.iterator(chunk_size=batch):
        attachments = [a for a in item.attachments.all() if a.removed_at is None]
        yield document_for(item, attachments)


def rebuild() -> int:
    return get_backend().rebuild(public_documents())
