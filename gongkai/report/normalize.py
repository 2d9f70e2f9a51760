"""Normalisation of labels and numbers before matching (DOMAIN §0.4). None of it is a finding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_WS = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_LABEL_MAP = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ":": "：",
        ",": "，",
        "．": ".",
        '"': "“",
        "「": "“",
        "」": "”",
        "『": "“",
        "』": "”",
        "″": "”",
        "＂": "“",
        "、": "、",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
_ORDINAL = re.compile(r"^(\d{1,2})[、，,）)]")
_NUMBER_MAP = str.maketrans(
    {"－": "-", "−": "-", "＋": "+", "．": ".", **{chr(0xFF10 + i): str(i) for i in range(10)}}
)

BLANK_VALUES = frozenset({"", "-", "—", "--", "——", "/", "无", "不适用", "N/A", "n/a", "NA", "－"})
COUNT_SUFFIXES = ("件", "个", "项", "条", "次", "人")
MONEY_UNITS = ("万元", "元")


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """The comparable form of a label: no whitespace, full-width brackets, one quote style."""
    key = _WS.sub("", text).translate(_LABEL_MAP)
    key = _ORDINAL.sub(r"\1.", key)  # sub-item numbers: 1、 1， 1) → 1.
    # straight quotes come in pairs: alternate opening/closing
    if "“" in key and "”" not in key and key.count("“") % 2 == 0:
        out, opening = [], True
        for ch in key:
            if ch == "“":
                out.append("“" if opening else "”")
                opening = not opening
            else:
                out.append(ch)
        key = "".join(out)
    return key


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """A looser key for headings: also drops punctuation and 的 (DOMAIN §1.2)."""
    return re.sub(r"[、，。；：“”（）《》\.,;:()\-—的]", "", label_key(text))


@dataclass(frozen=True)
class ParsedNumber:
    """The result of reading one table cell. `value` is None for blanks and unreadable text."""

    raw: str
    value: int | Decimal | None
    blank: bool = False
    invalid: bool = False
    unit: str | None = None


@lru_cache(maxsize=65536)
def parse_count(raw: str, *, signed: bool = False) -> ParsedNumber:
    text = _WS.sub("", raw).translate(_NUMBER_MAP).replace(",", "").replace("，", "")
    if text in BLANK_VALUES:
        return ParsedNumber(raw, None, blank=True)
    for suffix in COUNT_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    if signed and text.startswith("+"):
        text = text[1:]
    if re.fullmatch(r"-?\d+" if signed else r"\d+", text):
        return ParsedNumber(raw, int(text))
    return ParsedNumber(raw, None, invalid=True)


@lru_cache(maxsize=65536)
def parse_money(raw: str) -> ParsedNumber:
    text = _WS.sub("", raw).translate(_NUMBER_MAP).replace(",", "").replace("，", "")
    if text in BLANK_VALUES:
        return ParsedNumber(raw, None, blank=True)
    unit = None
    for candidate in MONEY_UNITS:
        if text.endswith(candidate):
            unit, text = candidate, text[: -len(candidate)]
            break
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        return ParsedNumber(raw, None, invalid=True, unit=unit)
    try:
        return ParsedNumber(raw, Decimal(text), unit=unit)
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        return ParsedNumber(raw, None, invalid=True, unit=unit)


@lru_cache(maxsize=65536)
def looks_numeric(raw: str) -> bool:
    """True for a cell that holds a value or a blank placeholder, not a label."""
    text = _WS.sub("", raw).translate(_NUMBER_MAP).replace(",", "")
    if text in BLANK_VALUES and text not in ("无", "不适用"):
        return True
    return bool(re.fullmatch(r"[+-]?\d+(\.\d+)?(万元|元|件|个|项|条)?", text))
