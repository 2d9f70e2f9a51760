"""Public pages (no login): agencies, the catalogue by column, item pages, guide, annual reports,
search, feeds and the sitemap. Plain HTML that works without JavaScript."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.catalogue.vocab import Validity

from . import bodies, pagecache, queries
from .forms import SearchForm
from .models import SearchDocument

PAGE_SIZE = 20
SIZE_COOKIE = "gk_text_size"
SITEMAP_CHUNK = 10_000


def text_size(view):
    """适老化: `?size=large` (or `normal`) switches the text size and remembers it in a cookie."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        wanted = request.GET.get("size")
        if wanted in ("large", "normal"):
            request.large_text = wanted == "large"
        else:
            request.large_text = request.COOKIES.get(SIZE_COOKIE) == "large"
        response = view(request, *args, **kwargs)
        if wanted in ("large", "normal"):
            response.set_cookie(SIZE_COOKIE, wanted, max_age=365 * 86400, samesite="Lax")
        return response

    return require_GET(wrapped)


def size_links(request) -> dict:
    params = request.GET.copy()
    links = {}
    for size in ("large", "normal"):
        params["size"] = size
        links[size] = f"{request.path}?{params.urlencode()}"
    return links


def _render(request, template: str, context: dict, status: int = 200):
    context = {
        **context,
        "large_text": getattr(request, "large_text", False),
        "size_links": size_links(request),
    }
    return render(request, template, context, status=status)


def _page(request, queryset, per_page: int = PAGE_SIZE):
    paginator = queries.ListingPaginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


@text_size
@pagecache.cached_page
def home(request):
    agencies = Agency.objects.order_by("path")
    return _render(request, "portal/home.html", {"agencies": agencies})


@text_size
@pagecache.cached_page
def agency_home(request, agency_code: str):
    agency = queries.agency_or_404(agency_code)
    return _render(
        request,
        "portal/agency.html",
        {
            "agency": agency,
            "tree": queries.column_tree(agency),
            "latest": queries.listing(agency)[:10],
            "guide": queries.special_column(agency, queries.GUIDE_SLUGS, queries.GUIDE_NAMES),
            "annual": queries.special_column(agency, queries.ANNUAL_SLUGS, queries.ANNUAL_NAMES),
        },
    )


@text_size
@pagecache.cached_page
def column_list(request, agency_code: str, slug: str):
    agency = queries.agency_or_404(agency_code)
    column, ancestors, slugs = queries.column_and_slugs_or_404(agency, slug)
    page = _page(request, queries.listing(agency, slugs).only(*queries.LISTED_FIELDS))
    return _render(
        request,
        "portal/column.html",
        {"agency": agency, "column": column, "page": page, "ancestors": ancestors},
    )


@text_size
@pagecache.cached_page
def item_detail(request, agency_code: str, index_number: str):
    item = queries.public_item_by_code_or_404(agency_code, index_number)
    agency = item.agency
    replaced_by = item.replaced_by  # loaded with the item; shown only while it is public itself
    if replaced_by is not None and not queries.is_public(replaced_by):
        replaced_by = None
    return _render(
        request,
        "portal/item.html",
        {
            "agency": agency,
            "item": item,
            "replaced_by": replaced_by,
            "attachments": queries.public_attachments(item),
            "ancestors": [*item.column.ancestors(), item.column],
            "rich_body": bodies.rich_body(item),
        },
    )


@require_GET
def attachment_download(request, agency_code: str, index_number: str, attachment_id: int):
    agency = queries.agency_or_404(agency_code)
    item = queries.public_item_or_404(agency, index_number)
    attachment = item.public_attachments().filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("附件不存在或已删除")
    path = attachment.public_path
    if not path.is_file():
        raise Http404("附件文件缺失")
    return FileResponse(path.open("rb"), as_attachment=True, filename=attachment.original_name)


def _special(request, agency_code: str, slugs, names, template: str, title: str):
    agency = queries.agency_or_404(agency_code)
    column = queries.special_column(agency, slugs, names)
    page = _page(request, queries.listing(agency, queries.column_slugs(column))) if column else None
    return _render(request, template, {"agency": agency, "column": column, "page": page, "title": title})


@text_size
@pagecache.cached_page
def guide(request, agency_code: str):
    """公开指南: the newest item of the guide column, shown in full, and the column's other items."""
    agency = queries.agency_or_404(agency_code)
    column = queries.special_column(agency, queries.GUIDE_SLUGS, queries.GUIDE_NAMES)
    current = others = None
    if column is not None:
        docs = list(queries.listing(agency, queries.column_slugs(column))[:20])
        if docs:
            current = queries.public_item_or_404(agency, docs[0].index_number)
            others = docs[1:]
    return _render(
        request,
        "portal/guide.html",
        {"agency": agency, "column": column, "current": current, "others": others},
    )


@text_size
@pagecache.cached_page
def annual(request, agency_code: str):
    return _special(
        request,
        agency_code,
        queries.ANNUAL_SLUGS,
        queries.ANNUAL_NAMES,
        "portal/annual.html",
        "政府信息公开工作年度报告",
    )


@text_size
def search(request):
    form = SearchForm.from_query(request.GET)
    results = None
    if form.is_valid():
        data = form.cleaned_data
        if any(data.values()):
            try:
                page = max(1, int(request.GET.get("page") or 1))
            except ValueError:
                page = 1
            results = form.search(page=page)
    params = {k: v for k, v in request.GET.items() if k not in ("page", "size") and v}
    agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
    return _render(
        request,
        "portal/search.html",
        {
            "form": form,
            "results": results,
            "agencies": Agency.objects.order_by("path"),
            "validities": Validity.choices,
            "agency": agency,
            "params": params,
            "base_query": urlencode(params),
        },
    )


@require_GET
def sitemap_index(request):
    """A sitemap index: one file for agency and column pages, then item files of 10,000 each."""
    base = request.build_absolute_uri("/").rstrip("/")
    count = SearchDocument.objects.count()
    chunks = max(1, -(-count // SITEMAP_CHUNK))
    maps = [f"{base}/sitemap-pages.xml"] + [f"{base}/sitemap-items-{n}.xml" for n in range(1, chunks + 1)]
    xml = render_to_string("portal/sitemap_index.xml", {"maps": maps})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@require_GET
def sitemap_pages(request):
    from gongkai.catalogue.models import Column

    base = request.build_absolute_uri("/").rstrip("/")
    urls = [{"loc": f"{base}/"}]
    for agency in Agency.objects.order_by("path"):
        urls.append({"loc": f"{base}/{agency.code}/"})
    for code, slug in Column.objects.values_list("agency__code", "slug").order_by("agency__code", "order"):
        urls.append({"loc": f"{base}/{code}/columns/{slug}/"})
    xml = render_to_string("portal/sitemap.xml", {"urls": urls})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@require_GET
def sitemap_items(request, number: int):
    base = request.build_absolute_uri("/").rstrip("/")
    docs = SearchDocument.objects.order_by("id").values_list("url", "published_date")
    rows = docs[(number - 1) * SITEMAP_CHUNK : number * SITEMAP_CHUNK]
    urls = [{"loc": base + url, "lastmod": date} for url, date in rows]
    if not urls and number > 1:
        raise Http404("没有这个站点地图")
    xml = render_to_string("portal/sitemap.xml", {"urls": urls})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
