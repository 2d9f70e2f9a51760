"""The stored report: `AnnualReport` ↔ the JSON document of `gongkai.report.writers.json`, read back
with `gongkai.report.source` (the two round-trip exactly), plus the caches kept beside it."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from gongkai.report.checks.cross_year import narrative
from gongkai.report.formats import FORMATS, ReportFormat, ValueKind
from gongkai.report.model import AnnualReport, Cell, SourceRef
from gongkai.report.source import read_report
from gongkai.report.writers.json import to_data

TABLES = ("two", "three", "four")
TABLE_TITLES = {"two": "表二", "three": "表三", "four": "表四"}


def to_document(report: AnnualReport) -> dict[str, Any]:
    data = to_data(report)
    data.pop("findings", None)
    data["path"] = None
    return data


def from_document(document: dict[str, Any]) -> AnnualReport:
    """The report model of a stored document (never raises: problems become reader findings).

    Reading a document (≈2 ms) validates it like any report source; an action and the portal's item
    page read the same document several times, so parsed reports are cached and handed out as copies."""
    data = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return copy.deepcopy(_parsed(data))


@lru_cache(maxsize=64)
def _parsed(data: str) -> AnnualReport:
    report = read_report(data.encode("utf-8"), path="report.json")
    report.path = None
    return report


def tables_of(report: AnnualReport) -> dict[str, dict[str, Any]]:
    """{table: {row.column: value}}: ints, money as decimal strings, blanks/invalid as None."""
    out: dict[str, dict[str, Any]] = {}
    for name in TABLES:
        cells = {}
        for key, cell in getattr(report, name).cells.items():
            value = cell.value
            cells[key] = value if value is None or isinstance(value, int) else str(value)
        out[name] = cells
    return out


def narrative_of(report: AnnualReport) -> str:
    return narrative(report)


@dataclass(frozen=True)
class CellSpec:
    table: str
    row: str
    column: str
    row_label: str
    column_label: str
    kind: ValueKind

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    @property
    def label(self) -> str:
        return f"{TABLE_TITLES[self.table]}“{self.row_label}”行“{self.column_label}”列"


def cell_specs(fmt: ReportFormat) -> dict[str, CellSpec]:
    """Every data cell of the format's three tables, keyed `table.row.column`, in format order."""
    out: dict[str, CellSpec] = {}
    for _block, row, col in fmt.two.cells():
        spec = CellSpec("two", row.code, col.code, row.label, col.label, col.kind)
        out[spec.key] = spec
    for row in fmt.three.data_rows():
        for col in fmt.three.columns:
            spec = CellSpec("three", row.code, col.code, row.label, col.label, col.kind)
            out[spec.key] = spec
    for group in fmt.four.groups:
        for col in fmt.four.columns:
            label = f"{group.parent_label}·{group.label}" if group.parent_label else group.label
            spec = CellSpec("four", group.code, col.code, label, col.label, col.kind)
            out[spec.key] = spec
    return out


def format_of(version: str) -> ReportFormat:
    return FORMATS.get(version) or FORMATS["2021"]


def parse_value(spec: CellSpec, raw: str) -> int | Decimal | None:
    """A number typed by a person for `spec`, or None when it is not a valid value for that cell."""
    text = (raw or "").strip().replace(",", "").replace("，", "")
    if spec.kind == ValueKind.MONEY:
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        if not value.is_finite() or value < 0 or -value.as_tuple().exponent > 4:
            return None
        return value
    if not text.lstrip("-").isdigit():
        return None
    value = int(text)
    if value < 0 and spec.kind != ValueKind.SIGNED:
        return None
    return value


def set_cell(report: AnnualReport, spec: CellSpec, value: int | Decimal, note: str) -> None:
    raw = f"{value:f}" if isinstance(value, Decimal) else str(value)
    getattr(report, spec.table).set(
        spec.row, spec.column, Cell(raw=raw, value=value, source=SourceRef(cell=note))
    )


def cell_value(report: AnnualReport, spec: CellSpec) -> int | Decimal | None:
    return getattr(report, spec.table).cell(spec.row, spec.column).value
