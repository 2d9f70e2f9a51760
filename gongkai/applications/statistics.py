"""Tables 三 and 四 of the annual report built from cases (DOMAIN §3.3, §4, §7.9).

Counting is done by the database (a handful of grouped counts), then laid out with the format's
own row and column codes, so the tables pass T3.balance / total_col / total_row by construction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.report.formats import FORMATS
from gongkai.report.model import Cell, SourceRef, Table

from .models import Appeal, Application
from .vocab import OTHER_OUTCOMES_2021, AppealResult, AppealRole


def with_subunits(agency: Agency) -> QuerySet[Agency]:
    return agency.subtree()


def _agency_ids(agencies: Agency | Iterable[Agency] | QuerySet) -> list[int]:
    if isinstance(agencies, Agency):
        return [agencies.pk]
    if isinstance(agencies, QuerySet):
        return list(agencies.values_list("pk", flat=True))
    return [a.pk for a in agencies]


def _cell(value: int, table: str, key: str) -> Cell:
    return Cell(raw=str(value), value=value, source=SourceRef(cell=f"表{table} {key}（由案件生成）"))


def three_counts(agencies, year: int) -> dict[str, Counter]:
    """Per row code: a Counter of applicant type → cases (2021 outcome codes)."""
    cases = Application.objects.filter(agency_id__in=_agency_ids(agencies), received_on__isnull=False)
    start, end = date(year, 1, 1), date(year, 12, 31)
    prev_end = date(year - 1, 12, 31)
    counts: dict[str, Counter] = {"received": Counter(), "carried_in": Counter(), "carried_out": Counter()}
    open_at = {
        # received on or before the day and not concluded on that day
        "carried_in": Q(received_on__lte=prev_end)
        & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=prev_end)),
        "carried_out": Q(received_on__lte=end) & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)),
        "received": Q(received_on__gte=start, received_on__lte=end),
    }
    for row, query in open_at.items():
        for t, n in cases.filter(query).values_list("applicant_type").annotate(n=Count("pk")).order_by():
            counts[row][t] += n
    results = (
        cases.filter(concluded_on__gte=start, concluded_on__lte=end)
        .values_list("outcome", "applicant_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for outcome, t, n in results:
        counts.setdefault(outcome, Counter())[t] += n
    return counts


def table_three(agencies, year: int, version: str | None = None) -> Table:
    """Table 三 for `agencies` (one, a list, or `with_subunits(agency)`) and `year`."""
    fmt = FORMATS[version] if version else _format_for(year)
    return layout_three(three_counts(agencies, year), fmt.version)


def _format_for(year: int):
    from gongkai.report.formats import LATEST, expected_format

    return expected_format(year) or LATEST


def layout_three(counts: dict[str, Counter], version: str) -> Table:
    fmt = FORMATS[version]
    t3 = fmt.three
    if version == "2019":  # DOMAIN §7.9: the three other_* outcomes are the one 2019 row `other`
        merged = Counter()
        for code in OTHER_OUTCOMES_2021:
            merged.update(counts.get(code, Counter()))
        counts = {k: v for k, v in counts.items() if k not in OTHER_OUTCOMES_2021} | {"other": merged}
    table = Table("three", found=True, version=version, source=SourceRef(cell="表三（由案件生成）"))
    parts = t3.column("total").total_of
    results = t3.row("total").total_of
    total_row: Counter = Counter()
    for code in results:
        total_row.update(counts.get(code, Counter()))
    values = {row.code: counts.get(row.code, Counter()) for row in t3.data_rows()}
    values["total"] = total_row
    for row in t3.data_rows():
        row_counts = values[row.code]
        for col in parts:
            table.set(row.code, col, _cell(row_counts.get(col, 0), "三", f"{row.code}.{col}"))
        table.set(
            row.code, "total", _cell(sum(row_counts.get(c, 0) for c in parts), "三", f"{row.code}.total")
        )
    return table


def four_counts(agencies, year: int) -> dict[str, Counter]:
    """Per group: Counter of column → records, by the co-defendant rule and the year-end result."""
    end = date(year, 12, 31)
    appeals = Appeal.objects.filter(
        agency_id__in=_agency_ids(agencies),
        role=AppealRole.ORIGINAL_AGENCY,
        filed_on__gte=date(year, 1, 1),
        filed_on__lte=end,
    )
    counts: dict[str, Counter] = {}
    for kind, result, decided_on in appeals.values_list("kind", "result", "decided_on"):
        known = result if decided_on is not None and decided_on <= end else AppealResult.PENDING
        counts.setdefault(kind, Counter())[str(known)] += 1
    return counts


def table_four(agencies, year: int, version: str | None = None) -> Table:
    fmt = FORMATS[version] if version else _format_for(year)
    return layout_four(four_counts(agencies, year), fmt.version)


def layout_four(counts: dict[str, Counter], version: str) -> Table:
    fmt = FORMATS[version]
    table = Table("four", found=True, version=version, source=SourceRef(cell="表四（由案件生成）"))
    total = next(col for col in fmt.four.columns if col.total_of)
    for group in fmt.four.groups:
        values = counts.get(group.code, Counter())
        for code in total.total_of:
            table.set(group.code, code, _cell(values.get(code, 0), "四", f"{group.code}.{code}"))
        table.set(
            group.code,
            total.code,
            _cell(sum(values.get(c, 0) for c in total.total_of), "四", f"{group.code}.total"),
        )
    return table


def fee_summary(agencies, year: int) -> dict[str, int]:
    """Section 六: fee notices sent in the year, their total, and the amount actually paid."""
    from django.db.models import Sum

    from .models import FeeNotice

    notices = FeeNotice.objects.filter(
        case__agency_id__in=_agency_ids(agencies),
        sent_on__gte=date(year, 1, 1),
        sent_on__lte=date(year, 12, 31),
    )
    agg = notices.aggregate(n=Count("pk"), total=Sum("amount"))
    paid = notices.filter(paid_on__isnull=False).aggregate(total=Sum("amount"))["total"] or 0
    return {"notices": agg["n"] or 0, "amount": agg["total"] or 0, "paid": paid}
