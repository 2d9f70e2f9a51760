"""The supervising office's table of its agencies for a year, computed by the database: report status
(not started / drafting / in review / published / late), deadline, publication date, finding counts.

Status and deadline are SQL expressions, so sorting, filtering and paging stay server-side however
many agencies an office oversees (bench: 5,000).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import AgencyKind

from .deadlines import DueDate, due_dates
from .vocab import DisplayStatus, ReportStatus

SORTS = {
    "name": ("path",),
    "status": ("status_rank", "path"),
    "deadline": ("deadline", "path"),
    "published": ("r_published", "path"),
    "errors": ("r_errors", "path"),
    "warnings": ("r_warnings", "path"),
}
STATUS_RANK = {
    DisplayStatus.LATE: 0,
    DisplayStatus.NOT_STARTED: 1,
    DisplayStatus.DRAFTING: 2,
    DisplayStatus.IN_REVIEW: 3,
    DisplayStatus.PUBLISHED: 4,
}


def overseen(office: Agency) -> QuerySet[Agency]:
    """The agencies `office` oversees."""
    return office.supervised_agencies()


def offices_for(user) -> QuerySet[Agency]:
    """Supervising offices the user may act for: agencies others name as supervisor."""
    offices = Agency.objects.filter(supervised__isnull=False).distinct().order_by("path")
    if permissions.is_administrator(user):
        return offices
    return offices.filter(memberships__user=user, memberships__role__in=permissions.PERMISSIONS["supervise"])


@dataclass
class Query:
    sort: str = "status"
    status: str = ""
    kind: str = ""
    q: str = ""

    @classmethod
    def from_params(cls, params) -> Query:
        sort = params.get("sort", "status")
        if sort.lstrip("-") not in SORTS:
            sort = "status"
        status = params.get("status", "")
        kind = params.get("kind", "")
        return cls(
            sort=sort,
            status=status if status in DisplayStatus.values else "",
            kind=kind if kind in AgencyKind.values else "",
            q=(params.get("q") or "").strip()[:50],
        )

    def params(self, **changes) -> str:
        from urllib.parse import urlencode

        values = {"sort": self.sort, "status": self.status, "kind": self.kind, "q": self.q} | changes
        return urlencode({k: v for k, v in values.items() if v})


def _date(value: date | None):
    return Value(value, output_field=DateField())


def annotated(office: Agency, year: int, today: date, dues: dict[str, DueDate] | None = None) -> QuerySet:
    """Every overseen agency with its report of `year` (if any), its deadline and display status."""
    dues = dues or due_dates(office, year)
    deadline = Case(
        When(kind=AgencyKind.GOVERNMENT, then=_date(dues["government"].date)),
        When(kind=AgencyKind.TOWNSHIP, then=_date(dues["township"].date)),
        default=_date(dues["department"].date),
        output_field=DateField(),
    )
    status = Case(
        When(Q(r_published__isnull=False) & Q(deadline__isnull=False) & Q(r_published__gt=F("deadline")),
             then=Value(DisplayStatus.LATE.value)),
        When(Q(r_published__isnull=False) | Q(r_status=ReportStatus.PUBLISHED),
             then=Value(DisplayStatus.PUBLISHED.value)),
        When(deadline__lt=_date(today), then=Value(DisplayStatus.LATE.value)),
        When(r_status__in=(ReportStatus.IN_REVIEW, ReportStatus.APPROVED), then=Value(DisplayStatus.IN_REVIEW.value)),
        When(r_id__isnull=False, then=Value(DisplayStatus.DRAFTING.value)),
        default=Value(DisplayStatus.NOT_STARTED.value),
        output_field=CharField(),
    )  # fmt: skip
    rank = Case(
        *(When(display=value, then=Value(n)) for value, n in STATUS_RANK.items()),
        output_field=IntegerField(),
    )
    return (
        overseen(office)
        .annotate(rep=FilteredRelation("annual_reports", condition=Q(annual_reports__year=year)))
        .annotate(
            r_id=F("rep__id"),
            r_status=F("rep__status"),
            r_published=F("rep__published_date"),
            r_submitted=F("rep__submitted_date"),
            r_errors=F("rep__error_count"),
            r_warnings=F("rep__warning_count"),
            r_imported=F("rep__imported_from"),
        )
        .annotate(deadline=deadline)
        .annotate(display=status)
        .annotate(status_rank=rank)
    )


def rows(office: Agency, year: int, today: date, query: Query, dues=None) -> QuerySet:
    qs = annotated(office, year, today, dues)
    if query.status:
        qs = qs.filter(display=query.status)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    if query.q:
        qs = qs.filter(name__icontains=query.q)
    fields = SORTS[query.sort.lstrip("-")]
    if query.sort.startswith("-"):
        return qs.order_by(*(F(f).desc(nulls_last=True) for f in fields))
    return qs.order_by(*(F(f).asc(nulls_last=True) for f in fields))


def counts(office: Agency, year: int, today: date, dues=None) -> dict[str, int]:
    found = dict(
        annotated(office, year, today, dues).order_by().values_list("display").annotate(n=Count("id"))
    )
    out = {value: found.get(value, 0) for value in DisplayStatus.values}
    out["total"] = sum(found.values())
    return out


def status_label(value: str) -> str:
    return DisplayStatus(value).label
