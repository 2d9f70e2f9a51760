"""The national report formats, one definition per version. Add a version by adding a module here."""

from __future__ import annotations

from .base import (
    Block,
    Column,
    Group,
    Parent,
    ReportFormat,
    Row,
    Section,
    TableFour,
    TableThree,
    TableTwo,
    ValueKind,
)
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021

FORMATS: dict[str, ReportFormat] = {f.version: f for f in (FORMAT_2019, FORMAT_2021)}
LATEST = FORMAT_2021


def expected_format(year: int | None) -> ReportFormat | None:
    """The format a report of `year` must follow (DOMAIN §5.2); None before 2019 (no national format)."""
    if year is None:
        return None
    for fmt in FORMATS.values():
        if fmt.applies_to(year):
            return fmt
    return None


def get_format(version: str) -> ReportFormat:
    return FORMATS[version]


__all__ = [
    "FORMATS",
    "FORMAT_2019",
    "FORMAT_2021",
    "LATEST",
    "Block",
    "Column",
    "Group",
    "Parent",
    "ReportFormat",
    "Row",
    "Section",
    "TableFour",
    "TableThree",
    "TableTwo",
    "ValueKind",
    "expected_format",
    "get_format",
]
