"""The six section headings: is a line one of them, and how exactly is it written?

The status (exact / variant / unnumbered / misnumbered / separator) feeds the heading checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..formats import FORMAT_2021
from ..formats.base import Section
from ..normalize import label_key, loose_key

SECTIONS = FORMAT_2021.sections  # identical in every version


_HEADING = re.compile(
    r"^(?:(?P<num>[一二三四五六七八九十]{1,2})\s*(?P<sep>[、.．，,:：\s]?)|[（(](?P<pnum>[一二三四五六])[）)]|(?P<digit>[1-6])\s*[、.．])?\s*(?P<rest>.+?)[。：:；]?$"
)


@dataclass
class HeadingMatch:
    section: Section
    status: str  # exact / variant / unnumbered / misnumbered / separator


def _title_keys(section: Section) -> list[tuple[str, bool]]:
    keys = [(loose_key(section.title), False)]
    keys += [(loose_key(v), True) for v in section.variants]
    return keys


_SECTION_KEYS = [(s, key, variant) for s in SECTIONS for key, variant in _title_keys(s)]


def match_heading(text: str) -> HeadingMatch | None:
    """Is this line one of the six section headings, and how exactly is it written?"""
    if len(text) > 60:
        return None
    return _match_heading(text)


@lru_cache(maxsize=16384)
def _match_heading(text: str) -> HeadingMatch | None:  # the matches are only read, never changed
    m = _HEADING.match(text.strip())
    if not m:
        return None
    rest_key = loose_key(m.group("rest"))
    if not rest_key:
        return None
    for section, key, variant in _SECTION_KEYS:
        if rest_key != key:
            continue
        numeral = m.group("num")
        if m.group("pnum") or m.group("digit"):
            status = "separator"
        elif numeral is None:
            status = "unnumbered"
        elif numeral != section.number:
            status = "misnumbered"
        elif m.group("sep") != "、":
            status = "separator"
        elif variant:
            status = "variant"
        else:
            status = "exact" if label_key(text.strip()) == label_key(section.heading) else "separator"
        return HeadingMatch(section, status)
    return None
