"""Read-only questions about a report's review. The stages are the agency's catalogue workflow
(`gongkai.catalogue.models.Workflow`: 初审、复审、终审 by default), so an agency configures 三审 once;
approvals are bound to the exact revision and round, as for catalogue items."""

from __future__ import annotations

from gongkai.agencies import permissions

from .models import AnnualReportRecord, ReportReview
from .vocab import SUBMITTABLE_STATUSES, ReportStatus, ReviewDecision


def workflow(agency):
    from gongkai.catalogue.models import Workflow

    return Workflow.for_agency(agency)


def current_approvals(record: AnnualReportRecord) -> list[ReportReview]:
    return list(
        ReportReview.objects.filter(
            report=record,
            revision=record.revision,
            round=record.review_round,
            decision=ReviewDecision.APPROVED,
        )
        .select_related("actor")
        .order_by("stage")
    )


def current_stage(record: AnnualReportRecord, flow=None) -> int | None:
    if record.status != ReportStatus.IN_REVIEW:
        return None
    flow = flow or workflow(record.agency)
    return min(len(current_approvals(record)) + 1, flow.count)


def stage_permission(flow, stage: int) -> str | None:
    return permissions.STAGE_PERMISSIONS.get(flow.stage_role(stage))


def can_review(user, record: AnnualReportRecord, flow=None) -> bool:
    flow = flow or workflow(record.agency)
    stage = current_stage(record, flow)
    if stage is None:
        return False
    perm = stage_permission(flow, stage)
    return bool(perm) and permissions.has(user, perm, record.agency)


def stages(record: AnnualReportRecord) -> list[dict]:
    """Each stage with its label and, for the current revision, who approved it."""
    flow = workflow(record.agency)
    approvals = {r.stage: r for r in current_approvals(record)}
    current = current_stage(record, flow)
    return [
        {"stage": n, "label": flow.stage_label(n), "approval": approvals.get(n), "current": n == current}
        for n in range(1, flow.count + 1)
    ]


def can_add_to_portal(user, record: AnnualReportRecord) -> bool:
    """A published report that is not in the catalogue (one imported from before the platform), and a
    user who may publish the agency's report."""
    return (
        record.status == ReportStatus.PUBLISHED
        and record.catalogue_item_id is None
        and permissions.has(user, "publish_annual_report", record.agency)
    )


def available_actions(user, record: AnnualReportRecord) -> set[str]:
    """What the page offers this user now (the actions re-check everything)."""
    agency = record.agency
    out: set[str] = set()
    if can_add_to_portal(user, record):
        out.add("add_to_portal")
    if record.imported:
        return out
    if permissions.has(user, "edit_annual_report", agency) and record.status != ReportStatus.PUBLISHED:
        out.add("edit")
    if permissions.has(user, "override_annual_figure", agency) and record.status != ReportStatus.PUBLISHED:
        out.add("override")
    if permissions.has(user, "submit_annual_report", agency) and record.status in SUBMITTABLE_STATUSES:
        out.add("submit")
    if can_review(user, record):
        out |= {"approve", "reject"}
    if record.status == ReportStatus.APPROVED and permissions.has(user, "publish_annual_report", agency):
        out.add("publish")
    return out
