"""Reads the public pages share. Listings come from the search index (the public read model with
its own indexes); an item page reads the item itself, and only ever a public one."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404

from gongkai.agencies.models import Agency

from .models import SearchDocument

GUIDE_SLUGS = ("gkzn", "guide", "zfxxgkzn")
GUIDE_NAMES = ("公开指南",)
ANNUAL_SLUGS = ("gknb", "ndbg", "annual", "zfxxgknb")
ANNUAL_NAMES = ("年报", "年度报告")


def agency_or_404(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404("没有这个机关")
    return agency


def columns_of(agency: Agency):
    from gongkai.catalogue.models import Column

    return list(Column.objects.filter(agency=agency).order_by("order", "pk"))


def column_tree(agency: Agency) -> list[dict]:
    """Nested [{column, count, children}], counts of public items including sub-columns."""
    columns = columns_of(agency)
    direct = dict(
        SearchDocument.objects.filter(agency_code=agency.code)
        .values_list("column_slug")
        .annotate(n=Count("id"))
        .values_list("column_slug", "n")
    )
    nodes = {c.pk: {"column": c, "count": direct.get(c.slug, 0), "children": []} for c in columns}
    roots = []
    for c in columns:
        (nodes[c.parent_id]["children"] if c.parent_id in nodes else roots).append(nodes[c.pk])

    def total(node):
        node["count"] += sum(total(child) for child in node["children"])
        return node["count"]

    for root in roots:
        total(root)
    return roots


def column_or_404(agency: Agency, slug: str):
    from gongkai.catalogue.models import Column

    column = Column.objects.filter(agency=agency, slug=slug).first()
    if column is None:
        raise Http404("没有这个栏目")
    return column


def column_slugs(column) -> list[str]:
    from gongkai.catalogue.models import Column

    return list(Column.objects.filter(pk__in=column.descendant_ids()).values_list("slug", flat=True))


def listing(agency: Agency, slugs: list[str] | None = None):
    docs = SearchDocument.objects.filter(agency_code=agency.code)
    if slugs is not None:
        docs = docs.filter(column_slug__in=slugs) if len(slugs) != 1 else docs.filter(column_slug=slugs[0])
    return docs.order_by("-published_date", "-id")


def special_column(agency: Agency, slugs: tuple[str, ...], names: tuple[str, ...]):
    columns = columns_of(agency)
    for c in columns:
        if c.slug in slugs:
            return c
    for c in columns:
        if any(n in c.name for n in names):
            return c
    return None


def public_item_or_404(agency: Agency, index_number: str):
    from gongkai.catalogue.models import Item

    item = (
        Item.objects.public()
        .select_related("agency", "column", "replaced_by")
        .filter(agency=agency, index_number=index_number)
        .first()
    )
    if item is None:
        raise Http404("该信息不存在或已撤回")
    return item
