"""Public portal URLs, mounted at `/` before the web app: agency codes never take reserved paths."""

from django.urls import path, register_converter

from . import feeds, views
from .converters import AgencyCodeConverter, IndexNumberConverter

register_converter(AgencyCodeConverter, "agency")
register_converter(IndexNumberConverter, "index")

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-pages.xml", views.sitemap_pages, name="sitemap-pages"),
    path("sitemap-items-<int:number>.xml", views.sitemap_items, name="sitemap-items"),
    path("<agency:agency_code>/", views.agency_home, name="agency"),
    path("<agency:agency_code>/columns/<slug:slug>/", views.column_list, name="column"),
    path("<agency:agency_code>/columns/<slug:slug>/feed.rss", feeds.ColumnFeed(), name="column-rss"),
    path("<agency:agency_code>/columns/<slug:slug>/feed.atom", feeds.ColumnAtomFeed(), name="column-atom"),
    path("<agency:agency_code>/items/<index:index_number>/", views.item_detail, name="item"),
    path(
        "<agency:agency_code>/items/<index:index_number>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("<agency:agency_code>/guide/", views.guide, name="guide"),
    path("<agency:agency_code>/annual/", views.annual, name="annual"),
]
