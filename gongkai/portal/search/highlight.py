"""Highlighted snippets built on the original text, the same for both backends.

The engines store segmented text, so their own snippet functions would show words split by
spaces; marking the query words in the original text reads as the document was written.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tokenize import normalize

SNIPPET_CHARS = 120


def _pattern(words: list[str]) -> re.Pattern | None:
    words = [w for w in words if w]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    pattern = _pattern(words)
    if pattern is None:
        return []
    # NFKC keeps lengths for CJK and ASCII; when it does not, match on the text as it is.
    folded = normalize(text)
    haystack = folded if len(folded) == len(text) else text
    return [m.span() for m in pattern.finditer(haystack)]


def highlight(text: str, words: list[str]) -> SafeString:
    """The whole text, escaped, with every query word wrapped in <mark>."""
    return mark_safe(_mark(text or "", _spans(text or "", words)))


def snippet(text: str, words: list[str], length: int = SNIPPET_CHARS) -> SafeString:
    """The window of `length` characters holding the most query words, escaped and marked."""
    text = " ".join((text or "").split())
    spans = _spans(text, words)
    if not spans:
        cut = text[:length]
        return mark_safe(escape(cut) + ("…" if len(text) > length else ""))
    best, best_count = spans[0][0], 0
    for i, (start, _end) in enumerate(spans):
        count = sum(1 for s, e in spans[i:] if e <= start + length)
        if count > best_count:
            best, best_count = start, count
    start = max(0, best - length // 6)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    body = _mark(text[start:end], inside)
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))
