"""Back office of 依申请公开 (/office/applications/): dashboard, case page with its steps, staff
intake, letter templates, holiday arrangement, tables 三/四. Every change goes through actions."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.report.formats import FORMATS
from gongkai.workdays import WorkdayCalendar

from . import actions, forms, letters, selectors, statistics
from . import calendar as platform_calendar
from .errors import ActionError
from .models import Appeal, Application, HolidayOverride, LetterTemplate, PersonalDataAccess
from .vocab import NOTICE_KINDS, ApplicationStatus, LetterKind, Outcome, outcome_label


def _agencies(user):
    return list(permissions.agencies_for(user, "view_cases"))


def _pick_agency(request) -> Agency:
    agencies = _agencies(request.user)
    code = request.GET.get("agency") or request.POST.get("agency")
    if code:
        agency = get_object_or_404(Agency, code=code)
        permissions.require(request.user, "view_cases", agency)
        return agency
    if not agencies:
        raise PermissionDenied("没有可查看的机关")
    return agencies[0]


@login_required
def dashboard(request):
    agency = _pick_agency(request)
    today = timezone.localdate()
    sections = selectors.dashboard(agency, today)
    titles = (("overdue", "已超期"), ("due_soon", f"{selectors.DUE_SOON_DAYS}个工作日内到期"),
              ("queued", "待人工审核（短时间内大量提交）"), ("no_due_date", "待补正或无法计算期限"), ("open", "其他办理中"))  # fmt: skip
    return render(request, "applications/dashboard.html", {
        "agency": agency, "agencies": _agencies(request.user), "today": today,
        "sections": [(key, title, sections[key]) for key, title in titles],
        "can_handle": permissions.has(request.user, "handle_case", agency),
        "can_edit_templates": permissions.has(request.user, "edit_letter_templates", agency),
        "is_admin": permissions.is_administrator(request.user),
        "closed": Application.objects.filter(agency=agency, status=ApplicationStatus.CLOSED).order_by("-concluded_on")[:20],
    })  # fmt: skip


STEPS = {
    # step: (form class, title, permission shown to, statuses it applies to)
    "acknowledge": (forms.VersionForm, "受理并承办", "handle_case"),
    "correction": (forms.CorrectionForm, "发出补正通知", "handle_case"),
    "correction_received": (forms.DateOnlyForm, "登记收到补正材料", "handle_case"),
    "consultation": (forms.ConsultationForm, "征求意见", "handle_case"),
    "consultation_end": (forms.ConsultationEndForm, "登记征求意见答复", "handle_case"),
    "extension": (forms.ExtensionForm, "延期答复（负责人批准）", "approve_extension"),
    "excessive": (forms.ExcessiveForm, "第三十五条处理", "handle_case"),
    "fee": (forms.FeeForm, "发出收费通知", "handle_case"),
    "payment": (forms.DateOnlyForm, "登记缴费", "handle_case"),
    "close": (forms.CloseForm, "办结并生成答复书", "handle_case"),
}


def _available_steps(case: Application) -> list[str]:
    if case.status == ApplicationStatus.CLOSED:
        return []
    if case.queued_for_review or case.status == ApplicationStatus.RECEIVED:
        return ["acknowledge", "close"] if not case.queued_for_review else ["acknowledge"]
    steps = []
    correction = case.corrections.order_by("-pk").first()
    if case.status == ApplicationStatus.AWAITING_CORRECTION:
        return ["correction_received"]
    steps.append("correction")
    if case.status == ApplicationStatus.IN_CONSULTATION:
        steps.append("consultation_end")
    else:
        steps.append("consultation")
    if not hasattr(case, "extension"):
        steps.append("extension")
    steps.append("excessive")
    notice = getattr(case, "fee_notice", None)
    if notice is None:
        steps.append("fee")
    elif notice.paid_on is None:
        steps.append("payment")
    steps.append("close")
    del correction
    return steps


def _case_for(request, pk: int) -> Application:
    case = get_object_or_404(Application.objects.select_related("agency", "assignee"), pk=pk)
    permissions.require(request.user, "view_cases", case.agency)
    return case


def _detail(request, case: Application, bound: tuple[str, object] | None = None, status: int = 200):
    today = timezone.localdate()
    can_see_person = permissions.has(request.user, "view_applicant", case.agency)
    applicant = None
    if can_see_person:
        applicant = getattr(case, "applicant", None)
        PersonalDataAccess.objects.create(user=request.user, application=case, what="查看案件页面")
    step_forms = []
    for step in _available_steps(case):
        form_class, title, perm = STEPS[step]
        if not permissions.has(request.user, perm, case.agency):
            continue
        if bound and bound[0] == step:
            form = bound[1]
        else:
            form = form_class(initial={"version": case.version}, prefix=step)
        step_forms.append((step, title, form))
    can_handle = permissions.has(request.user, "handle_case", case.agency)
    return render(request, "applications/case.html", {
        "case": case, "agency": case.agency, "applicant": applicant, "can_see_person": can_see_person,
        "findings": selectors.case_findings(case, today), "events": case.events.select_related("actor"),
        "step_forms": step_forms, "letters": case.letters.all(), "appeals": case.appeals.all(),
        "appeal_form": (bound[1] if bound and bound[0] == "appeal" else forms.AppealForm(prefix="appeal")) if can_handle else None,
        "corrections": case.corrections.all(), "consultations": case.consultations.all(),
        "extension": getattr(case, "extension", None), "fee_notice": getattr(case, "fee_notice", None),
        "today": today,
    }, status=status)  # fmt: skip


@login_required
def case_detail(request, pk: int):
    return _detail(request, _case_for(request, pk))


def _do(step: str, case: Application, data: dict, user):
    v = data.get("version")
    if step == "acknowledge":
        return actions.acknowledge(case, actor=user, version=v)
    if step == "correction":
        return actions.request_correction(case, actor=user, items=data["items"], respond_by=data["respond_by"],
                                          sent_on=data.get("sent_on"), repeat_reason=data.get("repeat_reason", ""),
                                          version=v)  # fmt: skip
    if step == "correction_received":
        return actions.receive_correction(case, actor=user, received_on=data.get("on"), version=v)
    if step == "consultation":
        return actions.start_consultation(case, actor=user, kind=data["kind"], party=data["party"],
                                          sent_on=data.get("sent_on"), delivered_on=data.get("delivered_on"), version=v)  # fmt: skip
    if step == "consultation_end":
        return actions.end_consultation(case, actor=user, answered_on=data.get("answered_on"),
                                        answer=data.get("answer", ""), version=v)  # fmt: skip
    if step == "extension":
        return actions.grant_extension(case, actor=user, days=data["days"], reason=data["reason"],
                                       notice_sent_on=data.get("notice_sent_on"), version=v)  # fmt: skip
    if step == "excessive":
        return actions.handle_excessive(case, actor=user, decision=data["decision"], reason=data["reason"],
                                        delay_until=data.get("delay_until"), version=v)  # fmt: skip
    if step == "fee":
        return actions.send_fee_notice(case, actor=user, method=data["method"], pages=data.get("pages"),
                                       sent_on=data.get("sent_on"), version=v)  # fmt: skip
    if step == "payment":
        return actions.record_payment(case, actor=user, paid_on=data.get("on"), version=v)
    if step == "close":
        return actions.close_case(case, actor=user, outcome=data["outcome"], note=data.get("note", ""),
                                  answered_on=data.get("answered_on"), version=v)  # fmt: skip
    raise Http404(step)


DONE = {
    "acknowledge": "已受理。", "correction": "补正通知已登记，补正通知书已生成。",
    "correction_received": "已登记收到补正材料，答复期限已重新计算。",
    "consultation": "征求意见已登记，期间不计入答复期限。", "consultation_end": "已登记答复，答复期限已重新计算。",
    "extension": "已批准延期答复，延期答复告知书已生成。", "excessive": "已按第三十五条处理。",
    "fee": "收费通知已登记，收费通知书已生成。",
    "payment": "已登记缴费。", "close": "已办结，答复书已生成。",
}  # fmt: skip


@login_required
def case_step(request, pk: int, step: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = _case_for(request, pk)
    if step not in STEPS:
        raise Http404(step)
    form = STEPS[step][0](request.POST, prefix=step)
    if not form.is_valid():
        messages.error(request, "请按提示修改后重新提交。")
        return _detail(request, case, (step, form), status=400)
    try:
        _do(step, case, form.cleaned_data, request.user)
    except ActionError as exc:
        form.add_error(None, exc.message)
        messages.error(request, exc.message)
        case.refresh_from_db()
        return _detail(request, case, (step, form), status=409 if exc.code == "stale" else 400)
    messages.success(request, DONE[step])
    return redirect("applications:case", pk=case.pk)


@login_required
@require_POST
def appeal_add(request, pk: int):
    case = _case_for(request, pk)
    form = forms.AppealForm(request.POST, prefix="appeal")
    if not form.is_valid():
        return _detail(request, case, ("appeal", form), status=400)
    d = form.cleaned_data
    follows = (
        case.appeals.filter(kind="reconsideration").order_by("-pk").first()
        if d["kind"] == "suit_after_reconsideration"
        else None
    )
    try:
        actions.record_appeal(case, actor=request.user, kind=d["kind"], role=d["role"], filed_on=d["filed_on"],
                              result=d["result"], decided_on=d.get("decided_on"), reference=d.get("reference", ""),
                              follows=follows)  # fmt: skip
    except ActionError as exc:
        form.add_error(None, exc.message)
        return _detail(request, case, ("appeal", form), status=400)
    messages.success(request, "复议、诉讼记录已登记。")
    return redirect("applications:case", pk=case.pk)


@login_required
@require_POST
def appeal_update(request, pk: int):
    appeal = get_object_or_404(Appeal.objects.select_related("case", "agency"), pk=pk)
    permissions.require(request.user, "view_cases", appeal.case.agency)
    form = forms.AppealUpdateForm(request.POST)
    if form.is_valid():
        try:
            actions.update_appeal(appeal, actor=request.user, result=form.cleaned_data["result"],
                                  decided_on=form.cleaned_data.get("decided_on"))  # fmt: skip
            messages.success(request, "结果已更新。")
        except ActionError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("applications:case", pk=appeal.case_id)


@login_required
def letter_file(request, pk: int, letter_pk: int, kind: str):
    case = _case_for(request, pk)
    letter = get_object_or_404(case.letters, pk=letter_pk)
    if kind not in ("docx", "pdf"):
        raise Http404(kind)
    permissions.require(request.user, "view_applicant", case.agency)  # the letter names the applicant
    PersonalDataAccess.objects.create(
        user=request.user, application=case, what=f"下载{letter.get_kind_display()}（{kind.upper()}）"
    )
    f = getattr(letter, kind)
    if not f:
        raise Http404(kind)
    return FileResponse(
        f.open("rb"), as_attachment=True, filename=f"{case.case_number}-{letter.title}.{kind}"
    )


@login_required
def id_document(request, pk: int):
    case = _case_for(request, pk)
    permissions.require(request.user, "view_applicant", case.agency)
    applicant = getattr(case, "applicant", None)
    if applicant is None or not applicant.id_document:
        raise Http404("no document")
    PersonalDataAccess.objects.create(user=request.user, application=case, what="查看身份证明文件")
    return FileResponse(applicant.id_document.open("rb"), as_attachment=True,
                        filename=f"{case.case_number}-身份证明{applicant.id_document.name[-4:]}")  # fmt: skip


@login_required
def intake(request):
    agency = _pick_agency(request)
    permissions.require(request.user, "handle_case", agency)
    form = forms.StaffIntakeForm(request.POST or None, request.FILES or None,
                                 initial={"arrived_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case, _ = actions.receive_application(
                agency, actor=request.user, channel=d["channel"], applicant_type=form.applicant_type(),
                applicant=form.applicant(), request_description=d["request_description"],
                delivery_form=d["delivery_form"], delivery_method=d["delivery_method"],
                arrived_at=timezone.make_aware(datetime.combine(d["arrived_on"], time(9))),
                signed_on=d.get("signed_on"), confirmed_on=d.get("confirmed_on"), id_document=d.get("id_document"),
            )  # fmt: skip
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记申请 {case.case_number}，查询码 {case.tracking_code}。")
            return redirect("applications:case", pk=case.pk)
    return render(request, "applications/intake.html", {"form": form, "agency": agency},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


def _template_label(key: str) -> str:
    return LetterKind(key).label if key in NOTICE_KINDS else outcome_label(key)


@login_required
def templates_list(request):
    """One template per outcome (its reply letter) and one per notice kind."""
    agency = _pick_agency(request)
    own = {t.outcome or t.kind: t for t in LetterTemplate.objects.filter(agency=agency)}
    replies = [(o, outcome_label(o), own.get(o)) for o in Outcome.values]
    notices = [(k.value, k.label, own.get(k.value)) for k in NOTICE_KINDS]
    return render(request, "applications/templates.html", {
        "agency": agency, "rows": replies, "notice_rows": notices,
        "can_edit": permissions.has(request.user, "edit_letter_templates", agency),
    })  # fmt: skip


@login_required
def template_edit(request, code: str, key: str):
    """`key` is an outcome (its reply letter) or a notice kind."""
    agency = get_object_or_404(Agency, code=code)
    permissions.require(request.user, "edit_letter_templates", agency)
    if key not in Outcome.values and key not in NOTICE_KINDS:
        raise Http404(key)
    kind = key if key in NOTICE_KINDS else LetterKind.REPLY_LETTER
    current = LetterTemplate.objects.filter(
        agency=agency, kind=kind, outcome="" if key in NOTICE_KINDS else key
    ).first()
    title, basis, body = letters.default_template(key)
    initial = {"title": title, "legal_basis": basis, "body": body}
    if current:
        initial = {"title": current.title, "legal_basis": current.legal_basis, "body": current.body,
                   "version": current.version}  # fmt: skip
    form = forms.LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.save_letter_template(agency, actor=request.user, key=key, title=d["title"], body=d["body"],
                                         legal_basis=d["legal_basis"], version=d.get("version"))  # fmt: skip
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "模板已保存。")
            return redirect(f"{reverse('applications:templates')}?agency={agency.code}")
    return render(request, "applications/template_edit.html", {
        "form": form, "agency": agency, "key": key, "label": _template_label(key),
        "is_notice": key in NOTICE_KINDS, "placeholders": letters.placeholders(key),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
def holidays(request):
    if not permissions.is_administrator(request.user):
        raise PermissionDenied("只有管理员可以维护节假日安排")
    cal = platform_calendar.current()
    year = request.GET.get("year") or request.POST.get("year")
    initial = {}
    if year and str(year).isdigit():
        try:
            a = cal.arrangement(int(year)).to_dict()
            initial = {"year": int(year),
                       "public_holidays": "\n".join(f"{d} {n}" for d, n in a["public_holidays"].items()),
                       "makeup_workdays": "\n".join(f"{d} {n}" for d, n in a["makeup_workdays"].items()),
                       "source_title": (a["sources"][0]["title"] if a["sources"] else "")}  # fmt: skip
        except Exception:
            initial = {"year": int(year)}
    form = forms.HolidayForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            override = actions.set_holiday_override(actor=request.user, year=form.cleaned_data["year"],
                                                    data=form.arrangement(), note=form.cleaned_data["note"])  # fmt: skip
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                f"{override.year}年节假日安排已保存，{override.recomputed}件未办结申请的答复期限已重新计算。",
            )
            return redirect(f"{reverse('applications:holidays')}?year={override.year}")
    return render(request, "applications/holidays.html", {
        "form": form, "years": WorkdayCalendar().years, "loaded": cal.years,
        "history": HolidayOverride.objects.select_related("edited_by").order_by("-pk")[:30],
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
def tables(request):
    agency = _pick_agency(request)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2019), 2100)
    subunits = request.GET.get("subunits") == "1"
    scope = statistics.with_subunits(agency) if subunits else agency
    three, four = statistics.table_three(scope, year), statistics.table_four(scope, year)
    fmt = FORMATS[three.version]
    rows = [(r, [three.number(r.code, c.code) for c in fmt.three.columns]) for r in fmt.three.data_rows()]
    four_rows = [(g, [four.number(g.code, c.code) for c in fmt.four.columns]) for g in fmt.four.groups]
    return render(request, "applications/tables.html", {
        "agency": agency, "year": year, "subunits": subunits, "fmt": fmt, "rows": rows, "four_rows": four_rows,
        "fees": statistics.fee_summary(scope, year),
    })  # fmt: skip
