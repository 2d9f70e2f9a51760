"""Signal-free hooks other apps register into, so they react to publication without editing actions.

    from gongkai.catalogue import hooks
    hooks.published.connect(index_item)      # fn(item) after the item is published
    hooks.withdrawn.connect(unindex_item)    # fn(item) after the item leaves the portal
    hooks.changed.connect(reindex_item)      # fn(item) after a published item's metadata changes

Callbacks run inside the action's transaction, each in its own savepoint: a failing callback is
logged and rolled back alone, and never stops the publication itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

log = logging.getLogger(__name__)


class Hook:
    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable] = []

    def connect(self, fn: Callable) -> Callable:
        """Register `fn` (once); usable as a decorator."""
        if fn not in self._callbacks:
            self._callbacks.append(fn)
        return fn

    def disconnect(self, fn: Callable) -> None:
        if fn in self._callbacks:
            self._callbacks.remove(fn)

    def send(self, item) -> None:
        for fn in list(self._callbacks):
            try:
                with transaction.atomic():
                    fn(item)
            except Exception:
                log.exception("catalogue hook %s: callback %r failed for item %s", self.name, fn, item.pk)


published = Hook("published")
withdrawn = Hook("withdrawn")
changed = Hook("changed")
