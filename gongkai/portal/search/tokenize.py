"""Chinese word segmentation for the search index and for queries (jieba, dictionary mode).

HMM new-word discovery is off on both sides: a word the dictionary does not know is split into
single characters the same way in a document and in a query, so the two always meet.
jieba reads its bundled dictionary from the package and caches it locally; it never downloads.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata

import jieba

jieba.setLogLevel(logging.WARNING)
_lock = threading.Lock()
_ready = False

# Only dropped from queries, and only when other words remain: they match almost everything.
QUERY_STOPWORDS = frozenset(
    ["的", "了", "和", "与", "及", "或", "等", "之", "其", "在", "对", "为", "于", "是"]
)
# Keep a tsvector well under PostgreSQL's 1 MB limit; the tail of huge attachments adds little.
MAX_TEXT = 200_000

_WORD = re.compile(r"\w", re.UNICODE)


def _ensure_loaded() -> None:
    global _ready
    if _ready:
        return
    with _lock:
        if not _ready:
            jieba.initialize()
            _ready = True


def normalize(text: str) -> str:
    """Full-width letters and digits to ASCII, lower case: ＡＢＣ１２ and abc12 match."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _keep(token: str) -> bool:
    return bool(token.strip()) and bool(_WORD.search(token))


def tokens_for_index(text: str) -> list[str]:
    """Search-mode cut: whole words plus the shorter dictionary words inside them."""
    _ensure_loaded()
    return [t.strip() for t in jieba.cut_for_search(normalize(text)[:MAX_TEXT], HMM=False) if _keep(t)]


def index_text(text: str) -> str:
    """What the full-text engines store: the tokens joined by spaces (`unicode61` / `simple`)."""
    return " ".join(tokens_for_index(text))


def query_terms(query: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words a query must all contain: (word, its shorter dictionary parts).

    A document matches a word when it has the word itself or, failing that, all of its parts,
    because a word can be cut differently inside a longer sentence.
    """
    _ensure_loaded()
    words = [t.strip() for t in jieba.cut(normalize(query), HMM=False) if _keep(t)]
    kept = [w for w in words if w not in QUERY_STOPWORDS] or words
    terms: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for word in kept:
        if word in seen:
            continue
        seen.add(word)
        parts = tuple(
            p.strip() for p in jieba.cut_for_search(word, HMM=False) if _keep(p) and p.strip() != word
        )
        terms.append((word, parts))
    return terms


def highlight_words(query: str) -> list[str]:
    """Every word and part of the query, longest first, for marking matches in original text."""
    words = {w for word, parts in query_terms(query) for w in (word, *parts)}
    return sorted(words, key=len, reverse=True)
