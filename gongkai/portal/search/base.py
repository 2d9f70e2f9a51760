"""One search interface, two engines: SQLite FTS5 (embedded default) and PostgreSQL full text.

Both engines read the same `SearchDocument` rows (original text for display and filters,
segmented text for matching); only the matching and ranking SQL differ.

Ranking has a cap, the same on both engines. When a query matches more than
`settings.GONGKAI_SEARCH_RANK_LIMIT` items (default `RANK_LIMIT`; `None` ranks every match), only that many
candidates are ranked: the items whose title alone matches the query, then the newest (published date,
then id). They come first, best first; the other matches follow newest first. The order is a total
order, so pages never repeat or skip an item. Up to the cap, every match is ranked, best first. A
common word's thousands of matches each cost a ranking call on PostgreSQL (`ts_rank_cd`, about 6 µs
each), which the cap bounds.

The total is exact up to `settings.GONGKAI_SEARCH_COUNT_LIMIT` matches (default: the column
listing's `queries.EXACT_COUNT_UP_TO`, 10,000). Above it, PostgreSQL gives the planner's estimate
(`SearchPage.estimated`, the page says 共约N条, as the column listing does) and picks the candidates
and the newest matches without reading every match. The results themselves do not change; SQLite
always counts exactly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from ..models import SearchDocument
from . import tokenize
from .highlight import highlight, snippet

PAGE_SIZE = 20
RANK_LIMIT = 2000  # default of settings.GONGKAI_SEARCH_RANK_LIMIT (bench/RESULTS.md, portal)
NO_LIMIT = 2**62


def count_limit() -> int:
    """Up to how many matches the total is exact (see the module's docstring)."""
    from ..queries import EXACT_COUNT_UP_TO

    return max(1, int(getattr(settings, "GONGKAI_SEARCH_COUNT_LIMIT", EXACT_COUNT_UP_TO)))


def rank_limit() -> int:
    """How many matches at most are ranked by relevance (see the module's docstring)."""
    limit = getattr(settings, "GONGKAI_SEARCH_RANK_LIMIT", RANK_LIMIT)
    return NO_LIMIT if limit is None else max(1, int(limit))


@dataclass(frozen=True)
class Document:
    """What gets indexed: a published item (with its attachments' text) as plain values."""

    key: str
    title: str
    body: str
    url: str
    agency_code: str
    agency_name: str = ""
    column_slug: str = ""
    column_name: str = ""
    index_number: str = ""
    document_number: str = ""
    published_date: dt.date | None = None
    validity: str = ""
    item_id: int | None = None


@dataclass
class SearchHit:
    key: str
    item_id: int | None
    url: str
    title: str
    title_html: str
    snippet: str
    agency_code: str
    agency_name: str
    column_slug: str
    column_name: str
    index_number: str
    document_number: str
    published_date: dt.date | None
    validity: str
    score: float = 0.0


@dataclass
class SearchPage:
    query: str
    hits: list[SearchHit]
    total: int
    page: int = 1
    page_size: int = PAGE_SIZE
    words: list[str] = field(default_factory=list)
    # Set when the matches exceeded the rank limit: the first `ranked` are in relevance order,
    # the rest newest first. None when every match is ranked.
    ranked: int | None = None
    # True when `total` is the planner's estimate (more than the count limit matched).
    estimated: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def document_row(doc: Document) -> dict:
    return {
        "title": doc.title,
        "body": doc.body,
        "url": doc.url,
        "agency_code": doc.agency_code,
        "agency_name": doc.agency_name,
        "column_slug": doc.column_slug,
        "column_name": doc.column_name,
        "index_number": doc.index_number,
        "document_number": doc.document_number,
        "published_date": doc.published_date,
        "validity": doc.validity,
        "item_id": doc.item_id,
        "title_tokens": tokenize.index_text(doc.title),
        "body_tokens": tokenize.index_text(
            " ".join(p for p in (doc.document_number, doc.index_number, doc.body) if p)
        ),
    }


class SearchBackend:
    """index/remove/search/rebuild; subclasses supply `_match` (SQL for matching and ranking)."""

    vendor = ""

    def index(self, doc: Document) -> None:
        SearchDocument.objects.update_or_create(key=doc.key, defaults=document_row(doc))

    def remove(self, key: str) -> None:
        SearchDocument.objects.filter(key=key).delete()

    @transaction.atomic
    def rebuild(self, documents: Iterable[Document], *, batch_size: int = 1000) -> int:
        """Replace the whole index with `documents`; returns how many were indexed."""
        SearchDocument.objects.all().delete()
        count, batch = 0, []
        for doc in documents:
            batch.append(SearchDocument(key=doc.key, **document_row(doc)))
            if len(batch) >= batch_size:
                SearchDocument.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        if batch:
            SearchDocument.objects.bulk_create(batch)
            count += len(batch)
        return count

    def search(
        self,
        query: str,
        *,
        agency: str | None = None,
        column: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        validity: str | None = None,
        page: int = 1,
        page_size: int = PAGE_SIZE,
    ) -> SearchPage:
        page = max(1, int(page or 1))
        terms = tokenize.query_terms(query or "")
        wanted = {
            "agency_code": agency or None,
            "column_slug": column or None,
            "published_date__gte": date_from,
            "published_date__lte": date_to,
            "validity": validity or None,
        }
        wanted = {k: v for k, v in wanted.items() if v is not None}
        offset = (page - 1) * page_size
        ranked, estimated = None, False
        if not terms:
            filters = SearchDocument.objects.filter(**wanted)
            total = filters.count()
            rows = list(filters.order_by("-published_date", "-id")[offset : offset + page_size])
            scores = dict.fromkeys((r.pk for r in rows), 0.0)
        else:
            where, params = self._where(wanted)
            cap = rank_limit()
            ids_scores, total, estimated = self._match(
                terms, where, params, offset, page_size, cap, dates=(date_from, date_to)
            )
            ranked = cap if total > cap else None
            by_id = SearchDocument.objects.in_bulk([pk for pk, _ in ids_scores])
            rows = [by_id[pk] for pk, _ in ids_scores if pk in by_id]
            scores = dict(ids_scores)
        words = tokenize.highlight_words(query or "") if terms else []
        hits = [self._hit(row, words, scores.get(row.pk, 0.0)) for row in rows]
        return SearchPage(
            query=query or "",
            hits=hits,
            total=total,
            page=page,
            page_size=page_size,
            words=words,
            ranked=ranked,
            estimated=estimated,
        )

    def _match(self, terms, where: str, params: list, offset: int, limit: int, cap: int, dates=(None, None)):
        """(id, score) of one page of matches, the number of matches, and whether that number is an
        estimate. Up to `cap` matches: all ranked, best first. More: the `cap` candidates (title
        matches, then newest) ranked, best first, then the others newest first, with score 0.
        `dates`: the date filters (from, to), already in `where`, for engines that plan with them."""
        raise NotImplementedError

    @staticmethod
    def _spans(offset: int, limit: int, cap: int) -> tuple[int, int]:
        """How many rows of the ranked head and of the date-ordered rest a page needs (0 skips one)."""
        end = offset + limit
        return (min(end, cap) if offset < cap else 0), max(0, end - cap)

    _OPS = {
        "agency_code": "d.agency_code = %s",
        "column_slug": "d.column_slug = %s",
        "published_date__gte": "d.published_date >= %s",
        "published_date__lte": "d.published_date <= %s",
        "validity": "d.validity = %s",
    }

    @classmethod
    def _where(cls, wanted: dict) -> tuple[str, list]:
        clauses = [cls._OPS[name] for name in wanted]
        return "".join(f" AND {c}" for c in clauses), list(wanted.values())

    @staticmethod
    def _hit(row: SearchDocument, words: list[str], score: float) -> SearchHit:
        return SearchHit(
            key=row.key,
            item_id=row.item_id,
            url=row.url,
            title=row.title,
            title_html=highlight(row.title, words),
            snippet=snippet(row.body, words),
            agency_code=row.agency_code,
            agency_name=row.agency_name,
            column_slug=row.column_slug,
            column_name=row.column_name,
            index_number=row.index_number,
            document_number=row.document_number,
            published_date=row.published_date,
            validity=row.validity,
            score=score,
        )
