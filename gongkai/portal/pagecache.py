"""A short cache of the public pages, dropped whenever the catalogue publishes, withdraws or changes an
item (`receivers.on_catalogue_change`).

Pages are keyed by the full path, the text size and a generation token kept in the database
(`PageCacheToken`). Every request reads the token first, then the page, so a page rendered before a
withdrawal is stored under a token that is no longer current once the withdrawal commits, in every
process: a withdrawn item is never served from the cache, even with a per-process local-memory cache.
Changes outside those hooks (column names, agencies) show within `TIMEOUT` seconds.

The cache is the `portal` alias of `CACHES` when settings define one (e.g. Redis shared by the
workers); otherwise a local-memory cache of this process.
"""

from __future__ import annotations

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponse

from .models import PageCacheToken

ALIAS = "portal"
TIMEOUT = 60  # seconds
MAX_ENTRIES = 5000  # per process, local-memory default; an item page is about 5 KB


@functools.cache
def _local() -> LocMemCache:
    return LocMemCache("gongkai-portal-pages", {"TIMEOUT": TIMEOUT, "OPTIONS": {"MAX_ENTRIES": MAX_ENTRIES}})


def page_cache():
    return caches[ALIAS] if ALIAS in settings.CACHES else _local()


def current_token() -> str | None:
    """None when there is no token row (a freshly flushed database): nothing is cached then."""
    table = connection.ops.quote_name(PageCacheToken._meta.db_table)
    with connection.cursor() as cursor:  # on every request, hits too: plain SQL, nothing to compile
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def invalidate() -> None:
    """Make every cached page stale, in every process (runs inside the catalogue action's transaction)."""
    PageCacheToken.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def _key(token: str, request) -> str:
    path = request.get_full_path()
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    return f"portal:{token}:{int(getattr(request, 'large_text', False))}:{digest}"


def cached_page(view):
    """Serve a 200 page from the cache, or render it and keep it for `TIMEOUT` seconds.

    Goes inside `text_size`, so `request.large_text` is known and the size cookie is still set."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        token = current_token()  # before any read of the page's data
        if token is None:
            return view(request, *args, **kwargs)
        cache, key = page_cache(), _key(token, request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapped
