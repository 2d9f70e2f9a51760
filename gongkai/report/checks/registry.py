"""The check registry: one function per check id, registered with `@check("T3.balance")`.

A check receives a `Context` and yields `Finding`s, or yields/returns `skip(reason)` when it cannot
run. The runner in `__init__.py` turns what it yields into pass / findings / not_run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..findings import CHECKS, Finding, NotRun
from ..formats import ReportFormat, expected_format
from ..formats.base import Parent, Row, TableThree
from ..model import AnnualReport, Cell

CheckResult = Iterable[Finding | NotRun] | NotRun | None
CheckFunc = Callable[["Context"], CheckResult]

# DOMAIN §6.7: on only when a supervisor enables them
OPTIONAL_CHECKS = frozenset({"X.other_items", "X.summary_length"})
# Sub-items practice expects in section 六 (DOMAIN §1.2); a supervisor replaces the list.
DEFAULT_OTHER_ITEMS = (
    "落实上级年度政务公开工作要点情况",
    "人大代表建议和政协提案办理结果公开情况",
    "年度政务公开工作创新情况",
)


@dataclass(frozen=True)
class CheckDef:
    id: str
    func: CheckFunc
    optional: bool


REGISTRY: dict[str, CheckDef] = {}


def check(check_id: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register `func` as the implementation of `check_id` (which must be in `findings.CHECKS`)."""
    if check_id not in CHECKS:
        raise KeyError(f"unregistered check id {check_id}")

    def register(func: CheckFunc) -> CheckFunc:
        if check_id in REGISTRY:
            raise ValueError(f"check {check_id} registered twice")
        REGISTRY[check_id] = CheckDef(check_id, func, check_id in OPTIONAL_CHECKS)
        return func

    return register


def skip(reason: str) -> NotRun:
    """A `NotRun` whose check id the runner fills in."""
    return NotRun("", reason)


@dataclass
class CheckOptions:
    """Settings a supervisor or caller controls. Dates are injected: no check reads the clock."""

    enabled: frozenset[str] = frozenset()  # optional checks switched on (DOMAIN §6.7)
    disabled: frozenset[str] = frozenset()  # checks switched off
    summary_length: int = 1000  # X.summary_length: characters of section 一, whitespace excluded
    similarity_threshold: Decimal = Decimal("0.8")  # X.similarity: 5-gram Jaccard score
    deadlines: dict[int, date] = field(default_factory=dict)  # report year → local publication deadline
    deadline_rule: str | None = None  # name of the local rule, e.g. "市政务公开办通知"
    agency_kind: str | None = None  # department / government / township; else from the report
    today: date | None = None  # X.late: a report with no published_date is unpublished as of today
    other_items: tuple[str, ...] = DEFAULT_OTHER_ITEMS  # X.other_items


@dataclass
class Context:
    report: AnnualReport
    prior: AnnualReport | None
    options: CheckOptions

    @property
    def fmt(self) -> ReportFormat:
        return self.report.format

    @property
    def expected(self) -> ReportFormat | None:
        return expected_format(self.report.year)

    @property
    def agency_kind(self) -> str | None:
        return self.options.agency_kind or self.report.agency_kind or guess_agency_kind(self.report.agency)


def guess_agency_kind(agency: str | None) -> str | None:
    """From the name: 人民政府 is a government (乡/镇 ones are townships), 街道 a township, else a
    department — the art. 49 default for bodies that report like a department (DOMAIN §10.1)."""
    if not agency:
        return None
    if agency.endswith("人民政府"):
        stem = agency[: -len("人民政府")]
        return "township" if stem.endswith(("镇", "乡")) else "government"
    if "街道" in agency:
        return "township"
    return "department"


# ---------------------------------------------------------------- helpers for table checks

TABLE_NAMES = {"two": "二", "three": "三", "four": "四"}

_THREE: dict[int, tuple] = {}


def three_rows(t3: TableThree) -> tuple[tuple[Row, ...], tuple[Parent, ...], dict[str, Row]]:
    """`data_rows()`, `parents()` and the rows by code of a table 三 definition. Those methods are
    cached by hashing the whole frozen definition on every call; this looks it up by identity
    (the entry keeps the definition alive, so its id is not reused)."""
    entry = _THREE.get(id(t3))
    if entry is None or entry[0] is not t3:
        rows = t3.data_rows()
        entry = _THREE[id(t3)] = (t3, rows, t3.parents(), {row.code: row for row in rows})
    return entry[1], entry[2], entry[3]


def usable(cell: Cell, *, signed: bool = False) -> int | Decimal | None:
    """The value of a cell for arithmetic: blank → 0; missing, invalid or out of range → None, so
    that an equation using it is not evaluated (the cell has its own T*.int/T*.shape finding)."""
    if cell.raw is None or cell.invalid:  # not present, or not a number
        return None
    value = cell.value
    if value is None:
        return 0 if cell.blank else None  # `Cell.number`: a blank counts as 0
    if value.__class__ is int:  # the usual cell
        return value if signed or value >= 0 else None
    if isinstance(value, Decimal):
        return value if value >= 0 else None
    if not signed and value < 0:
        return None
    return value


def usable_all(cells: dict[str, Cell], keys: list[str]) -> list[int | Decimal] | None:
    """`usable` of the cells at `keys` (a `Table.cells`), or None when any is not usable."""
    out = []
    for key in keys:
        cell = cells.get(key)
        if cell is None:
            return None
        value = cell.value
        if value.__class__ is not int or value < 0 or cell.raw is None or cell.invalid:
            value = usable(cell)  # not the usual cell
            if value is None:
                return None
        out.append(value)
    return out


def cell_location(
    table: str, row: str, row_label: str, column: str, column_label: str, cell: Cell
) -> dict[str, Any]:
    return {
        "table": TABLE_NAMES[table],
        "row": row,
        "row_label": row_label,
        "column": column,
        "column_label": column_label,
        "source": cell.source.describe() if cell.source else "",
    }


def text_location(
    report: AnnualReport, section: str | None, quote: str, start: int, end: int
) -> dict[str, Any]:
    """Offsets are in `report.text` when the section's offset is known, else within the section."""
    sec = report.sections.get(section) if section else None
    base = sec.start if sec is not None and sec.start is not None else 0
    if section == "preamble":
        base = _preamble_offset(report)
    return {
        "section": section,
        "heading": sec.heading if sec is not None else None,
        "quote": quote,
        "start": base + start,
        "end": base + end,
    }


def _preamble_offset(report: AnnualReport) -> int:
    if report.preamble and report.text:
        found = report.text.find(report.preamble)
        return max(found, 0)
    return 0


CN_DIGITS = "零一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1..99 as Chinese numerals, for messages like “六列”."""
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
