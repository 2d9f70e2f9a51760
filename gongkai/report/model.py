"""The report model, and the neutral document that every reader produces.

Readers turn bytes into a `Document` (text blocks and tables of cell texts, each with its
source position). `gongkai.report.assemble` turns a `Document` into an `AnnualReport` using
the format definitions, so that label matching lives in one place for every input type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .findings import Finding
from .formats import FORMATS, LATEST, ReportFormat


@dataclass(frozen=True, init=False)
class SourceRef:
    """Where a piece of text came from: page (PDF), line (TXT), table cell (HTML/DOCX/XLSX)."""

    page: int | None = None
    line: int | None = None
    cell: str | None = None  # e.g. "表格2 第5行第3列" or an XLSX address "三!D7"

    def __init__(self, page: int | None = None, line: int | None = None, cell: str | None = None) -> None:
        # the generated frozen `__init__` sets each field through `object.__setattr__`; readers
        # make one of these per line or cell, so the fields are written to the instance directly
        fields = self.__dict__
        fields["page"] = page
        fields["line"] = line
        fields["cell"] = cell

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.cell:
            parts.append(self.cell)
        return " ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            k: v for k, v in (("page", self.page), ("line", self.line), ("cell", self.cell)) if v is not None
        }


# ---------------------------------------------------------------- the neutral document


@dataclass
class CellText:
    text: str
    source: SourceRef = field(default_factory=SourceRef)


@dataclass
class TextBlock:
    """One paragraph or line of running text."""

    text: str
    source: SourceRef = field(default_factory=SourceRef)


@dataclass
class TableBlock:
    """A table as rows of cell texts. A merged cell appears once, in the first row and column
    it covers; the positions it also covers hold empty cells (the layout of DOMAIN §0.5)."""

    rows: list[list[CellText]]
    source: SourceRef = field(default_factory=SourceRef)


@dataclass
class Document:
    blocks: list[TextBlock | TableBlock] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    path: str | None = None
    kind: str | None = None  # txt / html / docx / pdf / xlsx / yaml / json
    published_date: date | None = None  # when the source itself states it (HTML meta, XLSX field)
    meta: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- the report


@dataclass
class Cell:
    """One table cell as read. `raw` None means the cell was not found in the source at all."""

    raw: str | None = None
    value: int | Decimal | None = None
    blank: bool = False
    invalid: bool = False
    unit: str | None = None
    source: SourceRef | None = None

    @property
    def present(self) -> bool:
        return self.raw is not None

    @property
    def number(self) -> int | Decimal | None:
        """The value for arithmetic: a blank counts as 0 (DOMAIN §6.6); missing/invalid is None."""
        if self.value is not None:
            return self.value
        if self.blank:
            return 0
        return None

    def to_json(self) -> Any:
        if self.value is None:
            return None
        return self.value if isinstance(self.value, int) else str(self.value)


@dataclass
class Table:
    """Table 二, 三 or 四 as cells keyed `row.column` (table 四: `group.column`)."""

    name: str  # "two" / "three" / "four"
    cells: dict[str, Cell] = field(default_factory=dict)
    found: bool = False  # any of its cells were located in the source
    version: str | None = None  # the format version this table was read with, when its own labels decide
    extras: list[dict[str, Any]] = field(default_factory=list)  # cells the format does not have
    source: SourceRef | None = None

    def cell(self, row: str, column: str) -> Cell:
        return self.cells.get(f"{row}.{column}") or Cell()

    def number(self, row: str, column: str) -> int | Decimal | None:
        return self.cell(row, column).number

    def set(self, row: str, column: str, cell: Cell) -> None:
        self.cells[f"{row}.{column}"] = cell

    def to_json(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for key, cell in self.cells.items():
            row, column = key.split(".", 1)
            out.setdefault(row, {})[column] = cell.to_json()
        return out


@dataclass
class ReportSection:
    code: str
    number: str  # the canonical numeral 一…六
    heading: str | None  # the heading as printed; None when the section was not found
    text: str = ""  # the narrative, without tables
    source: SourceRef | None = None
    start: int | None = None  # offset of the section's text in `AnnualReport.text`
    heading_status: str = "missing"  # exact / variant / unnumbered / misnumbered / missing
    order: int | None = None  # position among the headings found
    has_table: bool = False

    @property
    def found(self) -> bool:
        return self.heading is not None

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "code": self.code, "heading": self.heading, "chars": len(self.text)}


@dataclass
class AnnualReport:
    path: str | None = None
    source_kind: str | None = None
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    agency_kind: str | None = None  # department / government / township
    format_version: str = "unknown"  # detected: 2019 / 2021 / mixed / unknown
    version_signals: dict[str, list[str]] = field(default_factory=dict)
    sections: dict[str, ReportSection] = field(default_factory=dict)  # in format order
    preamble: str = ""  # text before section 一 (title, period statement)
    text: str = ""  # all narrative text, in order
    two: Table = field(default_factory=lambda: Table("two"))
    three: Table = field(default_factory=lambda: Table("three"))
    four: Table = field(default_factory=lambda: Table("four"))
    published_date: date | None = None
    signed_date: date | None = None
    reader_findings: list[Finding] = field(default_factory=list)
    readable: bool = True  # False when nothing could be read at all

    @property
    def format(self) -> ReportFormat:
        """The definition used to interpret the tables: detected, else expected for the year."""
        if self.format_version in FORMATS:
            return FORMATS[self.format_version]
        from .formats import expected_format

        return expected_format(self.year) or LATEST

    def table_format(self, name: str) -> ReportFormat:
        """The definition for one table: a mixed report's tables are each read with the version
        their own labels show (DOMAIN §5.3), else the report's format."""
        version = getattr(self, name).version
        return FORMATS.get(version or "") or self.format

    def section(self, code: str) -> ReportSection:
        return self.sections[code]

    def tables_json(self) -> dict[str, Any]:
        return {"two": self.two.to_json(), "three": self.three.to_json(), "four": self.four.to_json()}
