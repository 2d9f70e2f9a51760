"""Tables 二/三/四 summed over the agencies an office oversees, the year-over-year totals and the
drill-down to each agency's number. The aggregate is the sum of the parts, cell by cell."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.report.formats import expected_format
from gongkai.report.model import AnnualReport, Cell, Table

from .document import TABLES
from .models import AnnualReportRecord
from .supervise import overseen
from .vocab import ReportStatus

# the totals a supervisor compares across years (label, cells added together)
MEASURES = (
    ("received", "本年新收申请（件）", ("three.received.total",)),
    ("concluded", "办结申请（件）", ("three.total.total",)),
    ("granted", "予以公开（件）", ("three.granted.total",)),
    ("reconsideration", "行政复议（件）", ("four.reconsideration.total",)),
    ("litigation", "行政诉讼（件）", ("four.direct_suit.total", "four.suit_after_reconsideration.total")),
    ("normative", "制发行政规范性文件（件）", ("two.normative_documents.issued",)),
)


def _number(value: Any) -> int | Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def sum_tables(parts: Iterable[dict[str, dict[str, Any]]]) -> dict[str, dict[str, int | Decimal]]:
    """Cell-by-cell sums of `{table: {row.column: value}}` documents; blank cells add nothing."""
    out: dict[str, dict[str, int | Decimal]] = {name: {} for name in TABLES}
    for tables in parts:
        for name in TABLES:
            target = out[name]
            for key, value in (tables.get(name) or {}).items():
                number = _number(value)
                if number is not None:
                    target[key] = target.get(key, 0) + number
    return out


def measure(tables: dict[str, dict[str, Any]], keys: tuple[str, ...]) -> int | Decimal:
    total: int | Decimal = 0
    for key in keys:
        name, cell = key.split(".", 1)
        total += _number((tables.get(name) or {}).get(cell)) or 0
    return total


def records(office: Agency, year: int, *, include_drafts: bool = False):
    qs = AnnualReportRecord.objects.filter(agency__in=overseen(office), year=year)
    if not include_drafts:
        qs = qs.filter(status=ReportStatus.PUBLISHED)
    return qs


@dataclass
class Aggregate:
    year: int
    count: int
    sums: dict[str, dict[str, int | Decimal]]
    version: str

    def report(self, title: str) -> AnnualReport:
        """An `AnnualReport` shell holding the sums, for `table_html`'s official layout."""
        out = AnnualReport(title=title, year=self.year, format_version=self.version)
        for name in TABLES:
            table = Table(name, found=True, version=self.version)
            for key, value in self.sums[name].items():
                row, column = key.split(".", 1)
                raw = f"{value:f}" if isinstance(value, Decimal) else str(value)
                table.set(row, column, Cell(raw=raw, value=value))
            setattr(out, name, table)
        return out


def aggregate(office: Agency, year: int, *, include_drafts: bool = False) -> Aggregate:
    parts = records(office, year, include_drafts=include_drafts).values_list("tables", flat=True)
    sums = sum_tables(parts.iterator(chunk_size=500))
    count = records(office, year, include_drafts=include_drafts).count()
    return Aggregate(year, count, sums, (expected_format(year) or expected_format(2021)).version)


def drill_down(office: Agency, year: int, cell: str, *, include_drafts: bool = False) -> list[dict]:
    """Each agency's value of one cell (`three.received.total`), largest first."""
    name, key = cell.split(".", 1)
    out = []
    for pk, agency, code, tables in (
        records(office, year, include_drafts=include_drafts)
        .values_list("pk", "agency__name", "agency__code", "tables")
        .iterator(chunk_size=500)
    ):
        out.append({"record": pk, "agency": agency, "code": code,
                    "value": _number((tables.get(name) or {}).get(key))})  # fmt: skip
    out.sort(key=lambda r: (-(r["value"] or 0), r["agency"]))
    return out


def year_over_year(
    office: Agency, year: int, span: int = 5, *, include_drafts: bool = False
) -> dict[str, Any]:
    """Totals per measure and year, and per agency this year against last year."""
    years = list(range(year - span + 1, year + 1))
    totals = {code: dict.fromkeys(years, 0) for code, _, _ in MEASURES}
    per_agency: dict[int, dict[str, Any]] = {}
    qs = AnnualReportRecord.objects.filter(agency__in=overseen(office), year__in=years)
    if not include_drafts:
        qs = qs.filter(status=ReportStatus.PUBLISHED)
    for agency_id, name, code, y, tables in qs.values_list(
        "agency_id", "agency__name", "agency__code", "year", "tables"
    ).iterator(chunk_size=500):
        for m_code, _, keys in MEASURES:
            value = measure(tables, keys)
            totals[m_code][y] += value
            if y in (year, year - 1):
                row = per_agency.setdefault(agency_id, {"agency": name, "code": code, "values": {}})
                row["values"].setdefault(m_code, {})[y] = value
    rows = sorted(per_agency.values(), key=lambda r: r["agency"])
    return {"years": years, "totals": totals, "agencies": rows}
