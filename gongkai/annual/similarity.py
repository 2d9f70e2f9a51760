"""内容雷同: narratives that largely repeat the agency's previous report, or another agency's report of
the same year. The measure is the report library's own (`X.similarity`: 5-character shingles of the
narrative with digits masked, Jaccard score), applied across pairs of stored reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from gongkai.agencies.models import Agency
from gongkai.report.checks import CheckOptions
from gongkai.report.checks.cross_year import shared_passages, shingles

from .models import AnnualReportRecord
from .supervise import overseen

MAX_SAME_YEAR = 400  # pairwise comparison: n² / 2 pairs


def default_threshold() -> Decimal:
    return Decimal(CheckOptions().similarity_threshold)


def score(a: set[str], b: set[str]) -> Fraction:
    if not a or not b:
        return Fraction(0)
    return Fraction(len(a & b), len(a | b))


def _shown(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Pair:
    score: Decimal
    record: dict
    other: dict
    passages: list[str]


def flags(office: Agency, year: int, threshold: Decimal) -> dict[str, object]:
    agencies = overseen(office)
    current = list(
        AnnualReportRecord.objects.filter(agency__in=agencies, year=year)
        .exclude(narrative="")
        .values("pk", "agency_id", "agency__name", "agency__code", "year", "narrative")
    )
    previous = {
        r["agency_id"]: r
        for r in AnnualReportRecord.objects.filter(agency__in=agencies, year=year - 1)
        .exclude(narrative="")
        .values("pk", "agency_id", "agency__name", "agency__code", "year", "narrative")
    }
    limit = Fraction(threshold)
    sets = {r["pk"]: shingles(r["narrative"]) for r in current}
    cross = []
    for r in current:
        before = previous.get(r["agency_id"])
        if before is None:
            continue
        s = score(sets[r["pk"]], shingles(before["narrative"]))
        if s >= limit:
            passages = shared_passages(r["narrative"], shingles(before["narrative"]))[:2]
            cross.append(Pair(_shown(s), r, before, [p[:80] for p in passages]))
    same = []
    compared = current[:MAX_SAME_YEAR]
    for i, a in enumerate(compared):
        for b in compared[i + 1 :]:
            s = score(sets[a["pk"]], sets[b["pk"]])
            if s >= limit:
                passages = shared_passages(a["narrative"], sets[b["pk"]])[:2]
                same.append(Pair(_shown(s), a, b, [p[:80] for p in passages]))
    cross.sort(key=lambda p: -p.score)
    same.sort(key=lambda p: -p.score)
    return {"cross_year": cross, "same_year": same, "truncated": len(current) > MAX_SAME_YEAR,
            "compared": len(current)}  # fmt: skip
