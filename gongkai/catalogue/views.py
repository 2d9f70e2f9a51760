"""Back office of the catalogue (/office/catalogue/): lists, forms, the item page, review queue, columns.

Every view checks permissions through `gongkai.agencies.permissions` and changes state only through
`actions`; an `ActionError` becomes a Chinese message, never a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency

from . import actions
from .errors import ActionError
from .events import describe
from .forms import (
    ColumnForm,
    IndexPatternForm,
    ItemForm,
    ReasonForm,
    ScheduleForm,
    ValidityForm,
    WorkflowForm,
    column_choices,
)
from .models import Attachment, Catalogue, Column, Item, ItemEvent, Review, Workflow
from .presenters import highlighted, numbered
from .review import available_actions, can_review, current_approvals, current_stage, latest_check
from .vocab import ItemStatus


def _agency(request, code: str, perm: str = "view_drafts") -> Agency:
    agency = get_object_or_404(Agency, code=code)
    permissions.require(request.user, perm, agency)
    return agency


def _item(agency: Agency, pk: int) -> Item:
    """Only this agency's items: another agency's draft is a 404, never shown."""
    return get_object_or_404(Item.objects.select_related("agency", "column"), pk=pk, agency=agency)


def _detail_url(item: Item) -> str:
    return reverse("catalogue:item", args=[item.agency.code, item.pk])


@login_required
def home(request):
    agencies = list(permissions.agencies_for(request.user, "view_drafts"))
    if len(agencies) == 1:
        return redirect("catalogue:items", agencies[0].code)
    return render(request, "catalogue/home.html", {"agencies": agencies})


@login_required
def item_list(request, code):
    agency = _agency(request, code)
    items = Item.objects.filter(agency=agency).select_related("column")
    status = request.GET.get("status", "")
    column = request.GET.get("column", "")
    if status in ItemStatus.values:
        items = items.filter(status=status)
    if column.isdigit():
        column_obj = Column.objects.filter(agency=agency, pk=int(column)).first()
        if column_obj:
            items = items.filter(column_id__in=column_obj.descendant_ids())
    query = request.GET.get("q", "").strip()
    if query:
        items = items.filter(title__icontains=query) | items.filter(index_number__icontains=query)
    page = Paginator(items.order_by("-updated_at", "-pk"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/item_list.html",
        {
            "agency": agency,
            "page": page,
            "statuses": ItemStatus.choices,
            "columns": column_choices(agency),
            "status": status,
            "column": column,
            "q": query,
            "can_create": permissions.has(request.user, "edit_item", agency),
            "can_manage": permissions.has(request.user, "manage_columns", agency),
        },
    )


@login_required
def item_create(request, code):
    agency = _agency(request, code, "edit_item")
    if not Column.objects.filter(agency=agency).exists():
        messages.error(request, "本机关还没有栏目，请先由政府信息公开工作机构负责人设置栏目。")
        return redirect("catalogue:items", code)
    form = ItemForm(request.POST or None, request.FILES or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                item = actions.create_item(agency=agency, actor=request.user, **form.action_values())
                for name, data in form.cleaned_data["attachments"]:
                    actions.add_attachment(item, actor=request.user, name=name, data=data)
        except ActionError as exc:
            form.apply_error(exc)
        else:
            messages.success(request, f"已保存草稿，索引号 {item.index_number}。")
            return redirect(_detail_url(item))
    return render(request, "catalogue/item_form.html", {"agency": agency, "form": form, "item": None})


@login_required
def item_edit(request, code, pk):
    agency = _agency(request, code, "edit_item")
    item = _item(agency, pk)
    if request.method == "POST":
        form = ItemForm(request.POST, request.FILES, agency=agency)
        if form.is_valid():
            try:
                with transaction.atomic():
                    actions.edit_item(
                        item, actor=request.user, version=form.cleaned_data["version"], **form.action_values()
                    )
                    for name, data in form.cleaned_data["attachments"]:
                        actions.add_attachment(item, actor=request.user, name=name, data=data)
            except ActionError as exc:
                form.apply_error(exc)
            else:
                messages.success(request, "已保存修改。")
                return redirect(_detail_url(item))
    else:
        form = ItemForm(initial={**ItemForm.initial_for(item), "version": item.version}, agency=agency)
    return render(request, "catalogue/item_form.html", {"agency": agency, "form": form, "item": item})


@login_required
def item_detail(request, code, pk):
    agency = _agency(request, code)
    item = _item(agency, pk)
    workflow = Workflow.for_agency(agency)
    run = latest_check(item)
    findings = numbered(run.findings) if run else []
    stage = current_stage(item, workflow)
    stages = []
    approvals = {r.stage: r for r in current_approvals(item)}
    for n in range(1, workflow.count + 1):
        stages.append(
            {"n": n, "label": workflow.stage_label(n), "review": approvals.get(n), "current": n == stage}
        )
    events = ItemEvent.objects.filter(item=item).select_related("actor").order_by("at", "pk")
    return render(
        request,
        "catalogue/item_detail.html",
        {
            "agency": agency,
            "item": item,
            "run": run,
            "findings": findings,
            "body_html": highlighted(item.body, findings),
            "body_findings": [f for f in findings if f["source"] == "body"],
            "other_findings": [f for f in findings if f["source"] != "body"],
            "stages": stages,
            "stage_label": workflow.stage_label(stage) if stage else "",
            "reviews": Review.objects.filter(item=item).select_related("actor").order_by("at"),
            "timeline": [(e, describe(e)) for e in events],
            "attachments": item.attachments.all(),
            "can": available_actions(request.user, item),
            "public_url": item.get_absolute_url() if item.status == ItemStatus.PUBLISHED else "",
        },
    )


@login_required
def attachment_download(request, code, pk, attachment_pk):
    agency = _agency(request, code)
    item = _item(agency, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, item=item)
    path = attachment.public_path if request.GET.get("copy") == "redacted" else attachment.path
    if not path.is_file():
        raise Http404("附件文件不存在")
    return FileResponse(path.open("rb"), as_attachment=True, filename=attachment.original_name)


ACTIONS = {
    "submit",
    "approve",
    "reject",
    "comment",
    "override",
    "redact",
    "publish",
    "schedule",
    "withdraw",
    "validity",
    "remove_attachment",
}


@login_required
@require_POST
def item_action(request, code, pk, action):
    agency = _agency(request, code)
    item = _item(agency, pk)
    if action not in ACTIONS:
        raise Http404("没有这个操作")
    version = request.POST.get("version")
    version = int(version) if version and version.isdigit() else None
    user = request.user
    try:
        done = _run_action(request, action, item, user, version)
    except ActionError as exc:
        messages.error(request, exc.message)
    except PermissionDenied:
        raise
    else:
        if done:
            messages.success(request, done)
    return redirect(_detail_url(item) + ("#actions" if action != "comment" else "#timeline"))


def _reason(request) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


def _run_action(request, action, item, user, version) -> str | None:
    if action == "submit":
        run = actions.submit_for_review(item, actor=user, version=version)
        if run.blocking:
            return "已提交审核。内容检查发现禁止发布的问题，请审核人员注意。"
        return "已提交审核。"
    if action == "approve":
        actions.approve(item, actor=user, version=version)
        item.refresh_from_db()
        if item.status == ItemStatus.PUBLISHED:
            return "审核通过，信息已发布。"
        if item.status == ItemStatus.SCHEDULED:
            return "审核通过，将按定时发布。"
        if item.status == ItemStatus.APPROVED and latest_check(item) and latest_check(item).unresolved:
            return "审核通过。内容检查有禁止发布的问题，尚未发布：须生成隐藏化处理稿或由终审确认。"
        return "审核通过。"
    if action == "reject":
        actions.reject(item, actor=user, reason=_reason(request), version=version)
        return "已退回修改。"
    if action == "comment":
        actions.comment(item, actor=user, text=request.POST.get("text", ""))
        return "已添加意见。"
    if action == "override":
        actions.override_blocking(item, actor=user, reason=_reason(request), version=version)
        item.refresh_from_db()
        return "已确认。" + ("信息已发布。" if item.status == ItemStatus.PUBLISHED else "")
    if action == "redact":
        run = actions.produce_redacted_copy(item, actor=user, version=version)
        item.refresh_from_db()
        if not run.resolved_by_redaction:
            return "已生成隐藏化处理稿，但仍有无法自动处理的禁止发布问题。"
        return "已生成隐藏化处理稿。" + (
            "信息已发布（公开隐藏化处理稿）。" if item.status == ItemStatus.PUBLISHED else ""
        )
    if action == "publish":
        actions.publish(item, actor=user, version=version)
        return "信息已发布。"
    if action == "schedule":
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            messages.error(request, "请填写正确的发布时间。")
            return None
        actions.schedule(item, actor=user, at=form.cleaned_data["at"], version=version)
        return "已设定定时发布。"
    if action == "withdraw":
        actions.withdraw(item, actor=user, reason=_reason(request), version=version)
        return "信息已撤回，不再在门户网站显示；记录和历史保留。"
    if action == "validity":
        form = ValidityForm(request.POST)
        if not form.is_valid():
            messages.error(request, "请检查有效性和日期。")
            return None
        replaced_by = None
        number = form.cleaned_data["replaced_by"].strip()
        if number:
            replaced_by = Item.objects.filter(agency=item.agency, index_number=number).first()
            if replaced_by is None:
                messages.error(request, f"找不到索引号为“{number}”的信息。")
                return None
        actions.change_validity(
            item,
            actor=user,
            validity=form.cleaned_data["validity"],
            changed_on=form.cleaned_data["changed_on"],
            replaced_by=replaced_by,
            version=version,
        )
        return "已变更有效性。"
    if action == "remove_attachment":
        attachment_id = request.POST.get("attachment", "")
        if not attachment_id.isdigit():
            messages.error(request, "附件不存在或已删除。")
            return None
        actions.remove_attachment(item, int(attachment_id), actor=user, version=version)
        return "已删除附件。"
    return None


@login_required
def queue(request, code):
    """Items waiting for a stage this user may decide."""
    agency = _agency(request, code)
    workflow = Workflow.for_agency(agency)
    waiting = []
    for item in Item.objects.filter(agency=agency, status=ItemStatus.IN_REVIEW).select_related("column"):
        stage = current_stage(item, workflow)
        run = latest_check(item)
        waiting.append(
            {
                "item": item,
                "stage": stage,
                "stage_label": workflow.stage_label(stage),
                "mine": can_review(request.user, item, workflow),
                "blocking": bool(run and run.unresolved),
            }
        )
    waiting.sort(key=lambda w: (not w["mine"], w["item"].updated_at))
    blocked = [
        item
        for item in Item.objects.filter(agency=agency, status=ItemStatus.APPROVED)
        if (run := latest_check(item)) and run.unresolved
    ]
    return render(request, "catalogue/queue.html", {"agency": agency, "waiting": waiting, "blocked": blocked})


@login_required
def columns(request, code):
    """The column tree editor, the review workflow and the 索引号 rule."""
    agency = _agency(request, code)
    can_manage = permissions.has(request.user, "manage_columns", agency)
    workflow = Workflow.for_agency(agency)
    column_form = ColumnForm(agency=agency)
    workflow_form = WorkflowForm(initial={f"stage_{n}": r for n, r in enumerate(workflow.stages, 1)})
    pattern_form = IndexPatternForm(initial={"index_pattern": Catalogue.pattern_for(agency)})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("没有权限：manage_columns")
        what = request.POST.get("form")
        try:
            if what == "column":
                column_form = ColumnForm(request.POST, agency=agency)
                if column_form.is_valid():
                    data = dict(column_form.cleaned_data)
                    parent = Column.objects.filter(agency=agency, pk=data.pop("parent") or 0).first()
                    actions.create_column(agency=agency, actor=request.user, parent=parent, **data)
                    messages.success(request, f"已添加栏目“{data['name']}”。")
                    return redirect("catalogue:columns", code)
            elif what == "rename":
                column = get_object_or_404(Column, agency=agency, pk=request.POST.get("column", 0) or 0)
                actions.edit_column(column, actor=request.user, name=request.POST.get("name", ""))
                messages.success(request, "已重命名栏目。")
                return redirect("catalogue:columns", code)
            elif what == "move":
                column = get_object_or_404(Column, agency=agency, pk=request.POST.get("column", 0) or 0)
                actions.move_column(column, actor=request.user, direction=request.POST.get("direction", "up"))
                return redirect(reverse("catalogue:columns", args=[code]) + f"#column-{column.pk}")
            elif what == "workflow":
                workflow_form = WorkflowForm(request.POST)
                if workflow_form.is_valid():
                    actions.set_workflow(agency, actor=request.user, stages=workflow_form.stages())
                    messages.success(request, "已保存审核流程。")
                    return redirect("catalogue:columns", code)
            elif what == "pattern":
                pattern_form = IndexPatternForm(request.POST)
                if pattern_form.is_valid():
                    actions.set_index_pattern(
                        agency, actor=request.user, pattern=pattern_form.cleaned_data["index_pattern"]
                    )
                    messages.success(request, "已保存索引号规则。")
                    return redirect("catalogue:columns", code)
        except ActionError as exc:
            form = {"column": column_form, "workflow": workflow_form, "pattern": pattern_form}.get(what)
            if form is not None and form.is_bound:
                field = exc.field if exc.field in form.fields else None
                if what == "workflow":
                    field = None
                form.add_error(field, exc.message)
            else:
                messages.error(request, exc.message)
    tree = _tree(agency)
    return render(
        request,
        "catalogue/columns.html",
        {
            "agency": agency,
            "tree": tree,
            "can_manage": can_manage,
            "column_form": column_form,
            "workflow_form": workflow_form,
            "pattern_form": pattern_form,
            "workflow": workflow,
        },
    )


def _tree(agency) -> list[dict]:
    columns = list(Column.objects.filter(agency=agency).order_by("order", "pk"))
    counts = {}
    for column_id in Item.objects.filter(agency=agency).values_list("column_id", flat=True):
        counts[column_id] = counts.get(column_id, 0) + 1
    children: dict[int | None, list[Column]] = {}
    for c in columns:
        children.setdefault(c.parent_id, []).append(c)

    def walk(parent):
        return [
            {"column": c, "items": counts.get(c.pk, 0), "children": walk(c.pk)}
            for c in children.get(parent, ())
        ]

    return walk(None)
