"""Publication deadlines (art. 49, DOMAIN §10.1): the statutory date by agency kind, or the stricter date
the agency's supervising office set for the year. Calendar dates; they never move for weekends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import AgencyKind
from gongkai.report.checks import CheckOptions
from gongkai.report.checks.dates import ART_49, KIND_NAMES, statutory_deadline

from .models import Deadline


def report_kind(agency_kind: str) -> str:
    """The art. 49 kind: supervising offices and other bodies report like a department."""
    return agency_kind if agency_kind in (AgencyKind.GOVERNMENT, AgencyKind.TOWNSHIP) else "department"


def office_of(agency: Agency) -> Agency | None:
    """The supervising office of `agency`: its own, else the nearest ancestor's."""
    node = agency
    while node is not None:
        if node.supervisor_id:
            return node.supervisor
        node = node.parent
    return None


@dataclass(frozen=True)
class DueDate:
    date: date | None
    rule: str
    local: date | None = None  # the office's own date when one is set

    @property
    def known(self) -> bool:
        return self.date is not None


def default_dates(year: int) -> dict[str, date | None]:
    return {kind: statutory_deadline(year, kind) for kind in ("department", "government", "township")}


def configured(office: Agency | None, year: int) -> Deadline | None:
    if office is None:
        return None
    return Deadline.objects.filter(office=office, year=year).first()


def due_dates(office: Agency | None, year: int) -> dict[str, DueDate]:
    """Per art. 49 kind: the strictest deadline that applies and the rule it comes from."""
    config = configured(office, year)
    out = {}
    for kind, legal in default_dates(year).items():
        local = getattr(config, kind, None) if config else None
        candidates = []
        if legal is not None:
            candidates.append((legal, f"{ART_49}（{KIND_NAMES[kind]}）"))
        if local is not None:
            candidates.append((local, config.rule or f"{office.name}规定的发布期限"))
        if candidates:
            best = min(candidates, key=lambda c: c[0])
            out[kind] = DueDate(best[0], best[1], local)
        else:
            out[kind] = DueDate(None, "乡镇、街道的发布期限未配置")
    return out


def due_date(agency: Agency, year: int) -> DueDate:
    return due_dates(office_of(agency), year)[report_kind(agency.kind)]


def check_options(agency: Agency, year: int, today: date) -> CheckOptions:
    """The report library's options for this agency: today's date, its kind, its office's deadline."""
    kind = report_kind(agency.kind)
    office = office_of(agency)
    config = configured(office, year)
    local = getattr(config, kind, None) if config else None
    return CheckOptions(
        today=today,
        agency_kind=kind,
        deadlines={year: local} if local else {},
        deadline_rule=(config.rule or f"{office.name}规定的发布期限") if local else None,
    )
