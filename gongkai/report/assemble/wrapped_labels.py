"""Table-三 labels wrapped around their numbers, as `pdftotext -layout` prints them.

A long label runs over two or three lines with the numbers on one of them, pieces of the merged
parent labels in between. This runs only when the ordinary one-row-per-line reading leaves a line
unread.
"""

from __future__ import annotations

from ..normalize import label_key
from .headings import match_heading
from .items import Item, _cell_texts, _split_row
from .labels import _T3_PREFIXES, _T3_ROW_KEYS, _code, _glued_rows

_MAX_FRAGMENTS = 4  # label fragments tried on each side of a line with numbers


def _after_fragments(items: list[Item], index: int) -> list[tuple[int, str]]:
    """(item index, label) of the label-only lines right after `items[index]`."""
    out: list[tuple[int, str]] = []
    for j in range(index + 1, min(len(items), index + 1 + _MAX_FRAGMENTS)):
        item = items[j]
        if item.kind == "text" and (match_heading(item.text) or _glued_rows(item.text)):
            break
        cells = _cell_texts(item)
        if not cells:
            continue
        raw = _split_row(cells, item)
        if raw.values or not raw.labels:
            break
        out.extend((j, label) for label in raw.labels)
    return out[:_MAX_FRAGMENTS]


def _wrapped_t3_label(
    before: list[str], own: list[str], items: list[Item], index: int, taken: set[int]
) -> tuple[str, str] | None:
    """The table-三 row whose label is wrapped around the line `items[index]` with the numbers:
    fragments before it, the label text on it, fragments after it. Pieces of the merged parent
    labels sit between them (`（六）其` / `2.申请人逾期…要` / `他处理`, or `（四）无法提供` on the line
    with the numbers), so every in-order choice of fragments is tried and the longest whole known
    label wins (`（六）其他处理` alone is a 2019 row, but not when `1.申请人…` and its end wrap
    around the numbers). The lines after it that complete the label are marked as read."""
    after = _after_fragments(items, index)
    pieces = [label_key(text) for text in [*before[-_MAX_FRAGMENTS:], *own]]
    first_after = len(pieces)
    pieces += [label_key(text) for _, text in after]
    best: tuple[int, int, str, tuple[int, ...]] = (0, 0, "", ())
    stack: list[tuple[int, str, tuple[int, ...]]] = [(0, "", ())]
    while stack:  # in-order choices, extended only while they start a known label
        start, head, chosen = stack.pop()
        for k in range(start, len(pieces)):
            key = head + pieces[k]
            if key not in _T3_PREFIXES:
                continue
            used = (*chosen, k)
            if key in _T3_ROW_KEYS and (len(key), -len(used)) > best[:2]:
                best = (len(key), -len(used), key, used)
            stack.append((k + 1, key, used))
    if not best[2]:
        return None
    taken.update(after[k - first_after][0] for k in best[3] if k >= first_after)
    return best[2], _code(best[2], "t3row")
