"""Item bodies that another app shows as HTML of its own making.

The portal prints an item's body as escaped text. A published annual report is a catalogue item too,
and its readers expect the official tables, not their flattened text: the annual app registers a
renderer here (in its `AppConfig.ready`), and the item page asks the renderers before falling back to
the text. Renderers return trusted markup built by gongkai's own writers (every value escaped), or
None when the item is not theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

Renderer = Callable[[object], "str | None"]

_renderers: list[Renderer] = []


def register(renderer: Renderer) -> Renderer:
    if renderer not in _renderers:
        _renderers.append(renderer)
    return renderer


def rich_body(item) -> SafeString | None:
    for renderer in _renderers:
        html = renderer(item)
        if html:
            return mark_safe(html)  # built by gongkai.report.writers: every value escaped
    return None
