"""Figures the annual report takes from the catalogue (section 二's 全年共发布信息N条, and table 二)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from gongkai.agencies.models import Agency

from .models import Column, Item
from .vocab import ItemStatus, TableTwoRow, Validity


@dataclass(frozen=True)
class ColumnCount:
    column: Column
    count: int


@dataclass(frozen=True)
class PublishedCounts:
    year: int
    columns: list[ColumnCount]
    total: int


def published_counts(agency: Agency, year: int) -> PublishedCounts:
    """Items first put on the portal in `year`, per column; a later withdrawal does not undo the count."""
    rows = dict(
        Item.objects.filter(agency=agency, published_date__year=year)
        .values_list("column")
        .annotate(n=Count("pk"))
        .values_list("column", "n")
    )
    columns = [
        ColumnCount(c, rows.get(c.pk, 0))
        for c in Column.objects.filter(agency=agency).order_by("order", "pk")
    ]
    return PublishedCounts(year=year, columns=columns, total=sum(rows.values()))


@dataclass(frozen=True)
class DocumentCounts:
    issued: int
    repealed: int
    in_force: int


def table_two_documents(agency: Agency, year: int) -> dict[str, DocumentCounts]:
    """规章 and 行政规范性文件: 本年制发件数, 本年废止件数, 现行有效件数 at 12月31日 (DOMAIN §2.1).

    Counted from published items in the columns linked to each row (and their sub-columns); an
    item's issue date is its 成文日期, else its 发布日期. Withdrawn items left the catalogue and count
    nowhere. A document that lapsed (失效) is not in force but was not repealed.
    """
    year_end = date(year, 12, 31)
    out = {}
    for row in TableTwoRow:
        column_ids: set[int] = set()
        for column in Column.objects.filter(agency=agency, table_two_row=row):
            column_ids |= column.descendant_ids()
        items = Item.objects.filter(agency=agency, column_id__in=column_ids, status=ItemStatus.PUBLISHED)
        issued_in = Q(written_date__year=year) | Q(written_date__isnull=True, published_date__year=year)
        issued_by_end = Q(written_date__lte=year_end) | Q(
            written_date__isnull=True, published_date__lte=year_end
        )
        ended_by_end = Q(
            validity__in=(Validity.EXPIRED, Validity.REPEALED), validity_changed_on__lte=year_end
        )
        out[row.value] = DocumentCounts(
            issued=items.filter(issued_in).count(),
            repealed=items.filter(validity=Validity.REPEALED, validity_changed_on__year=year).count(),
            in_force=items.filter(issued_by_end).exclude(ended_by_end).count(),
        )
    return out
