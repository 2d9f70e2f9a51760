"""Portal search: `get_backend()` picks the engine of the database in use."""

from __future__ import annotations

from django.db import connection

from .base import Document, SearchBackend, SearchHit, SearchPage

__all__ = ["Document", "SearchBackend", "SearchHit", "SearchPage", "get_backend"]


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from .postgres_fts import PostgresFtsBackend

        return PostgresFtsBackend()
    if connection.vendor == "sqlite":
        from .sqlite_fts import SqliteFtsBackend

        return SqliteFtsBackend()
    raise RuntimeError(f"no search backend for {connection.vendor}")
