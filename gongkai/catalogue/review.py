"""Read-only questions about an item's review: which stage is next, what was approved, what blocks it."""

from __future__ import annotations

from gongkai.agencies import permissions

from .models import CheckRun, Item, Review, Workflow
from .vocab import DisclosureAttribute, ItemStatus, ReviewDecision


def current_approvals(item: Item) -> list[Review]:
    """Approvals that still count: same revision and same review round as the item now."""
    return list(
        Review.objects.filter(
            item=item, revision=item.revision, round=item.review_round, decision=ReviewDecision.APPROVED
        ).select_related("actor")
    )


def current_stage(item: Item, workflow: Workflow | None = None) -> int | None:
    """The stage waiting for a decision (1-based), or None when the item is not in review."""
    if item.status != ItemStatus.IN_REVIEW:
        return None
    workflow = workflow or Workflow.for_agency(item.agency)
    stage = len(current_approvals(item)) + 1
    return min(stage, workflow.count)


def all_approved(item: Item, workflow: Workflow | None = None) -> bool:
    workflow = workflow or Workflow.for_agency(item.agency)
    return len(current_approvals(item)) >= workflow.count


def latest_check(item: Item) -> CheckRun | None:
    """The content check of the current revision, if it was submitted."""
    return CheckRun.objects.filter(item=item, revision=item.revision).order_by("-pk").first()


def is_blocked(item: Item) -> bool:
    run = latest_check(item)
    return run is not None and run.unresolved


def can_review(user, item: Item, workflow: Workflow | None = None) -> bool:
    workflow = workflow or Workflow.for_agency(item.agency)
    stage = current_stage(item, workflow)
    if stage is None:
        return False
    perm = permissions.STAGE_PERMISSIONS.get(workflow.stage_role(stage))
    return bool(perm) and permissions.has(user, perm, item.agency)


def available_actions(user, item: Item) -> set[str]:
    """What the buttons on the item page offer this user now (the actions re-check everything)."""
    agency = item.agency
    workflow = Workflow.for_agency(agency)
    out: set[str] = set()
    status = item.status
    if permissions.has(user, "edit_item", agency) and status != ItemStatus.PUBLISHED:
        out.add("edit")
    if permissions.has(user, "submit_item", agency) and status in (ItemStatus.DRAFT, ItemStatus.REJECTED):
        out.add("submit")
    if can_review(user, item, workflow):
        out |= {"approve", "reject"}
    if permissions.has(user, "comment_item", agency):
        out.add("comment")
    run = latest_check(item)
    if run and run.unresolved and permissions.has(user, "override_blocking", agency):
        out.add("override")
    if (
        run
        and run.blocking
        and status in (ItemStatus.IN_REVIEW, ItemStatus.APPROVED)
        and permissions.has(user, "redact_item", agency)
    ):
        out.add("redact")
    proactive = item.disclosure_attribute == DisclosureAttribute.PROACTIVE
    publishable = status == ItemStatus.APPROVED and not (run and run.unresolved)
    if proactive and publishable and permissions.has(user, "publish_item", agency):
        out |= {"publish", "schedule"}
    if permissions.has(user, "withdraw_item", agency) and status in (
        ItemStatus.PUBLISHED,
        ItemStatus.SCHEDULED,
    ):
        out.add("withdraw")
    if permissions.has(user, "change_validity", agency):
        out.add("validity")
    return out
