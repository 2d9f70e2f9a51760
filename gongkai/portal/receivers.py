"""What the portal does when the catalogue publishes or withdraws an item (catalogue.hooks)."""

from __future__ import annotations

from . import actions, indexing, pagecache


def on_published(item) -> None:
    indexing.index_item(item)
    actions.queue_deliveries(item)


def on_withdrawn(item) -> None:
    indexing.unindex_item(item)


def on_changed(item) -> None:
    """A published item's metadata changed (e.g. validity): the index must not go stale."""
    indexing.index_item(item)


def on_catalogue_change(item) -> None:
    """Any of the three hooks: cached public pages are stale now (connected on its own, so a failing
    indexing callback never keeps a withdrawn item's page in the cache)."""
    pagecache.invalidate()
