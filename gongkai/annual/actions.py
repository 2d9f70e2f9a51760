"""Every change to an annual report: check permission, validate, write, append an event, notify — in one
transaction. Views, the demo, the batch import and commands call these; nothing else saves records.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import uuid
import zipfile
from datetime import date
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.report.api import REPORT_SUFFIXES, audit_report, read_report
from gongkai.report.batch import UNREADABLE_CODES
from gongkai.report.formats import FORMATS
from gongkai.report.model import AnnualReport
from gongkai.report.source import normalise_text

from . import audit as checks
from . import notify, prefill
from .deadlines import check_options, office_of
from .document import (
    cell_specs,
    cell_value,
    from_document,
    narrative_of,
    parse_value,
    set_cell,
    tables_of,
    to_document,
)
from .errors import ActionError, ErrorCode
from .events import record as log
from .models import AnnualReportRecord, Deadline, ImportJob, ReportReview
from .publication import publish_to_catalogue, submit_to_catalogue
from .review import current_approvals, current_stage, stage_permission, workflow
from .vocab import (
    EDITABLE_STATUSES,
    SUBMITTABLE_STATUSES,
    EventType,
    ImportStatus,
    ReportStatus,
    ReviewDecision,
    Source,
)

MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_ZIP_FILES = 2000


# --- helpers --------------------------------------------------------------------------------------------


def first_year() -> int:
    return min(f.first_year for f in FORMATS.values())


def _lock(record: AnnualReportRecord, version: int | None) -> AnnualReportRecord:
    """The record's row, locked for this transaction; a stale `version` means someone changed it meanwhile."""
    locked = AnnualReportRecord.objects.select_for_update().select_related("agency").get(pk=record.pk)
    if version is not None and str(version) != str(locked.version):
        raise ActionError(ErrorCode.STALE_VERSION, current=locked.version, given=version)
    return locked


def _save(locked: AnnualReportRecord, original: AnnualReportRecord | None = None) -> AnnualReportRecord:
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save()
    if original is not None and original is not locked:
        original.refresh_from_db()
    return locked


def _require_text(value: str, code: ErrorCode = ErrorCode.REASON_REQUIRED, field: str = "reason") -> str:
    value = (value or "").strip()
    if not value:
        raise ActionError(code, field=field)
    return value


def _status(record: AnnualReportRecord) -> str:
    return ReportStatus(record.status).label


def prior_report(agency: Agency, year: int) -> AnnualReport | None:
    """The same agency's previous-year report, for the cross-year checks."""
    found = AnnualReportRecord.objects.filter(agency=agency, year=year - 1).first()
    return from_document(found.document) if found else None


def _store(locked: AnnualReportRecord, report: AnnualReport) -> AnnualReport:
    """Write the report and re-run every check on it (the checks of every save)."""
    document = to_document(report)
    report = from_document(document)  # what is stored is exactly what is checked
    result = checks.audit(
        report, locked.agency, locked.year, prior=prior_report(locked.agency, locked.year),
        today=timezone.localdate(),
    )  # fmt: skip
    locked.document = document
    locked.format_version = report.format_version
    locked.tables = tables_of(report)
    locked.narrative = narrative_of(report)
    locked.findings = result.findings
    locked.not_run = result.not_run
    locked.content_findings = result.content
    locked.error_count = len(result.errors())
    locked.warning_count = len(result.warnings())
    return report


def _editable(locked: AnnualReportRecord) -> None:
    if locked.status not in EDITABLE_STATUSES:
        raise ActionError(ErrorCode.NOT_EDITABLE, status=_status(locked))


def _new_revision(locked: AnnualReportRecord) -> dict:
    """Content changed: the revision goes up; a report in review goes back to draft (review restarts)."""
    before = locked.status
    cleared = (
        len(current_approvals(locked)) if before in (ReportStatus.IN_REVIEW, ReportStatus.APPROVED) else 0
    )
    locked.revision += 1
    if before in (ReportStatus.IN_REVIEW, ReportStatus.APPROVED):
        locked.status = ReportStatus.DRAFT
    return {"revision_before": locked.revision - 1, "status_before": before, "approvals_cleared": cleared}


# --- drafting -------------------------------------------------------------------------------------------


@transaction.atomic
def create_draft(agency: Agency, year: int, *, actor) -> AnnualReportRecord:
    """Draft this year's report, prefilled from the catalogue, the cases and the fee records."""
    permissions.require(actor, "edit_annual_report", agency)
    last = timezone.localdate().year
    if not first_year() <= int(year) <= last:
        raise ActionError(ErrorCode.YEAR_INVALID, field="year", year=year, first=first_year(), last=last)
    if AnnualReportRecord.objects.filter(agency=agency, year=year).exists():
        raise ActionError(ErrorCode.ALREADY_EXISTS, agency=agency.name, year=year)
    built = prefill.build(agency, int(year))
    record = AnnualReportRecord(agency=agency, year=int(year), provenance=built.provenance)
    _store(record, built.report)
    record.save()
    sources: dict[str, int] = {}
    for entry in built.provenance.values():
        sources[entry["source"]] = sources.get(entry["source"], 0) + 1
    log(record, EventType.PREFILLED, actor=actor, sources=sources, figures=built.figures)
    return record


@transaction.atomic
def save_sections(
    record: AnnualReportRecord, *, actor, version, sections: dict[str, str], preamble: str | None = None
) -> AnnualReportRecord:
    """Edit the narrative; the checks run again. An edit during review restarts it."""
    locked = _lock(record, version)
    permissions.require(actor, "edit_annual_report", locked.agency)
    _editable(locked)
    report = from_document(locked.document)
    changed, before, after = [], {}, {}
    for code, text in sections.items():
        section = report.sections.get(code)
        if section is None:
            raise ActionError(ErrorCode.UNKNOWN_SECTION, field=code, section=code)
        text = normalise_text(text or "")
        if text != section.text:
            changed.append(section.heading)
            before[code], after[code] = section.text, text
            section.text = text
    if preamble is not None and normalise_text(preamble) != report.preamble:
        changed.append("报告说明")
        before["preamble"], after["preamble"] = report.preamble, normalise_text(preamble)
        report.preamble = after["preamble"]
    if not changed:
        return locked
    revision = _new_revision(locked)
    _store(locked, report)
    _save(locked, record)
    log(locked, EventType.EDITED, actor=actor, sections=changed, before=before, after=after, **revision)
    return locked


def _kind_text(spec) -> str:
    return "不超过4位小数的非负金额（万元）" if spec.kind == "money" else (
        "整数" if spec.kind == "signed" else "非负整数"
    )  # fmt: skip


@transaction.atomic
def override_figure(
    record: AnnualReportRecord, *, actor, version, cell: str, value: str, reason: str
) -> AnnualReportRecord:
    """Change a prefilled number: a reason is required and the change is logged with before and after."""
    locked = _lock(record, version)
    permissions.require(actor, "override_annual_figure", locked.agency)
    _editable(locked)
    report = from_document(locked.document)
    spec = cell_specs(report.format).get(cell)
    if spec is None:
        raise ActionError(ErrorCode.UNKNOWN_CELL, field="cell", cell=cell)
    parsed = parse_value(spec, str(value))
    if parsed is None:
        raise ActionError(
            ErrorCode.VALUE_INVALID, field="value", label=spec.label, kind=_kind_text(spec), value=value
        )
    reason = _require_text(reason)
    before = cell_value(report, spec)
    if before is not None and before == parsed:
        raise ActionError(ErrorCode.UNCHANGED, field="value")
    set_cell(report, spec, parsed, f"{spec.key}（人工修改）")
    previous = locked.provenance.get(cell) or {}
    locked.provenance = {
        **locked.provenance,
        cell: {
            "source": Source.MANUAL.value,
            "query": f"人工修改：{reason}",
            "value": parsed if isinstance(parsed, int) else f"{parsed:f}",
            "reason": reason,
            "before": before if before is None or isinstance(before, int) else f"{before:f}",
            "prefilled": previous.get("prefilled") or previous,
        },
    }
    revision = _new_revision(locked)
    _store(locked, report)
    _save(locked, record)
    log(
        locked, EventType.OVERRIDDEN, actor=actor, cell=cell, label=spec.label, before=before, after=parsed,
        reason=reason, source_before=previous.get("source"), **revision,
    )  # fmt: skip
    return locked


@transaction.atomic
def dismiss_warning(
    record: AnnualReportRecord, *, actor, version, key: str, reason: str
) -> AnnualReportRecord:
    """A warning the editor keeps on purpose, with the reason (logged; shown to reviewers and the office)."""
    locked = _lock(record, version)
    permissions.require(actor, "edit_annual_report", locked.agency)
    _editable(locked)
    finding = next((f for f in locked.findings if f.get("key") == key and f["severity"] == "warning"), None)
    if finding is None:
        raise ActionError(ErrorCode.UNKNOWN_FINDING, field="key")
    reason = _require_text(reason)
    locked.dismissed = {
        **locked.dismissed,
        key: {
            "check": finding["check"],
            "message": finding["message"],
            "reason": reason,
            "by": actor.get_full_name() or actor.username,
            "at": timezone.now().isoformat(),
        },
    }
    _save(locked, record)
    log(locked, EventType.WARNING_DISMISSED, actor=actor, check=finding["check"], message=finding["message"],
        reason=reason)  # fmt: skip
    return locked


# --- review ---------------------------------------------------------------------------------------------


@transaction.atomic
def submit(record: AnnualReportRecord, *, actor, version) -> AnnualReportRecord:
    """Send the current revision to the first stage: no error, nothing blocking, every warning explained."""
    locked = _lock(record, version)
    permissions.require(actor, "submit_annual_report", locked.agency)
    if locked.status not in SUBMITTABLE_STATUSES:
        raise ActionError(ErrorCode.WRONG_STATUS, status=_status(locked))
    _store(locked, from_document(locked.document))
    errors = checks.submission_errors(locked.findings)
    if errors:
        names = "、".join(dict.fromkeys(f["check"] for f in errors))
        raise ActionError(ErrorCode.HAS_ERRORS, count=len(errors), checks=names)
    blocking = checks.blocking(locked.content_findings)
    if blocking:
        raise ActionError(
            ErrorCode.BLOCKING_CONTENT, titles="、".join(dict.fromkeys(f["title"] for f in blocking))
        )
    open_warnings = checks.open_warnings(locked.findings, locked.dismissed)
    if open_warnings:
        raise ActionError(ErrorCode.UNDISMISSED_WARNINGS, count=len(open_warnings))
    before = locked.status
    locked.status = ReportStatus.IN_REVIEW
    locked.review_round += 1
    locked.submitted_by = actor
    locked.submitted_date = timezone.localdate()
    _save(locked, record)
    log(
        locked,
        EventType.SUBMITTED,
        actor=actor,
        before=before,
        after=locked.status,
        round=locked.review_round,
    )
    flow = workflow(locked.agency)
    notify.reviewers(locked, flow.stage_role(1), flow.stage_label(1))
    return locked


def _require_stage(actor, locked: AnnualReportRecord, flow) -> int:
    if locked.status != ReportStatus.IN_REVIEW:
        raise ActionError(ErrorCode.WRONG_STATUS, status=_status(locked))
    stage = current_stage(locked, flow)
    perm = stage_permission(flow, stage)
    if not perm or not permissions.has(actor, perm, locked.agency):
        if not permissions.has(actor, "view_annual_report", locked.agency):
            permissions.require(actor, perm or "review_final", locked.agency)  # outsiders get a plain 403
        raise ActionError(ErrorCode.NOT_YOUR_STAGE, stage=flow.stage_label(stage))
    return stage


@transaction.atomic
def approve(record: AnnualReportRecord, *, actor, version) -> AnnualReportRecord:
    """Approve the current stage of the current revision; the last stage makes it ready to publish."""
    locked = _lock(record, version)
    flow = workflow(locked.agency)
    stage = _require_stage(actor, locked, flow)
    if any(r.actor_id == actor.pk for r in current_approvals(locked)):
        raise ActionError(ErrorCode.SAME_REVIEWER)
    ReportReview.objects.create(
        report=locked, revision=locked.revision, round=locked.review_round, stage=stage,
        role=flow.stage_role(stage), decision=ReviewDecision.APPROVED, actor=actor, at=timezone.now(),
    )  # fmt: skip
    before = locked.status
    if stage >= flow.count:
        locked.status = ReportStatus.APPROVED
    _save(locked, record)
    log(locked, EventType.APPROVED, actor=actor, stage=stage, stage_label=flow.stage_label(stage), before=before,
        after=locked.status)  # fmt: skip
    if locked.status == ReportStatus.IN_REVIEW:
        notify.reviewers(locked, flow.stage_role(stage + 1), flow.stage_label(stage + 1))
    else:
        notify.publishers(locked)
    return locked


@transaction.atomic
def reject(record: AnnualReportRecord, *, actor, version, reason: str) -> AnnualReportRecord:
    locked = _lock(record, version)
    flow = workflow(locked.agency)
    stage = _require_stage(actor, locked, flow)
    reason = _require_text(reason)
    ReportReview.objects.create(
        report=locked, revision=locked.revision, round=locked.review_round, stage=stage,
        role=flow.stage_role(stage), decision=ReviewDecision.REJECTED, reason=reason, actor=actor,
        at=timezone.now(),
    )  # fmt: skip
    before = locked.status
    locked.status = ReportStatus.DRAFT
    _save(locked, record)
    log(locked, EventType.REJECTED, actor=actor, stage=stage, stage_label=flow.stage_label(stage), reason=reason,
        before=before, after=locked.status)  # fmt: skip
    notify.author(locked, "年度报告被退回修改")
    return locked


@transaction.atomic
def publish(record: AnnualReportRecord, *, actor, version) -> AnnualReportRecord:
    """Publish the approved revision into the portal's 年报 column (page + DOCX + PDF)."""
    locked = _lock(record, version)
    permissions.require(actor, "publish_annual_report", locked.agency)
    if locked.status != ReportStatus.APPROVED:
        raise ActionError(ErrorCode.WRONG_STATUS, status=_status(locked))
    flow = workflow(locked.agency)
    approvals = current_approvals(locked)
    if len(approvals) < flow.count:
        raise ActionError(ErrorCode.NOT_ALL_APPROVED)
    today = timezone.localdate()
    report = from_document(locked.document)
    report.signed_date = today
    report.published_date = locked.published_date or today  # a correction keeps the first publication date
    item = publish_to_catalogue(locked, report, actor=actor, approvals=approvals)
    before = locked.status
    locked.catalogue_item = item
    locked.status = ReportStatus.PUBLISHED
    locked.published_date = report.published_date
    _store(locked, report)
    _save(locked, record)
    log(locked, EventType.PUBLISHED, actor=actor, before=before, after=locked.status,
        published_date=locked.published_date, item=item.pk, index_number=item.index_number,
        url=item.get_absolute_url())  # fmt: skip
    return locked


@transaction.atomic
def add_to_portal(record: AnnualReportRecord, *, actor, version=None) -> AnnualReportRecord:
    """Put a report published before the platform (imported) into the portal's 年报 column: a new item
    of the catalogue, with the text, DOCX and PDF, submitted for the catalogue's own review. Nothing is
    replayed: the report never passed the platform's review, so the agency's reviewers approve the item
    in the catalogue office, and the portal shows it, official tables and all, once it is published."""
    locked = _lock(record, version)
    permissions.require(actor, "publish_annual_report", locked.agency)
    if locked.status != ReportStatus.PUBLISHED:
        raise ActionError(ErrorCode.NOT_PUBLISHED, status=_status(locked))
    if locked.catalogue_item_id is not None:
        from gongkai.catalogue.vocab import ItemStatus

        item = locked.catalogue_item
        raise ActionError(
            ErrorCode.ALREADY_IN_CATALOGUE, index_number=item.index_number,
            item_status=ItemStatus(item.status).label,
        )  # fmt: skip
    imported = locked.events.filter(type=EventType.IMPORTED).select_related("actor").first()
    item = submit_to_catalogue(
        locked, from_document(locked.document), actor=actor, importer=imported.actor if imported else None
    )
    locked.catalogue_item = item
    _save(locked, record)
    log(locked, EventType.ADDED_TO_PORTAL, actor=actor, item=item.pk, index_number=item.index_number,
        item_status=item.status, column=item.column.name, author=item.created_by_id)  # fmt: skip
    return locked


# --- supervising office ---------------------------------------------------------------------------------


def require_supervision(actor, agency: Agency) -> Agency:
    """The office that oversees `agency`, if `actor` may act for it (else PermissionDenied)."""
    office = office_of(agency)
    if permissions.is_administrator(actor):
        return office
    if (
        office is None
        or not permissions.has(actor, "supervise", office)
        or not permissions.supervises(actor, agency)
    ):
        permissions.require(actor, "supervise", agency)  # raises: not this agency's supervisor
    return office


@transaction.atomic
def send_back(record: AnnualReportRecord, *, actor, comment: str) -> AnnualReportRecord:
    """The supervising office returns a report for correction; the agency sees the comment on its draft."""
    locked = _lock(record, None)
    require_supervision(actor, locked.agency)
    comment = _require_text(comment, ErrorCode.COMMENT_REQUIRED, "comment")
    before = locked.status
    locked.status = ReportStatus.SENT_BACK
    _save(locked, record)
    log(locked, EventType.SENT_BACK, actor=actor, comment=comment, before=before, after=locked.status)
    notify.author(locked, "主管部门退回年度报告")
    return locked


@transaction.atomic
def set_deadline(
    office: Agency, *, actor, year: int, department: date | None, government: date | None,
    township: date | None, rule: str = "",
) -> Deadline:  # fmt: skip
    """The office's own publication dates for a report year; the stricter of these and art. 49 applies."""
    permissions.require(actor, "manage_annual_deadlines", office)
    for label, value in (
        ("部门发布期限", department),
        ("人民政府发布期限", government),
        ("乡镇、街道发布期限", township),
    ):
        if value is not None and not (date(year + 1, 1, 1) <= value <= date(year + 1, 12, 31)):
            raise ActionError(ErrorCode.DATE_INVALID, field="deadline", label=label, value=value.isoformat())
    deadline, _ = Deadline.objects.update_or_create(
        office=office, year=year,
        defaults={"department": department, "government": government, "township": township, "rule": rule.strip()},
    )  # fmt: skip
    return deadline


# --- imports --------------------------------------------------------------------------------------------


def _unreadable(report: AnnualReport) -> list[dict]:
    """The reader findings that mean the file is not a usable report (empty list when it is)."""
    codes = [f for f in report.reader_findings if f.check in UNREADABLE_CODES]
    if report.readable and not codes:
        return []
    bad = codes or report.reader_findings
    return [{"check": f.check, "message": f.message} for f in bad] or [
        {"check": "R.unreadable", "message": "文件无法读取"}
    ]


def can_import(actor, agency: Agency) -> bool:
    return permissions.has(actor, "import_annual_report", agency) or (
        permissions.has(actor, "view_annual_report", agency) and permissions.supervises(actor, agency)
    )


@transaction.atomic
def import_report(
    agency: Agency, *, actor, data: bytes, filename: str, year: int | None = None,
    published_date: date | None = None,
) -> AnnualReportRecord:  # fmt: skip
    """A report published before (or outside) the platform, read from its file and audited, so that the
    cross-year checks work from the first year."""
    if not can_import(actor, agency):
        permissions.require(actor, "import_annual_report", agency)
    name = Path(filename or "报告").name
    report = read_report(data, name)
    return _import(agency, report, actor=actor, name=name, year=year, published_date=published_date)


def _import(agency, report: AnnualReport, *, actor, name: str, year=None, published_date=None):
    problems = _unreadable(report)
    if problems:
        detail = "；".join(f"{p['check']} {p['message']}" for p in problems[:3])
        raise ActionError(ErrorCode.FILE_UNREADABLE, field="file", name=name, detail=detail, codes=problems)
    if year is not None and report.year is not None and int(year) != report.year:
        raise ActionError(
            ErrorCode.FILE_YEAR_MISMATCH, field="year", name=name, found=report.year, given=year
        )
    year = report.year or (int(year) if year else None)
    if year is None:
        raise ActionError(ErrorCode.FILE_NO_YEAR, field="year", name=name)
    report.year = year
    if not first_year() <= year <= timezone.localdate().year:
        raise ActionError(ErrorCode.YEAR_INVALID, field="year", year=year, first=first_year(),
                          last=timezone.localdate().year)  # fmt: skip
    if AnnualReportRecord.objects.filter(agency=agency, year=year).exists():
        raise ActionError(ErrorCode.ALREADY_EXISTS, agency=agency.name, year=year)
    report.published_date = published_date or report.published_date
    report.agency = report.agency or agency.name
    result = audit_report(
        report, prior=prior_report(agency, year), options=check_options(agency, year, timezone.localdate())
    )
    findings = []
    for f in result.findings:
        data = f.to_json()
        data["key"] = checks.finding_key(data)
        findings.append(data)
    tables = tables_of(report)
    record = AnnualReportRecord(
        agency=agency,
        year=year,
        status=ReportStatus.PUBLISHED,
        format_version=report.format_version,
        document=to_document(report),
        tables=tables,
        narrative=narrative_of(report),
        findings=findings,
        not_run=[{"check": n.check, "reason": n.reason} for n in result.not_run],
        content_findings=[],
        error_count=len(result.errors),
        warning_count=len(result.warnings),
        published_date=report.published_date,
        imported_from=name[:255],
        provenance={
            f"{t}.{key}": {"source": Source.IMPORTED.value, "query": f"导入文件“{name}”", "value": value}
            for t, cells in tables.items()
            for key, value in cells.items()
        },
    )
    record.save()
    log(record, EventType.IMPORTED, actor=actor, file=name, errors=record.error_count,
        warnings=record.warning_count, published_date=record.published_date)  # fmt: skip
    return record


def import_root() -> Path:
    default = Path(getattr(settings, "VAR_DIR", Path("var"))) / "annual-imports"
    return Path(getattr(settings, "GONGKAI_ANNUAL_IMPORT_DIR", default))


def _extract_zip(data: bytes, target: Path) -> int:
    """Unpack report files only, never outside `target`, within size and count limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ActionError(ErrorCode.ZIP_INVALID, field="upload") from exc
    if sum(e.file_size for e in entries) > MAX_ZIP_BYTES or len(entries) > MAX_ZIP_FILES:
        raise ActionError(ErrorCode.ZIP_TOO_LARGE, field="upload", limit=f"{MAX_ZIP_BYTES // 1048576} MB")
    count = 0
    for index, entry in enumerate(entries):
        raw = entry.filename
        if entry.flag_bits & 0x800 == 0:  # not UTF-8 flagged: Chinese Windows zips use GBK names
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                raw = raw.encode("cp437").decode("gbk")
        path = PurePosixPath(raw.replace("\\", "/"))
        if entry.is_dir() or path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        name = f"{index:04d}-{path.name}"[:200]
        try:
            content = archive.read(entry)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
            content = b""  # a damaged member is listed as unreadable, like any bad file
        (target / name).write_bytes(content)
        count += 1
    return count


@transaction.atomic
def start_import_job(office: Agency, *, actor, folder: str = "", upload: bytes | None = None,
                     upload_name: str = "") -> ImportJob:  # fmt: skip
    """A batch import for the agencies an office oversees: a server folder (administrators) or a ZIP."""
    permissions.require(actor, "batch_import_annual", office)
    if folder:
        if not permissions.is_administrator(actor):
            raise PermissionDenied("只有系统管理员可以从服务器文件夹导入")
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise ActionError(ErrorCode.FOLDER_INVALID, field="folder", path=folder)
        source, work = str(path), str(path)
    elif upload is not None:
        target = import_root() / f"job-{uuid.uuid4().hex}"
        target.mkdir(parents=True, exist_ok=True)
        try:
            count = _extract_zip(upload, target)
        except ActionError:
            shutil.rmtree(target, ignore_errors=True)
            raise
        if not count:
            shutil.rmtree(target, ignore_errors=True)
            raise ActionError(ErrorCode.NOTHING_TO_IMPORT, field="upload")
        source, work = Path(upload_name or "上传的压缩包.zip").name, str(target)
    else:
        raise ActionError(ErrorCode.NOTHING_TO_IMPORT, field="upload")
    job = ImportJob.objects.create(office=office, actor=actor, source=source, folder=work)
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(job_id: int) -> None:
    """Celery when Redis is configured, else inline (the request waits; the page shows the result)."""
    from . import tasks

    if getattr(settings, "REDIS_URL", ""):
        tasks.run_import_job.delay(job_id)
    else:
        run_import_job(job_id)


def _agency_key(name: str | None) -> str:
    return "".join((name or "").split())


def run_import_job(job_id: int) -> ImportJob:
    """Read and audit every file, import those that match an overseen agency; progress after each file."""
    from gongkai.report.batch import expand_paths, read_path

    from .supervise import overseen

    job = ImportJob.objects.select_related("office", "actor").get(pk=job_id)
    if job.status not in (ImportStatus.PENDING, ImportStatus.RUNNING):
        return job
    agencies = {_agency_key(a.name): a for a in overseen(job.office)}
    listed = list(expand_paths([job.folder]))
    ignored = []
    folder = Path(job.folder)
    if folder.is_dir():
        ignored = sorted(
            p for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in REPORT_SUFFIXES
        )  # fmt: skip
    job.status, job.total, job.done, job.results = ImportStatus.RUNNING, len(listed) + len(ignored), 0, []
    job.save(update_fields=["status", "total", "done", "results"])
    for path in ignored:
        job.results.append({"file": _shown(path.name), "outcome": "unreadable",
                            "codes": [{"check": "R.unsupported", "message": "不是年度报告文件类型"}]})  # fmt: skip
        job.done += 1
    for path, problem in listed:
        entry = {"file": _shown(Path(path).name)}
        try:
            if problem:
                entry |= {"outcome": "unreadable", "codes": [{"check": "R.unreadable", "message": problem}]}
            else:
                entry |= _import_one(job, read_path(path), agencies, Path(path).name)
        except Exception as exc:  # one bad file never stops the batch
            entry |= {
                "outcome": "unreadable",
                "codes": [{"check": "R.unreadable", "message": type(exc).__name__}],
            }
        job.results.append(entry)
        job.done += 1
        job.save(update_fields=["done", "results"])
    job.status, job.finished_at = ImportStatus.DONE, timezone.now()
    job.save(update_fields=["status", "finished_at", "done", "results"])
    return job


def _shown(name: str) -> str:
    """Uploaded ZIP members are stored as `0001-name`; show the original name."""
    head, sep, tail = name.partition("-")
    return tail if sep and head.isdigit() and len(head) == 4 else name


def _import_one(job: ImportJob, report: AnnualReport, agencies: dict, name: str) -> dict:
    problems = _unreadable(report)
    if problems:
        return {"outcome": "unreadable", "codes": problems}
    agency = agencies.get(_agency_key(report.agency))
    facts = {"agency": report.agency, "year": report.year}
    if agency is None:
        return {"outcome": "no_agency", **facts}
    if report.year is None:
        return {"outcome": "no_year", **facts}
    try:
        with transaction.atomic():
            record = _import(agency, report, actor=job.actor, name=_shown(name))
    except ActionError as exc:
        outcome = "exists" if exc.code == ErrorCode.ALREADY_EXISTS else "unreadable"
        return {"outcome": outcome, "message": exc.message, **facts}
    return {"outcome": "imported", "record": record.pk, "errors": record.error_count,
            "warnings": record.warning_count, **facts}  # fmt: skip
