"""Every change to the catalogue: check permission, validate, write, append an event, notify — in one
transaction. Views, commands, the API and the demo call these; nothing else saves catalogue objects.
"""

from __future__ import annotations

import string
from datetime import date, datetime
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.textcheck import Checker, redact_docx

from . import content, files, hooks, notify
from .errors import ActionError, ErrorCode
from .events import record, snapshot
from .models import (
    Attachment,
    Catalogue,
    CheckRun,
    Column,
    IndexNumberSequence,
    Item,
    Review,
    Workflow,
)
from .models.catalogue import STAGE_ROLES
from .models.items import attachment_root
from .review import all_approved, current_approvals, current_stage, latest_check
from .vocab import (
    EDITABLE_STATUSES,
    AttachmentKind,
    ColumnCategory,
    DisclosureAttribute,
    EventType,
    ItemStatus,
    ReviewDecision,
    TableTwoRow,
    Validity,
    WithholdingReason,
)

CONTENT_FIELDS = (
    "column",
    "title",
    "document_number",
    "keywords",
    "written_date",
    "formed_date",
    "disclosure_attribute",
    "withholding_reason",
    "body",
)
EDITABLE_FIELDS = (*CONTENT_FIELDS, "scheduled_at")


# --- helpers --------------------------------------------------------------------------------------------


def _lock(item: Item, version: int | None) -> Item:
    """The item's row, locked for this transaction; a stale `version` means someone changed it meanwhile."""
    locked = Item.objects.select_for_update().select_related("agency", "column").get(pk=item.pk)
    if version is not None and int(version) != locked.version:
        raise ActionError(ErrorCode.STALE_VERSION, current=locked.version, given=version)
    return locked


def _lock_for(item: Item, version: int | None, actor, permission: str, statuses, *, error=None) -> Item:
    """The common start of a step: the item locked at the version the actor saw, the actor allowed
    to take the step in the item's agency, and the item in a status the step applies to."""
    locked = _lock(item, version)
    permissions.require(actor, permission, locked.agency)
    if locked.status not in statuses:
        raise (error or _status_error)(locked)
    return locked


def _not_editable(item: Item) -> ActionError:
    return ActionError(ErrorCode.NOT_EDITABLE, status=ItemStatus(item.status).label)


def _save(locked: Item, original: Item) -> Item:
    locked.version += 1
    locked.save()
    if original is not locked:
        original.refresh_from_db()
    return locked


def _status_error(item: Item) -> ActionError:
    return ActionError(ErrorCode.WRONG_STATUS, status=ItemStatus(item.status).label)


def _require_text(value: str, code: ErrorCode = ErrorCode.REASON_REQUIRED, field: str = "reason") -> str:
    value = (value or "").strip()
    if not value:
        raise ActionError(code, field=field)
    return value


def _validate_fields(agency: Agency, values: dict) -> dict:
    """Normalise and check an item's fields; raises ActionError naming the field at fault."""
    values = dict(values)
    if "title" in values:
        values["title"] = (values["title"] or "").strip()
        if not values["title"]:
            raise ActionError(ErrorCode.TITLE_REQUIRED, field="title")
    if "column" in values and values["column"].agency_id != agency.pk:
        raise ActionError(ErrorCode.COLUMN_OTHER_AGENCY, field="column")
    if "document_number" in values:
        values["document_number"] = (values["document_number"] or "").strip()
        problem = content.document_number_problem(values["document_number"])
        if problem:
            raise ActionError(ErrorCode.DOCUMENT_NUMBER_FORMAT, field="document_number", detail=problem)
    for name in ("keywords", "body"):
        if name in values:
            values[name] = (values[name] or "").strip() if name == "keywords" else (values[name] or "")
    attribute = values.get("disclosure_attribute")
    if attribute is not None:
        attribute = DisclosureAttribute(attribute)
        reason = values.get("withholding_reason") or ""
        if attribute == DisclosureAttribute.PROACTIVE and reason:
            raise ActionError(ErrorCode.WITHHOLDING_REASON_NOT_ALLOWED, field="withholding_reason")
        if attribute != DisclosureAttribute.PROACTIVE and reason not in WithholdingReason.values:
            raise ActionError(
                ErrorCode.WITHHOLDING_REASON_REQUIRED, field="withholding_reason", attribute=attribute.label
            )
        values["withholding_reason"] = reason
    return values


def _check_dates(item: Item) -> None:
    if item.written_date and item.formed_date and item.formed_date < item.written_date:
        raise ActionError(
            ErrorCode.DATES_ORDER, field="formed_date", later="形成或变更日期", earlier="成文日期"
        )


# --- index numbers --------------------------------------------------------------------------------------


def _format_index(pattern: str, agency: Agency, year: int, serial: int) -> str:
    try:
        number = pattern.format(code=agency.code, year=year, serial=serial)
    except (KeyError, IndexError, ValueError) as exc:
        raise ActionError(ErrorCode.INDEX_PATTERN, field="index_pattern", detail=str(exc)) from exc
    if not number or "/" in number or any(ch.isspace() for ch in number) or "?" in number or "#" in number:
        raise ActionError(
            ErrorCode.INDEX_PATTERN, field="index_pattern", detail="索引号中不能有空格、“/”“?”“#”"
        )
    return number


def validate_index_pattern(pattern: str) -> str:
    pattern = (pattern or "").strip()
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ActionError(ErrorCode.INDEX_PATTERN, field="index_pattern", detail="花括号不成对") from exc
    if "serial" not in names:
        raise ActionError(ErrorCode.INDEX_PATTERN, field="index_pattern", detail="必须包含 {serial}（序号）")
    if names - {"code", "year", "serial"}:
        raise ActionError(
            ErrorCode.INDEX_PATTERN, field="index_pattern", detail="只能使用 {code}、{year}、{serial}"
        )
    _format_index(pattern, Agency(code="x"), 2024, 1)
    return pattern


@transaction.atomic
def allocate_index_number(agency: Agency, year: int | None = None) -> str:
    """The next unused 索引号: the per-year serial only grows (row-locked), so no number is ever reused."""
    year = year or timezone.localdate().year
    try:
        with transaction.atomic():
            IndexNumberSequence.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:  # created concurrently by another allocation: it exists now
        pass
    sequence = IndexNumberSequence.objects.select_for_update().get(agency=agency, year=year)
    pattern = Catalogue.pattern_for(agency)
    while True:
        sequence.last += 1
        number = _format_index(pattern, agency, year, sequence.last)
        if not Item.objects.filter(agency=agency, index_number=number).exists():
            break
    sequence.save(update_fields=["last"])
    return number


# --- items ----------------------------------------------------------------------------------------------


@transaction.atomic
def create_item(
    *,
    agency: Agency,
    actor,
    column: Column,
    title: str,
    document_number: str = "",
    keywords: str = "",
    written_date: date | None = None,
    formed_date: date | None = None,
    disclosure_attribute: str = DisclosureAttribute.PROACTIVE,
    withholding_reason: str = "",
    body: str = "",
    scheduled_at: datetime | None = None,
) -> Item:
    """A new draft with its 索引号; the 公开属性 is decided now, at drafting."""
    permissions.require(actor, "edit_item", agency)
    values = _validate_fields(
        agency,
        {
            "column": column,
            "title": title,
            "document_number": document_number,
            "keywords": keywords,
            "written_date": written_date,
            "formed_date": formed_date,
            "disclosure_attribute": disclosure_attribute,
            "withholding_reason": withholding_reason,
            "body": body,
        },
    )
    item = Item(agency=agency, created_by=actor, scheduled_at=scheduled_at, **values)
    _check_dates(item)
    item.index_number = allocate_index_number(agency)
    item.save()
    record(
        item,
        EventType.CREATED,
        actor=actor,
        after=snapshot(item, EDITABLE_FIELDS),
        index_number=item.index_number,
    )
    return item


@transaction.atomic
def edit_item(item: Item, *, actor, version: int | None, **changes) -> Item:
    """Change the content: the revision goes up and earlier approvals stop counting (review restarts)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"edit_item: unknown fields {sorted(unknown)}")
    locked = _lock_for(item, version, actor, "edit_item", EDITABLE_STATUSES, error=_not_editable)
    changes = _validate_fields(locked.agency, changes)
    changed = [name for name, value in changes.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    before = snapshot(locked, changed)
    for name in changed:
        setattr(locked, name, changes[name])
    _check_dates(locked)
    data = {"before": before, "after": snapshot(locked, changed)}
    if set(changed) & set(CONTENT_FIELDS):
        data.update(_new_revision(locked))
    _save(locked, item)
    record(locked, EventType.EDITED, actor=actor, **data)
    return locked


def _new_revision(locked: Item) -> dict:
    """Bump the revision; a reviewed item goes back to draft, its approvals no longer count."""
    cleared = len(current_approvals(locked)) if locked.status == ItemStatus.IN_REVIEW else 0
    if locked.status in (ItemStatus.APPROVED, ItemStatus.SCHEDULED):
        cleared = len(current_approvals(locked))
    status_before = locked.status
    locked.revision += 1
    locked.status = ItemStatus.DRAFT
    return {
        "revision_before": locked.revision - 1,
        "revision_after": locked.revision,
        "status_before": status_before,
        "approvals_cleared": cleared,
    }


@transaction.atomic
def add_attachment(item: Item, *, actor, name: str, data: bytes, version: int | None = None) -> Attachment:
    """Attach a file checked by its content and size; it changes the content, so the revision goes up."""
    locked = _lock_for(item, version, actor, "edit_item", EDITABLE_STATUSES, error=_not_editable)
    name = Path(name or "附件").name[:255]
    kind = files.validate(name, data)
    stored, digest = files.store(data, kind)
    text, note = files.extract_text(attachment_root() / stored, kind)
    attachment = Attachment.objects.create(
        item=locked,
        original_name=name,
        stored_name=stored,
        kind=kind,
        size=len(data),
        sha256=digest,
        extracted_text=text,
        extract_error=note,
        uploaded_by=actor,
    )
    revision = _new_revision(locked)
    _save(locked, item)
    record(
        locked,
        EventType.ATTACHMENT_ADDED,
        actor=actor,
        attachment=attachment.pk,
        name=name,
        kind=kind,
        size=len(data),
        **revision,
    )
    return attachment


@transaction.atomic
def remove_attachment(item: Item, attachment_id: int, *, actor, version: int | None = None) -> Item:
    """The file leaves the item (kept on disk and in the record); the revision goes up."""
    locked = _lock_for(item, version, actor, "edit_item", EDITABLE_STATUSES, error=_not_editable)
    attachment = Attachment.objects.filter(item=locked, pk=attachment_id, removed_at__isnull=True).first()
    if attachment is None:
        raise ActionError(ErrorCode.ATTACHMENT_NOT_FOUND)
    attachment.removed_at = timezone.now()
    attachment.save(update_fields=["removed_at"])
    revision = _new_revision(locked)
    _save(locked, item)
    record(
        locked,
        EventType.ATTACHMENT_REMOVED,
        actor=actor,
        attachment=attachment.pk,
        name=attachment.original_name,
        **revision,
    )
    return locked


# --- review ---------------------------------------------------------------------------------------------


def _sources(item: Item, *, redacted: bool = False) -> list[tuple[str, str, str]]:
    sources = [("title", "标题", item.title), ("body", "正文", item.redacted_body if redacted else item.body)]
    for a in item.active_attachments():
        text = a.extracted_text
        if redacted and a.uses_redacted_copy:
            text = files.extract_text(a.public_path, AttachmentKind(a.kind))[0]
        sources.append((f"attachment:{a.pk}", f"附件“{a.original_name}”", text))
    return sources


@transaction.atomic
def submit_for_review(item: Item, *, actor, version: int | None = None) -> CheckRun:
    """Send the current revision to the first stage; the content checks run now and stay with it."""
    locked = _lock_for(item, version, actor, "submit_item", (ItemStatus.DRAFT, ItemStatus.REJECTED))
    _check_dates(locked)
    before = locked.status
    locked.status = ItemStatus.IN_REVIEW
    locked.review_round += 1
    findings = content.run_checks(_sources(locked))
    run = CheckRun.objects.create(
        item=locked,
        revision=locked.revision,
        round=locked.review_round,
        findings=findings,
        blocking=content.is_blocking(findings),
    )
    _save(locked, item)
    record(
        locked,
        EventType.SUBMITTED,
        actor=actor,
        before=before,
        after=locked.status,
        round=locked.review_round,
    )
    record(
        locked,
        EventType.CHECKED,
        actor=None,
        check_run=run.pk,
        findings=len(findings),
        blocking=[f["code"] for f in findings if f["severity"] == "blocking"],
    )
    workflow = Workflow.for_agency(locked.agency)
    notify.reviewers(locked, workflow.stage_role(1), workflow.stage_label(1))
    return run


def _require_stage(actor, item: Item, workflow: Workflow) -> int:
    if item.status != ItemStatus.IN_REVIEW:
        raise _status_error(item)
    stage = current_stage(item, workflow)
    perm = permissions.STAGE_PERMISSIONS[workflow.stage_role(stage)]
    if not permissions.has(actor, perm, item.agency):
        if not permissions.has(actor, "view_drafts", item.agency):
            permissions.require(actor, perm, item.agency)  # outsiders get a plain 403
        raise ActionError(ErrorCode.NOT_YOUR_STAGE, stage=workflow.stage_label(stage))
    return stage


@transaction.atomic
def approve(item: Item, *, actor, version: int | None = None) -> Item:
    """Approve the current stage of the current revision; the last approval releases the item."""
    locked = _lock(item, version)
    workflow = Workflow.for_agency(locked.agency)
    stage = _require_stage(actor, locked, workflow)
    if any(r.actor_id == actor.pk for r in current_approvals(locked)):
        raise ActionError(ErrorCode.SAME_REVIEWER)
    Review.objects.create(
        item=locked,
        revision=locked.revision,
        round=locked.review_round,
        stage=stage,
        role=workflow.stage_role(stage),
        decision=ReviewDecision.APPROVED,
        actor=actor,
        at=timezone.now(),
    )
    before = locked.status
    final = stage >= workflow.count
    if final:
        locked.status = ItemStatus.APPROVED
    _save(locked, item)
    record(
        locked,
        EventType.APPROVED,
        actor=actor,
        stage=stage,
        stage_label=workflow.stage_label(stage),
        before=before,
        after=locked.status,
    )
    if final:
        _release(locked, actor)
    else:
        notify.reviewers(locked, workflow.stage_role(stage + 1), workflow.stage_label(stage + 1))
    if item is not locked:
        item.refresh_from_db()
    return locked


@transaction.atomic
def reject(item: Item, *, actor, reason: str, version: int | None = None) -> Item:
    """Send the item back to its author with a reason; the next submission starts a new round."""
    locked = _lock(item, version)
    workflow = Workflow.for_agency(locked.agency)
    stage = _require_stage(actor, locked, workflow)
    reason = _require_text(reason)
    Review.objects.create(
        item=locked,
        revision=locked.revision,
        round=locked.review_round,
        stage=stage,
        role=workflow.stage_role(stage),
        decision=ReviewDecision.REJECTED,
        reason=reason,
        actor=actor,
        at=timezone.now(),
    )
    before = locked.status
    locked.status = ItemStatus.REJECTED
    _save(locked, item)
    record(
        locked,
        EventType.REJECTED,
        actor=actor,
        stage=stage,
        stage_label=workflow.stage_label(stage),
        reason=reason,
        before=before,
        after=locked.status,
    )
    notify.author(locked, "稿件被退回")
    return locked


@transaction.atomic
def comment(item: Item, *, actor, text: str) -> Item:
    """A reviewer's or author's remark on the current revision; changes nothing else."""
    permissions.require(actor, "comment_item", item.agency)
    text = _require_text(text, ErrorCode.COMMENT_REQUIRED, "text")
    record(item, EventType.COMMENTED, actor=actor, comment=text, status=item.status)
    return item


CLASSIFIED_CODE = "S.classified"


@transaction.atomic
def override_blocking(item: Item, *, actor, reason: str, version: int | None = None) -> CheckRun:
    """The final reviewer takes responsibility for publishing despite blocking findings (logged)."""
    locked = _lock(item, version)
    permissions.require(actor, "override_blocking", locked.agency)
    reason = _require_text(reason)
    run = latest_check(locked)
    if run is None or not run.unresolved:
        raise ActionError(ErrorCode.NOTHING_TO_OVERRIDE)
    if any(f["code"] == CLASSIFIED_CODE for f in run.blocking_findings):
        raise ActionError(ErrorCode.CLASSIFIED)  # 涉密 is never publishable (GLOSSARY), whoever signs
    run.overridden_by = actor
    run.override_reason = reason
    run.overridden_at = timezone.now()
    run.save(update_fields=["overridden_by", "override_reason", "overridden_at"])
    _save(locked, item)
    record(
        locked,
        EventType.OVERRIDDEN,
        actor=actor,
        reason=reason,
        check_run=run.pk,
        findings=[
            {"code": f["code"], "title": f["title"], "source": f["source"]} for f in run.blocking_findings
        ],
    )
    if locked.status == ItemStatus.APPROVED:
        _release(locked, actor)
    if item is not locked:
        item.refresh_from_db()
    return run


@transaction.atomic
def produce_redacted_copy(item: Item, *, actor, version: int | None = None) -> CheckRun:
    """Mask the personal data for the public copy; the original stays as it is, visible to staff only."""
    locked = _lock_for(item, version, actor, "redact_item", (ItemStatus.IN_REVIEW, ItemStatus.APPROVED))
    run = latest_check(locked)
    if run is None or not run.blocking:
        raise ActionError(ErrorCode.NOTHING_TO_REDACT)
    redacted_body, masks = content.redact_text(locked.body)
    attachment_masks = {}
    checker = None
    for a in locked.active_attachments():
        if a.kind != AttachmentKind.DOCX:
            continue  # PDF and images cannot be masked in place: their findings stay for the reviewer
        checker = checker or Checker()
        name = f"{Path(a.stored_name).with_suffix('')}-redacted-r{locked.revision}.docx"
        done = redact_docx(a.path, attachment_root() / name, checker)
        if done:
            a.redacted_name, a.redacted_revision = name, locked.revision
            a.save(update_fields=["redacted_name", "redacted_revision"])
            attachment_masks[a.pk] = [r.as_dict() for r in done]
    if not masks and not attachment_masks:
        raise ActionError(ErrorCode.NOTHING_TO_REDACT)
    locked.redacted_body = redacted_body
    locked.redacted_revision = locked.revision
    run.redacted_findings = content.run_checks(_sources(locked, redacted=True))
    run.redacted_at = timezone.now()
    run.save(update_fields=["redacted_findings", "redacted_at"])
    _save(locked, item)
    record(
        locked,
        EventType.REDACTED,
        actor=actor,
        body=masks,
        attachments=attachment_masks,
        resolved=run.resolved_by_redaction,
    )
    if locked.status == ItemStatus.APPROVED:
        _release(locked, actor)
    if item is not locked:
        item.refresh_from_db()
    return run


# --- publication ----------------------------------------------------------------------------------------


def _release(locked: Item, actor) -> None:
    """After the last approval (or an override/redaction): publish now, or at the scheduled time."""
    if locked.disclosure_attribute != DisclosureAttribute.PROACTIVE:
        return  # catalogued, not put on the portal
    run = latest_check(locked)
    if run is not None and run.unresolved:
        return
    if locked.scheduled_at and locked.scheduled_at > timezone.now():
        locked.status = ItemStatus.SCHEDULED
        _save(locked, locked)
        record(
            locked,
            EventType.SCHEDULED,
            actor=actor,
            before=ItemStatus.APPROVED,
            after=locked.status,
            at=locked.scheduled_at,
        )
        return
    _publish(locked, actor)


def _publish(locked: Item, actor) -> None:
    if not all_approved(locked):
        raise ActionError(ErrorCode.NOT_ALL_APPROVED)
    if locked.disclosure_attribute != DisclosureAttribute.PROACTIVE:
        raise ActionError(
            ErrorCode.NOT_PROACTIVE, attribute=DisclosureAttribute(locked.disclosure_attribute).label
        )
    run = latest_check(locked)
    if run is not None and run.unresolved:
        raise ActionError(ErrorCode.BLOCKED, titles=content.blocking_titles(run.findings))
    before = locked.status
    now = timezone.now()
    locked.status = ItemStatus.PUBLISHED
    locked.published_at = now
    locked.published_date = timezone.localdate(now)
    outcome, days, detail = content.late_check(
        locked.formed_date, locked.published_date, locked.column.publish_within_days
    )
    locked.late_check, locked.late_working_days, locked.late_detail = outcome, days, detail
    locked.withdrawn_at, locked.withdrawal_reason = None, ""
    _save(locked, locked)
    record(
        locked,
        EventType.PUBLISHED,
        actor=actor,
        before=before,
        after=locked.status,
        published_date=locked.published_date,
        redacted=locked.uses_redacted_copy,
        late_check={"id": "P.late", "outcome": outcome, "working_days": days, "detail": detail},
    )
    hooks.published.send(locked)


@transaction.atomic
def publish(item: Item, *, actor, version: int | None = None) -> Item:
    """Publish an approved item now (all stages approved for this revision, nothing blocking)."""
    locked = _lock_for(item, version, actor, "publish_item", (ItemStatus.APPROVED, ItemStatus.SCHEDULED))
    _publish(locked, actor)
    if item is not locked:
        item.refresh_from_db()
    return locked


@transaction.atomic
def schedule(item: Item, *, actor, at: datetime, version: int | None = None) -> Item:
    """Publish at a set time (run by `publish_due`); an approved item waits as 定时发布."""
    locked = _lock_for(item, version, actor, "publish_item", (ItemStatus.APPROVED, ItemStatus.SCHEDULED))
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at <= timezone.now():
        raise ActionError(ErrorCode.SCHEDULE_IN_PAST, field="at")
    run = latest_check(locked)
    if run is not None and run.unresolved:
        raise ActionError(ErrorCode.BLOCKED, titles=content.blocking_titles(run.findings))
    before = {"status": locked.status, "scheduled_at": locked.scheduled_at}
    locked.scheduled_at = at
    locked.status = ItemStatus.SCHEDULED
    _save(locked, item)
    record(
        locked,
        EventType.SCHEDULED,
        actor=actor,
        before=before,
        after={"status": locked.status, "scheduled_at": at},
    )
    return locked


def publish_due(now: datetime | None = None) -> list[Item]:
    """Publish every scheduled item whose time has come (management command / Celery beat)."""
    now = now or timezone.now()
    done = []
    for pk in Item.objects.filter(status=ItemStatus.SCHEDULED, scheduled_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            locked = Item.objects.select_for_update().select_related("agency", "column").get(pk=pk)
            if locked.status != ItemStatus.SCHEDULED:
                continue
            try:
                _publish(locked, None)
            except ActionError:
                continue  # no longer publishable; stays scheduled for a person to look at
            done.append(locked)
    return done


@transaction.atomic
def withdraw(item: Item, *, actor, reason: str, version: int | None = None) -> Item:
    """Take the item off the portal; the record and its history stay."""
    locked = _lock_for(item, version, actor, "withdraw_item", (ItemStatus.PUBLISHED, ItemStatus.SCHEDULED))
    reason = _require_text(reason)
    before = locked.status
    locked.status = ItemStatus.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.withdrawal_reason = reason
    _save(locked, item)
    record(locked, EventType.WITHDRAWN, actor=actor, reason=reason, before=before, after=locked.status)
    if before == ItemStatus.PUBLISHED:
        hooks.withdrawn.send(locked)
    return locked


@transaction.atomic
def change_validity(
    item: Item,
    *,
    actor,
    validity: str,
    changed_on: date | None = None,
    replaced_by: Item | None = None,
    version: int | None = None,
) -> Item:
    """有效 → 失效/废止 (or back), with the date and the replacing document; feeds table 二."""
    locked = _lock(item, version)
    permissions.require(actor, "change_validity", locked.agency)
    validity = Validity(validity)
    if validity == locked.validity:
        raise ActionError(ErrorCode.ALREADY_IN_STATE, field="validity", validity=validity.label)
    if validity != Validity.VALID and changed_on is None:
        label = "废止日期" if validity == Validity.REPEALED else "失效日期"
        raise ActionError(
            ErrorCode.VALIDITY_DATE_REQUIRED, field="changed_on", validity=validity.label, label=label
        )
    if replaced_by is not None:
        if replaced_by.pk == locked.pk:
            raise ActionError(ErrorCode.REPLACED_BY_SELF, field="replaced_by")
        if replaced_by.agency_id != locked.agency_id:
            raise ActionError(ErrorCode.REPLACED_BY_OTHER_AGENCY, field="replaced_by")
    fields = ("validity", "validity_changed_on", "replaced_by")
    before = snapshot(locked, fields)
    locked.validity = validity
    locked.validity_changed_on = changed_on
    locked.replaced_by = replaced_by
    _save(locked, item)
    record(locked, EventType.VALIDITY_CHANGED, actor=actor, before=before, after=snapshot(locked, fields))
    if locked.status == ItemStatus.PUBLISHED:
        hooks.changed.send(locked)  # the portal's index and listings show validity
    return locked


# --- columns, workflow, settings ------------------------------------------------------------------------


def _column_values(agency: Agency, values: dict, column: Column | None = None) -> dict:
    values = dict(values)
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise ActionError(ErrorCode.COLUMN_NAME_REQUIRED, field="name")
    if "slug" in values:
        taken = Column.objects.filter(agency=agency, slug=values["slug"])
        if column is not None:
            taken = taken.exclude(pk=column.pk)
        if taken.exists():
            raise ActionError(ErrorCode.COLUMN_SLUG_TAKEN, field="slug", slug=values["slug"])
    parent = values.get("parent")
    if parent is not None:
        if parent.agency_id != agency.pk:
            raise ActionError(ErrorCode.COLUMN_OTHER_AGENCY, field="parent")
        if column is not None and parent.pk in column.descendant_ids():
            raise ActionError(ErrorCode.COLUMN_PARENT_CYCLE, field="parent")
    if "category" in values:
        values["category"] = ColumnCategory(values["category"] or ColumnCategory.OTHER)
    if "table_two_row" in values:
        values["table_two_row"] = TableTwoRow(values["table_two_row"]) if values["table_two_row"] else ""
    return values


@transaction.atomic
def create_column(
    *, agency: Agency, actor, name: str, slug: str, parent: Column | None = None, **extra
) -> Column:
    permissions.require(actor, "manage_columns", agency)
    values = _column_values(agency, {"name": name, "slug": slug, "parent": parent, **extra})
    siblings = Column.objects.filter(agency=agency, parent=parent)
    values.setdefault("order", (max(siblings.values_list("order", flat=True), default=0) or 0) + 10)
    return Column.objects.create(agency=agency, **values)


@transaction.atomic
def edit_column(column: Column, *, actor, **changes) -> Column:
    """Rename, move under another parent, or change what the column counts for."""
    column = Column.objects.select_for_update().get(pk=column.pk)
    permissions.require(actor, "manage_columns", column.agency)
    allowed = {"name", "slug", "parent", "category", "table_two_row", "publish_within_days"}
    changes = _column_values(column.agency, {k: v for k, v in changes.items() if k in allowed}, column)
    for name, value in changes.items():
        setattr(column, name, value)
    column.save()
    return column


@transaction.atomic
def move_column(column: Column, *, actor, direction: str) -> Column:
    """Swap the column with its previous (`up`) or next (`down`) sibling; orders are renumbered."""
    permissions.require(actor, "manage_columns", column.agency)
    siblings = list(
        Column.objects.select_for_update()
        .filter(agency=column.agency, parent=column.parent_id)
        .order_by("order", "pk")
    )
    at = next(i for i, c in enumerate(siblings) if c.pk == column.pk)
    other = at - 1 if direction == "up" else at + 1
    if 0 <= other < len(siblings):
        siblings[at], siblings[other] = siblings[other], siblings[at]
    for i, c in enumerate(siblings):
        if c.order != (i + 1) * 10:
            c.order = (i + 1) * 10
            c.save(update_fields=["order"])
    return next(c for c in siblings if c.pk == column.pk)


@transaction.atomic
def set_workflow(agency: Agency, *, actor, stages: list[str]) -> Workflow:
    """1 to 3 stages, each a distinct reviewing role; applies to the next decision taken."""
    permissions.require(actor, "manage_workflow", agency)
    stages = [s for s in stages if s]
    if not 1 <= len(stages) <= 3:
        raise ActionError(ErrorCode.WORKFLOW_STAGES, field="stages")
    if any(s not in {r.value for r in STAGE_ROLES} for s in stages):
        raise ActionError(ErrorCode.WORKFLOW_ROLE, field="stages")
    if len(set(stages)) != len(stages):
        raise ActionError(ErrorCode.WORKFLOW_DUPLICATE_ROLE, field="stages")
    workflow, _ = Workflow.objects.update_or_create(agency=agency, defaults={"stages": stages})
    return workflow


@transaction.atomic
def set_index_pattern(agency: Agency, *, actor, pattern: str) -> Catalogue:
    permissions.require(actor, "manage_columns", agency)
    pattern = validate_index_pattern(pattern)
    catalogue, _ = Catalogue.objects.update_or_create(agency=agency, defaults={"index_pattern": pattern})
    return catalogue
