"""Table labels looked up in the format definitions, for tables 二, 三 and 四.

One index of every label of every version, built once, so a label read from a report says which
row or column it is and which format versions print it; misspelt and merged table-三 labels are
matched here too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from ..findings import Finding
from ..formats import FORMAT_2021, FORMATS
from ..formats.base import ReportFormat
from ..normalize import label_key
from .items import RawRow


def _label_index(formats: Iterable[ReportFormat]):
    """label key → list of (version, kind, code) for table 二 rows/columns and table 三 rows."""
    index: dict[str, list[tuple[str, str, str]]] = {}
    for fmt in formats:
        for block in fmt.two.blocks:
            for row in block.rows:
                for label in (row.label, *row.variants):
                    index.setdefault(label_key(label), []).append((fmt.version, "t2row", row.code))
            for col in block.columns:
                for label in (col.label, *col.variants):
                    index.setdefault(label_key(label), []).append((fmt.version, "t2col", col.code))
            index.setdefault(label_key(block.caption), []).append((fmt.version, "t2caption", block.caption))
        for row in fmt.three.data_rows():
            for label in (row.label, *row.variants):
                index.setdefault(label_key(label), []).append((fmt.version, "t3row", row.code))
    return index


_INDEX = _label_index(FORMATS.values())


_T3_KEYS = sorted(
    {key for key, entries in _INDEX.items() if any(kind == "t3row" for _, kind, _ in entries)},
    key=len,
    reverse=True,
)


_T2_ROW_KEYS = {key for key, entries in _INDEX.items() if any(kind == "t2row" for _, kind, _ in entries)}


_OTHER_PARENT_KEY = label_key(FORMAT_2021.three.parents()[-1].label)  # （六）其他处理


_HEADER_KEY = label_key(FORMAT_2021.two.blocks[0].header)


_T3_ROW_KEYS = frozenset(_T3_KEYS)


_T2_CAPTION_KEYS = frozenset(
    key for key, entries in _INDEX.items() if any(kind == "t2caption" for _, kind, _ in entries)
)


_FOUR_GROUP_KEYS = frozenset(label_key(g.label) for g in FORMAT_2021.four.groups)


# the keys `_match_t3_label` tries as endings, longest first, by their last character
_T3_ENDINGS: dict[str, list[str]] = {}
for _key in _T3_KEYS:
    if len(_key) >= 4:
        _T3_ENDINGS.setdefault(_key[-1], []).append(_key)


def _match_t3_label(labels: list[str]) -> tuple[str, str] | None:
    """(label key, code) of the table-三 row named by a row's labels: its last label, else the
    concatenation of its labels, else a known label the concatenation ends with."""
    return _match_t3_labels(tuple(labels))


@lru_cache(maxsize=16384)
def _match_t3_labels(labels: tuple[str, ...]) -> tuple[str, str] | None:
    candidates = []
    if labels:
        candidates.append(label_key(labels[-1]))
        candidates.append(label_key("".join(labels)))
    for key in candidates:
        if key in _T3_ROW_KEYS:
            return key, _code(key, "t3row")
    joined = candidates[-1] if candidates else ""
    for key in _T3_ENDINGS.get(joined[-1:], ()):
        if joined.endswith(key):
            return key, _code(key, "t3row")
    return None


_ORDINAL_START = re.compile(r"^(\d+\.|（[一二三四五六七]）|[一二三四]、)")


def _fuzzy_t3_label(labels: list[str]) -> tuple[str, str] | None:
    """A misspelt row label (`2.其他法律行政止公开`): the known label with the same leading
    ordinal that it resembles most, when the resemblance is strong."""
    if not labels:
        return None
    key = label_key(labels[-1])
    ordinal = _ORDINAL_START.match(key)
    best, best_ratio = None, 0.0
    for known in _T3_KEYS:
        if ordinal and not known.startswith(ordinal.group(1)):
            continue
        ratio = difflib.SequenceMatcher(None, key, known).ratio()
        if ratio > best_ratio:
            best, best_ratio = known, ratio
    if best is not None and best_ratio >= 0.75:
        return best, _code(best, "t3row")
    return None


def _code(key: str, kind: str) -> str:
    return next(code for _, k, code in _INDEX[key] if k == kind)


def _versions(key: str, kind: str) -> set[str]:
    return {version for version, k, _ in _INDEX.get(key, []) if k == kind}


_T3_WIDTH = len(FORMAT_2021.three.columns)


_T3_PREFIXES = frozenset(key[:n] for key in _T3_KEYS for n in range(len(key) + 1))


def _glued_rows(text: str) -> bool:
    """A line that runs two or more table-三 rows together with their digits (`…秘密00000002.其他…`)."""
    if len(text) < 9 or not re.search(r"\d{7,}", text):
        return False
    key = label_key(text)
    if not re.search(r"[^\d]\d{7,}", key):
        return False
    labels = [k for k in _T3_KEYS if k in key]
    return len(labels) >= 2 or any(re.search(re.escape(k) + r"\d{7,}", key) for k in labels)


def _variant_finding(raw: RawRow, code: str) -> Finding:
    label = FORMAT_2021.three.row(code).label if code != "other" else raw.labels[-1]
    return Finding(
        "R.label_variant",
        f"表三“{raw.labels[-1]}”与格式规定的行名不一致，按“{label}”读取",
        {"table": "三", "row": code, "row_label": label, "source": raw.source.describe()},
        {"found": raw.labels[-1], "expected": label},
    )
