"""RSS 2.0 and Atom 1.0 per column (Django syndication), the newest 50 public items."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from . import queries
from .search.highlight import snippet

FEED_SIZE = 50


class ColumnFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, agency_code: str, slug: str):
        agency = queries.agency_or_404(agency_code)
        column = queries.column_or_404(agency, slug)
        column.portal_agency = agency
        return column

    def title(self, column):
        return f"{column.portal_agency.name} · {column.name}"

    def link(self, column):
        return f"/{column.portal_agency.code}/columns/{column.slug}/"

    def description(self, column):
        return f"{column.portal_agency.name}政府信息公开目录“{column.name}”栏目的最新信息"

    def items(self, column):
        return list(queries.listing(column.portal_agency, queries.column_slugs(column))[:FEED_SIZE])

    def item_title(self, doc):
        return doc.title

    def item_description(self, doc):
        return str(snippet(doc.body, [], length=200))

    def item_link(self, doc):
        return doc.url

    def item_guid(self, doc):
        return doc.url

    def item_pubdate(self, doc):
        if doc.published_date is None:
            return None
        return timezone.make_aware(dt.datetime.combine(doc.published_date, dt.time(0, 0)))

    def item_categories(self, doc):
        return [doc.column_name] if doc.column_name else []


class ColumnAtomFeed(ColumnFeed):
    feed_type = Atom1Feed
    subtitle = ColumnFeed.description
