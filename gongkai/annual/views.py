"""Back office of annual reports (/office/annual/): an agency drafts, checks, reviews and publishes its
report; a supervising office follows all its agencies. Every view checks permissions through
`gongkai.agencies.permissions` and changes state only through `actions`; an `ActionError` becomes a
Chinese message, never a 500."""

from __future__ import annotations

import io
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.agencies.roles import AgencyKind
from gongkai.report.writers.html import table_html

from . import actions, aggregate, charts, similarity, supervise
from .deadlines import due_date, due_dates
from .document import TABLE_TITLES, TABLES, cell_specs, format_of, from_document
from .errors import ActionError
from .events import describe
from .forms import BatchImportForm, DeadlineForm, DraftForm, ImportForm
from .models import AnnualReportRecord, ImportJob, ReportEvent
from .review import available_actions, stages
from .vocab import DisplayStatus, EventType, ImportOutcome, ImportStatus, ReportStatus, Source

TABLE_BY_CN = {"二": "two", "三": "three", "四": "four"}
PAGE_SIZE = 50


def current_report_year() -> int:
    """Jan–Mar still belong to last year's report (deadlines 31 Jan / 31 Mar); after that, this year's."""
    today = timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


def _agency(request, code: str, perm: str = "view_annual_report") -> Agency:
    agency = get_object_or_404(Agency, code=code)
    permissions.require(request.user, perm, agency)
    return agency


def _record(agency: Agency, year: int) -> AnnualReportRecord:
    return get_object_or_404(AnnualReportRecord.objects.select_related("agency"), agency=agency, year=year)


def _report_url(record: AnnualReportRecord) -> str:
    return reverse("annual:report", args=[record.agency.code, record.year])


def _fail(request, error: ActionError) -> None:
    messages.error(request, error.message)


# --- agency pages ---------------------------------------------------------------------------------------


@login_required
def home(request):
    agencies = list(permissions.agencies_for(request.user, "view_annual_report"))
    offices = list(supervise.offices_for(request.user))
    if len(agencies) == 1 and not offices:
        return redirect("annual:agency", agencies[0].code)
    if offices and not agencies:
        return redirect("annual:supervise", current_report_year())
    return render(request, "annual/home.html", {"agencies": agencies, "offices": offices,
                                                "year": current_report_year()})  # fmt: skip


@login_required
def agency_page(request, code):
    agency = _agency(request, code)
    year = current_report_year()
    records = list(AnnualReportRecord.objects.filter(agency=agency).order_by("-year"))
    due = due_date(agency, year)
    return render(
        request,
        "annual/agency.html",
        {
            "agency": agency,
            "records": records,
            "year": year,
            "has_current": any(r.year == year for r in records),
            "due": due,
            "can_edit": permissions.has(request.user, "edit_annual_report", agency),
            "can_import": actions.can_import(request.user, agency),
            "import_form": ImportForm(),
        },
    )


@login_required
@require_POST
def create_draft(request, code):
    agency = _agency(request, code, "edit_annual_report")
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的报告年度。")
        return redirect("annual:agency", code)
    try:
        record = actions.create_draft(agency, form.cleaned_data["year"], actor=request.user)
    except ActionError as error:
        _fail(request, error)
        return redirect("annual:agency", code)
    messages.success(request, "已根据平台数据生成初稿，请逐项核对并补充正文。")
    return redirect(_report_url(record))


@login_required
@require_POST
def import_file(request, code):
    agency = get_object_or_404(Agency, code=code)
    if not actions.can_import(request.user, agency):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect("annual:agency", code)
    upload = form.cleaned_data["file"]
    try:
        record = actions.import_report(
            agency,
            actor=request.user,
            data=upload.read(),
            filename=upload.name,
            year=form.cleaned_data["year"],
            published_date=form.cleaned_data["published_date"],
        )
    except ActionError as error:
        _fail(request, error)
        return redirect("annual:agency", code)
    messages.success(
        request, f"已导入{record.title}（错误{record.error_count}处，提示{record.warning_count}条）。"
    )
    return redirect(_report_url(record))


def _highlights(findings: list[dict]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for f in findings:
        loc = f.get("location") or {}
        name = TABLE_BY_CN.get(loc.get("table") or "")
        if not name:
            continue
        keys = loc.get("cells") or (
            [f"{loc['row']}.{loc['column']}"] if loc.get("row") and loc.get("column") else []
        )
        for key in keys:
            if out[name].get(key) != "error":
                out[name][key] = f["severity"]
    return out


def _provenance(record: AnnualReportRecord, report) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for key, spec in cell_specs(report.format).items():
        entry = record.provenance.get(key) or {}
        value = getattr(report, spec.table).cell(spec.row, spec.column).value
        source = entry.get("source", "")
        out[spec.table].append({
            "key": key, "label": spec.label, "value": value, "source": source,
            "source_label": Source(source).label if source in Source.values else "—",
            "query": entry.get("query", ""), "reason": entry.get("reason"), "before": entry.get("before"),
        })  # fmt: skip
    return out


def _report_context(request, record: AnnualReportRecord, posted: dict | None = None) -> dict:
    report = from_document(record.document)
    prior = AnnualReportRecord.objects.filter(agency=record.agency, year=record.year - 1).first()
    prior_report = from_document(prior.document) if prior else None
    highlights = _highlights(record.findings)
    content_by_section: dict[str, list[dict]] = defaultdict(list)
    for f in record.content_findings:
        content_by_section[f.get("section", "")].append(f)
    sections = []
    for section in report.format.sections:
        rs = report.sections.get(section.code)
        prior_text = ""
        if prior_report is not None and prior_report.sections.get(section.code) is not None:
            prior_text = prior_report.sections[section.code].text
        sections.append({
            "code": section.code, "heading": section.heading,
            "text": (posted or {}).get(section.code, rs.text if rs else ""),
            "prior": prior_text,
            "table": table_html(report, section.table, highlights=highlights.get(section.table)) if section.table else "",
            "table_name": section.table,
            "content": content_by_section.get(section.code, []),
            "findings": [f for f in record.findings if (f.get("location") or {}).get("section") == section.code],
        })  # fmt: skip
    warnings = []
    for f in record.findings:
        if f["severity"] == "warning":
            warnings.append(f | {"dismissal": record.dismissed.get(f.get("key"))})
    events = list(ReportEvent.objects.filter(report=record).select_related("actor"))
    sent_back = [e for e in events if e.type == EventType.SENT_BACK]
    provenance = _provenance(record, report)
    supervises = permissions.supervises(request.user, record.agency) or permissions.is_administrator(
        request.user
    )
    return {
        "agency": record.agency,
        "record": record,
        "report": report,
        "prior": prior,
        "preamble": (posted or {}).get("preamble", report.preamble),
        "prior_preamble": prior_report.preamble if prior_report else "",
        "sections": sections,
        "errors": [f for f in record.findings if f["severity"] == "error"],
        "warnings": warnings,
        "open_warnings": sum(1 for w in warnings if not w["dismissal"]),
        "not_run": record.not_run,
        "content": record.content_findings,
        "blocking": [f for f in record.content_findings if f.get("severity") == "blocking"],
        "preamble_content": content_by_section.get("preamble", []),
        "provenance": [(TABLE_TITLES[name], provenance[name]) for name in TABLES],
        "overrides": [
            p for name in TABLES for p in provenance[name] if p["source"] == Source.MANUAL and p["reason"]
        ],
        "cells": list(cell_specs(report.format).values()),
        "actions": available_actions(request.user, record),
        "stages": stages(record),
        "timeline": [(e, describe(e)) for e in reversed(events)],
        "sent_back": sent_back if record.status == ReportStatus.SENT_BACK else sent_back[-1:],
        "due": due_date(record.agency, record.year),
        "can_send_back": supervises and record.status != ReportStatus.SENT_BACK,
        "status_label": ReportStatus(record.status).label,
    }


@login_required
def report_page(request, code, year):
    agency = _agency(request, code)
    record = _record(agency, year)
    return render(request, "annual/report.html", _report_context(request, record))


def _posted_version(request):
    return request.POST.get("version") or None


@login_required
@require_POST
def save_sections(request, code, year):
    agency = _agency(request, code)
    record = _record(agency, year)
    texts = {s.code: request.POST[f"section-{s.code}"] for s in format_of(record.format_version).sections
             if f"section-{s.code}" in request.POST}  # fmt: skip
    try:
        actions.save_sections(
            record, actor=request.user, version=_posted_version(request), sections=texts,
            preamble=request.POST.get("preamble"),
        )  # fmt: skip
    except ActionError as error:
        _fail(request, error)
        record.refresh_from_db()
        posted = dict(texts)
        if "preamble" in request.POST:
            posted["preamble"] = request.POST["preamble"]
        context = _report_context(request, record, posted=posted)
        context["conflict"] = error.code == "annual.stale_version"
        return render(request, "annual/report.html", context, status=409 if context["conflict"] else 400)
    messages.success(request, "已保存，检查结果已更新。")
    return redirect(_report_url(record) + "#checks")


def _post_action(request, code, year, run, success: str, anchor: str = ""):
    agency = _agency(request, code)
    record = _record(agency, year)
    try:
        run(record)
    except ActionError as error:
        _fail(request, error)
    else:
        messages.success(request, success)
    return redirect(_report_url(record) + anchor)


@login_required
@require_POST
def override(request, code, year):
    return _post_action(
        request, code, year,
        lambda r: actions.override_figure(
            r, actor=request.user, version=_posted_version(request), cell=request.POST.get("cell", ""),
            value=request.POST.get("value", ""), reason=request.POST.get("reason", ""),
        ),
        "数字已修改，修改理由已记录。", "#tables",
    )  # fmt: skip


@login_required
@require_POST
def dismiss(request, code, year):
    return _post_action(
        request, code, year,
        lambda r: actions.dismiss_warning(r, actor=request.user, version=_posted_version(request),
                                          key=request.POST.get("key", ""), reason=request.POST.get("reason", "")),
        "已记录说明理由。", "#checks",
    )  # fmt: skip


@login_required
@require_POST
def submit(request, code, year):
    return _post_action(
        request, code, year, lambda r: actions.submit(r, actor=request.user, version=_posted_version(request)),
        "已提交审核。",
    )  # fmt: skip


@login_required
@require_POST
def approve(request, code, year):
    return _post_action(
        request, code, year, lambda r: actions.approve(r, actor=request.user, version=_posted_version(request)),
        "审核通过。",
    )  # fmt: skip


@login_required
@require_POST
def reject(request, code, year):
    return _post_action(
        request, code, year,
        lambda r: actions.reject(r, actor=request.user, version=_posted_version(request),
                                 reason=request.POST.get("reason", "")),
        "已退回修改。",
    )  # fmt: skip


@login_required
@require_POST
def publish(request, code, year):
    return _post_action(
        request, code, year, lambda r: actions.publish(r, actor=request.user, version=_posted_version(request)),
        "年度报告已发布到门户网站“政府信息公开年报”栏目。",
    )  # fmt: skip


@login_required
@require_POST
def add_to_portal(request, code, year):
    return _post_action(
        request, code, year,
        lambda r: actions.add_to_portal(r, actor=request.user, version=_posted_version(request)),
        "已放入公开目录“政府信息公开年报”栏目并提交审核；公开目录审核通过后在门户网站公开。",
    )  # fmt: skip


@login_required
@require_POST
def send_back(request, code, year):
    agency = get_object_or_404(Agency, code=code)
    record = _record(agency, year)
    try:
        actions.send_back(record, actor=request.user, comment=request.POST.get("comment", ""))
    except ActionError as error:
        _fail(request, error)
    else:
        messages.success(request, f"已将{record.title}退回{agency.name}修改。")
    back = request.POST.get("next", "")
    if back.startswith("/office/annual/supervise/"):
        return redirect(back)
    return redirect(_report_url(record))


@login_required
def download(request, code, year, fmt):
    from . import outputs

    agency = _agency(request, code)
    record = _record(agency, year)
    if fmt not in ("html", "docx", "pdf"):
        raise Http404
    report = from_document(record.document)
    try:
        data = outputs.render_as(report, fmt)
    except ActionError as error:  # e.g. the PDF could not be typeset: a message, never a 500
        _fail(request, error)
        return redirect(_report_url(record))
    response = HttpResponse(data, content_type=outputs.CONTENT_TYPES[fmt])
    if fmt != "html":
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(record.title + '.' + fmt)}"
    return response


# --- supervising office ---------------------------------------------------------------------------------


def _office(request) -> Agency:
    offices = supervise.offices_for(request.user)
    code = request.GET.get("office") or request.POST.get("office")
    office = offices.filter(code=code).first() if code else offices.first()
    if office is None:
        raise PermissionDenied("您不是政府信息公开工作主管部门的工作人员")
    return office


def _year(year: int) -> int:
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Http404("没有这个年度")
    return year


def _supervise_base(request, year: int) -> dict:
    office = _office(request)
    return {
        "office": office,
        "offices": list(supervise.offices_for(request.user)),
        "year": year,
        "years": list(range(current_report_year(), current_report_year() - 5, -1)),
        "office_param": f"office={office.code}",
    }


@login_required
def supervise_index(request):
    office = _office(request)
    return redirect(reverse("annual:supervise", args=[current_report_year()]) + f"?office={office.code}")


@login_required
def supervise_table(request, year):
    year = _year(year)
    base = _supervise_base(request, year)
    office = base["office"]
    today = timezone.localdate()
    dues = due_dates(office, year)
    query = supervise.Query.from_params(request.GET)
    qs = supervise.rows(office, year, today, query, dues)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(DisplayStatus.choices)
    for a in page.object_list:
        a.display_label = labels[a.display]
    counts = supervise.counts(office, year, today, dues)
    headers = [
        ("name", "机关"), ("status", "状态"), ("deadline", "发布期限"), ("published", "发布日期"),
        ("errors", "错误"), ("warnings", "提示"),
    ]  # fmt: skip
    sort_links = []
    for key, label in headers:
        current = query.sort.lstrip("-") == key
        descending = query.sort.startswith("-")
        target = f"-{key}" if current and not descending else key
        sort_links.append({"key": key, "label": label, "url": "?" + query.params(sort=target) + "&" + base["office_param"],
                           "current": current, "descending": descending})  # fmt: skip
    return render(
        request,
        "annual/supervise_table.html",
        base
        | {
            "page": page,
            "query": query,
            "counts": counts,
            "status_counts": [(value, label, counts[value]) for value, label in DisplayStatus.choices],
            "statuses": DisplayStatus.choices,
            "kinds": [(k, label) for k, label in AgencyKind.choices if k != AgencyKind.SUPERVISOR],
            "dues": dues,
            "sort_links": sort_links,
            "page_params": query.params() + "&" + base["office_param"],
        },
    )


@login_required
def supervise_export(request, year):
    from openpyxl import Workbook

    year = _year(year)
    office = _office(request)
    today = timezone.localdate()
    query = supervise.Query.from_params(request.GET)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{year}年度")
    sheet.append([f"{office.name}所辖机关{year}年政府信息公开工作年度报告情况（导出时间{today:%Y-%m-%d}）"])
    header = ["机关", "机关类型", "状态", "发布期限", "发布日期", "报送日期", "错误", "提示", "来源"]
    sheet.append(header)
    kinds = dict(AgencyKind.choices)
    labels = dict(DisplayStatus.choices)
    for a in supervise.rows(office, year, today, query).iterator(chunk_size=1000):
        sheet.append([
            a.name, kinds.get(a.kind, a.kind), labels[a.display], a.deadline, a.r_published, a.r_submitted,
            a.r_errors, a.r_warnings, f"导入：{a.r_imported}" if a.r_imported else ("平台" if a.r_id else ""),
        ])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    from urllib.parse import quote

    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{office.name}{year}年度报告情况.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def supervise_tables(request, year):
    year = _year(year)
    base = _supervise_base(request, year)
    office = base["office"]
    include = request.GET.get("include") == "all"
    agg = aggregate.aggregate(office, year, include_drafts=include)
    report = agg.report(f"{office.name}所辖机关{year}年度汇总")
    specs = cell_specs(report.format)
    cell = request.GET.get("cell") or "three.received.total"
    if cell not in specs:
        cell = "three.received.total"
    drill = aggregate.drill_down(office, year, cell, include_drafts=include)
    yoy = aggregate.year_over_year(office, year, include_drafts=include)
    labels = [str(y) for y in yoy["years"]]
    chart_list = []
    for code, label, _keys in aggregate.MEASURES:
        values = [yoy["totals"][code][y] for y in yoy["years"]]
        chart_list.append({"label": label, "svg": charts.bar_chart(f"{label}·历年合计", labels, values,
                                                                  highlight=len(values) - 1),
                           "values": values})  # fmt: skip
    agency_rows = []
    for row in yoy["agencies"]:
        cells = []
        for code, _label, _keys in aggregate.MEASURES:
            now = row["values"].get(code, {}).get(year)
            before = row["values"].get(code, {}).get(year - 1)
            diff = None if now is None or before is None else now - before
            cells.append({"now": now, "before": before, "diff": diff})
        agency_rows.append({"agency": row["agency"], "code": row["code"], "cells": cells})
    return render(
        request,
        "annual/supervise_tables.html",
        base
        | {
            "agg": agg,
            "include": include,
            "tables": [(TABLE_TITLES[n], table_html(report, n)) for n in TABLES],
            "cell": specs[cell],
            "cells": list(specs.values()),
            "drill": drill,
            "drill_total": sum((r["value"] or 0) for r in drill),
            "charts": chart_list,
            "measures": aggregate.MEASURES,
            "yoy_years": yoy["years"],
            "agency_rows": agency_rows,
        },
    )


@login_required
def supervise_similarity(request, year):
    year = _year(year)
    base = _supervise_base(request, year)
    threshold = similarity.default_threshold()
    raw = request.GET.get("threshold", "")
    try:
        from decimal import Decimal

        if raw:
            value = Decimal(raw)
            if Decimal("0.1") <= value <= Decimal("1"):
                threshold = value
    except ArithmeticError:
        messages.error(request, "阈值应为0.1至1之间的小数，已使用默认值。")
    found = similarity.flags(base["office"], year, threshold)
    return render(request, "annual/supervise_similarity.html", base | {"threshold": threshold, **found})


@login_required
def supervise_deadlines(request, year):
    year = _year(year)
    base = _supervise_base(request, year)
    office = base["office"]
    permissions.require(request.user, "manage_annual_deadlines", office)
    dues = due_dates(office, year)
    if request.method == "POST":
        form = DeadlineForm(request.POST)
        if form.is_valid():
            try:
                actions.set_deadline(office, actor=request.user, year=year, **form.cleaned_data)
            except ActionError as error:
                _fail(request, error)
            else:
                messages.success(request, "发布期限已保存。")
                return redirect(reverse("annual:deadlines", args=[year]) + f"?office={office.code}")
    else:
        form = DeadlineForm(initial={k: dues[k].local for k in ("department", "government", "township")})
    return render(request, "annual/supervise_deadlines.html", base | {"form": form, "dues": dues})


@login_required
def imports(request):
    office = _office(request)
    permissions.require(request.user, "batch_import_annual", office)
    form = BatchImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("upload")
        try:
            job = actions.start_import_job(
                office, actor=request.user, folder=(form.cleaned_data.get("folder") or "").strip(),
                upload=upload.read() if upload else None, upload_name=upload.name if upload else "",
            )  # fmt: skip
        except ActionError as error:
            _fail(request, error)
        else:
            return redirect(reverse("annual:import-job", args=[job.pk]) + f"?office={office.code}")
    jobs = ImportJob.objects.filter(office=office)[:20]
    return render(
        request,
        "annual/imports.html",
        {
            "office": office,
            "form": form,
            "jobs": jobs,
            "year": current_report_year(),
            "is_admin": permissions.is_administrator(request.user),
        },  # fmt: skip
    )


@login_required
def import_job(request, pk):
    job = get_object_or_404(ImportJob.objects.select_related("office"), pk=pk)
    permissions.require(request.user, "batch_import_annual", job.office)
    outcomes = dict(ImportOutcome.choices)
    results = [r | {"outcome_label": outcomes.get(r.get("outcome"), r.get("outcome"))} for r in job.results]
    summary: dict[str, int] = defaultdict(int)
    for r in job.results:
        summary[outcomes.get(r.get("outcome"), r.get("outcome"))] += 1
    running = job.status in (ImportStatus.PENDING, ImportStatus.RUNNING)
    return render(
        request,
        "annual/import_job.html",
        {
            "job": job,
            "office": job.office,
            "results": results,
            "summary": dict(summary),
            "running": running,
            "status_label": ImportStatus(job.status).label,
            "year": current_report_year(),
        },  # fmt: skip
    )
