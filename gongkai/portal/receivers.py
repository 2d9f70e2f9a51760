"""What the portal does when the catalogue publishes or withdraws an item (catalogue.hooks)."""

from __future__ import annotations

from . import actions, indexing


def on_published(item) -> None:
    indexing.index_item(item)
    actions.queue_deliveries(item)


def on_withdrawn(item) -> None:
    indexing.unindex_item(item)


def on_changed(item) -> None:
    """A published item's metadata changed (e.g. validity): the index must not go stale."""
    indexing.index_item(item)
