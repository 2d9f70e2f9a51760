"""Reads the public pages share. Listings come from the search index (the public read model with
its own indexes); an item page reads the item itself, and only ever a public one."""

from __future__ import annotations

import functools
import json

from django.core.paginator import Paginator
from django.db import connection, connections
from django.db.models import Count
from django.http import Http404

from gongkai.agencies.models import Agency

from .models import SearchDocument

GUIDE_SLUGS = ("gkzn", "guide", "zfxxgkzn")
GUIDE_NAMES = ("公开指南",)
ANNUAL_SLUGS = ("gknb", "ndbg", "annual", "zfxxgknb")
ANNUAL_NAMES = ("年报", "年度报告")
LISTED_FIELDS = ("title", "url", "document_number", "published_date")  # what `_list.html` shows
EXACT_COUNT_UP_TO = 10_000


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


def column_and_slugs_or_404(agency: Agency, slug: str):
    """The column, its ancestors (root first) and the slugs of it and its sub-columns, from one query
    for the agency's few columns (instead of one per lookup and one per ancestor)."""
    from gongkai.catalogue.models import Column

    columns = list(Column.objects.filter(agency=agency).order_by("order", "pk"))
    by_pk = {c.pk: c for c in columns}
    column = next((c for c in columns if c.slug == slug), None)
    if column is None:
        raise Http404("没有这个栏目")
    ancestors, node = [], by_pk.get(column.parent_id)
    while node is not None and node not in ancestors:
        ancestors.append(node)
        node = by_pk.get(node.parent_id)
    children: dict[int | None, list[int]] = {}
    for c in columns:
        children.setdefault(c.parent_id, []).append(c.pk)
    found, todo = set(), [column.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, ()))
    return column, ancestors[::-1], [c.slug for c in columns if c.pk in found]


class ListingPaginator(Paginator):
    """Counts exactly up to `EXACT_COUNT_UP_TO` documents; above that, on PostgreSQL, takes the
    planner's estimate (`estimated` is then true) instead of a `COUNT(*)` over a big set."""

    estimated = False

    @functools.cached_property
    def count(self) -> int:
        capped = self.object_list[: EXACT_COUNT_UP_TO + 1].count()
        if capped <= EXACT_COUNT_UP_TO:
            return capped
        db = connections[self.object_list.db]
        if db.vendor != "postgresql":
            return self.object_list.count()
        sql, params = self.object_list.values("pk").query.sql_with_params()
        with db.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        plan = (plan if isinstance(plan, list) else json.loads(plan))[0]
        self.estimated = True
        return max(capped, int(plan["Plan"]["Plan Rows"]))


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


def is_public(item) -> bool:
    """`Item.objects.public()` for an item already loaded."""
    from gongkai.catalogue.vocab import DisclosureAttribute, ItemStatus

    return item.status == ItemStatus.PUBLISHED and item.disclosure_attribute == DisclosureAttribute.PROACTIVE


# What the item page shows of each row it reads (the other fields stay deferred).
_ITEM_PAGE_FIELDS = {
    "item": (
        "id", "agency_id", "column_id", "replaced_by_id", "title", "index_number", "document_number",
        "keywords", "written_date", "published_date", "validity", "validity_changed_on",
        "disclosure_attribute", "body", "status", "revision", "redacted_body", "redacted_revision",
    ),
    "agency": ("id", "code", "name"),
    "column": ("id", "agency_id", "parent_id", "name", "slug"),
    "parent": ("id", "agency_id", "parent_id", "name", "slug"),
    "replaced_by": ("id", "agency_id", "title", "index_number", "status", "disclosure_attribute"),
}  # fmt: skip


def _item_page_models() -> dict:
    from gongkai.catalogue.models import Column, Item

    return {"item": Item, "agency": Agency, "column": Column, "parent": Column, "replaced_by": Item}


@functools.cache
def _item_page_plan() -> tuple[str, list[tuple[str, list[str]]]]:
    """One statement for the item page: the public item, its agency, its column and the column's parent,
    the replacing item and whether there are attachments; and the fields read per part, in model order
    as `Model.from_db` takes them. Plain SQL built once per process from the models' metadata: the ORM
    spent more CPU compiling this join on every request than the database spent running it."""
    from gongkai.catalogue.models import Attachment

    q = connection.ops.quote_name
    tables = _item_page_models()
    alias = {"item": "i", "agency": "a", "column": "c", "parent": "p", "replaced_by": "r"}
    parts = [
        (part, [f.attname for f in tables[part]._meta.concrete_fields if f.attname in names])
        for part, names in _ITEM_PAGE_FIELDS.items()
    ]

    def col(part: str, name: str) -> str:
        return f"{alias[part]}.{q(tables[part]._meta.get_field(name).column)}"

    def table(part: str) -> str:
        return f"{q(tables[part]._meta.db_table)} {alias[part]}"

    select = ", ".join(col(part, name) for part, names in parts for name in names)
    attachment = Attachment._meta
    any_attachment = (
        f"EXISTS (SELECT 1 FROM {q(attachment.db_table)} x WHERE x.{q(attachment.get_field('item').column)}"
        f" = {col('item', 'id')} AND x.{q(attachment.get_field('removed_at').column)} IS NULL)"
    )
    sql = (
        f"SELECT {select}, {any_attachment} FROM {table('item')}"
        f" JOIN {table('agency')} ON {col('agency', 'id')} = {col('item', 'agency')}"
        f" JOIN {table('column')} ON {col('column', 'id')} = {col('item', 'column')}"
        f" LEFT JOIN {table('parent')} ON {col('parent', 'id')} = {col('column', 'parent')}"
        f" LEFT JOIN {table('replaced_by')} ON {col('replaced_by', 'id')} = {col('item', 'replaced_by')}"
        f" WHERE {col('agency', 'code')} = %s AND {col('item', 'index_number')} = %s"
        f" AND {col('item', 'status')} = %s AND {col('item', 'disclosure_attribute')} = %s"
    )
    return sql, parts


def public_item_by_code_or_404(agency_code: str, index_number: str):
    """The public item (as `Item.objects.public()` defines it) with its agency, column (and the column's
    parent) and replacing item loaded, from one statement."""
    from gongkai.catalogue.vocab import DisclosureAttribute, ItemStatus

    sql, parts = _item_page_plan()
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [agency_code, index_number, ItemStatus.PUBLISHED.value, DisclosureAttribute.PROACTIVE.value]
        )
        row = cursor.fetchone()
    if row is None:
        agency_or_404(agency_code)
        raise Http404("该信息不存在或已撤回")
    models, loaded, at = _item_page_models(), {}, 0
    for part, names in parts:
        values = row[at : at + len(names)]
        at += len(names)
        if values[names.index("id")] is None:  # no parent column, no replacing item
            loaded[part] = None
        else:
            loaded[part] = models[part].from_db(connection.alias, names, values)
    item, column = loaded["item"], loaded["column"]
    item.agency, item.column = loaded["agency"], column
    if column.parent_id is not None:
        column.parent = loaded["parent"]
    replaced_by = loaded["replaced_by"]
    if replaced_by is not None:
        if replaced_by.agency_id == item.agency_id:
            replaced_by.agency = item.agency  # its link needs the agency's code: the same row
        item.replaced_by = replaced_by
    item.has_public_attachments = row[at]
    return item


def public_attachments(item) -> list:
    """`item.public_attachments()`, only the fields the item page shows; no query when the item page's
    statement found none."""
    if not getattr(item, "has_public_attachments", True):
        return []
    return list(item.public_attachments().only("item_id", "original_name", "kind", "size"))
