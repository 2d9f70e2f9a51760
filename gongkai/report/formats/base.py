"""Building blocks for declaring a national report format as data.

A format version is one `ReportFormat` value (see v2019.py, v2021.py). Readers, checks,
writers and templates iterate over it; no label string lives anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache


class ValueKind(StrEnum):
    COUNT = "count"  # integer >= 0
    SIGNED = "signed"  # signed integer (2019 本年增/减)
    MONEY = "money"  # Decimal >= 0, up to 4 places


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    kind: ValueKind = ValueKind.COUNT
    total_of: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    unit: str | None = None  # unit fixed by the header (e.g. 万元)


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    total_of: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parent:
    """A label-only row (merged label cell with no numbers) grouping its children."""

    label: str
    children: tuple[Row | Parent, ...]
    code: str | None = None  # prefix of the children's codes, e.g. "withheld"
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One block of table 二: caption row (art. 20 item), header row, data rows."""

    caption: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    header: str = "信息内容"


@dataclass(frozen=True)
class TableTwo:
    title: str
    blocks: tuple[Block, ...]

    def cells(self) -> Iterator[tuple[Block, Row, Column]]:
        for block in self.blocks:
            for row in block.rows:
                for col in block.columns:
                    yield block, row, col


@dataclass(frozen=True)
class TableThree:
    title: str
    corner: str
    header: str  # 申请人情况
    legal_person_group: str  # 法人或其他组织
    columns: tuple[Column, ...]
    rows: tuple[Row | Parent, ...]

    @cache  # noqa: B019 - formats are module-level constants; the cache lives as long as they do
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(_flatten(self.rows))

    @cache  # noqa: B019
    def parents(self) -> tuple[Parent, ...]:
        return tuple(_parents(self.rows))

    @cache  # noqa: B019
    def _rows_by_code(self) -> dict[str, Row]:
        return {row.code: row for row in self.data_rows()}

    def row(self, code: str) -> Row:
        return self._rows_by_code()[code]

    def column(self, code: str) -> Column:
        for col in self.columns:
            if col.code == code:
                return col
        raise KeyError(code)


@dataclass(frozen=True)
class Group:
    """A group of table 四: 行政复议, or one of the two 行政诉讼 sub-groups."""

    code: str
    label: str
    parent_label: str | None = None  # 行政诉讼 for the two suit groups


@dataclass(frozen=True)
class TableFour:
    title: str
    groups: tuple[Group, ...]
    columns: tuple[Column, ...]

    def cells(self) -> Iterator[tuple[Group, Column]]:
        for group in self.groups:
            for col in self.columns:
                yield group, col


@dataclass(frozen=True)
class Section:
    number: str  # 一 … 六
    code: str
    title: str  # heading without the numeral, e.g. 总体情况
    variants: tuple[str, ...] = ()  # accepted practice variants (without numeral)
    table: str | None = None  # "two" / "three" / "four"

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class Subheading:
    number: str  # （一）
    topic: str  # 主动公开
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportFormat:
    version: str
    name: str
    issued_by: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    two: TableTwo
    three: TableThree
    four: TableFour
    overview_topics: tuple[Subheading, ...] = field(default=())
    fee_placeholder: str | None = None

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def section(self, code: str) -> Section:
        for section in self.sections:
            if section.code == code:
                return section
        raise KeyError(code)

    def table_two_labels(self) -> set[str]:
        labels = set()
        for block in self.two.blocks:
            labels.add(block.caption)
            labels.update(r.label for r in block.rows)
            labels.update(c.label for c in block.columns)
        return labels

    def table_three_row_labels(self) -> set[str]:
        return {r.label for r in self.three.data_rows()}


def _flatten(items) -> Iterator[Row]:
    for item in items:
        if isinstance(item, Parent):
            yield from _flatten(item.children)
        else:
            yield item


def _parents(items) -> Iterator[Parent]:
    for item in items:
        if isinstance(item, Parent):
            yield item
            yield from _parents(item.children)
