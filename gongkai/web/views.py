"""年报体检 (`/audit/`): upload or paste reports, see them checked. Nothing is stored.

Uploads are held in memory by `MemoryOnlyUploadHandler` and dropped with the request. The
"keep a copy" the page offers is stateless: the JSON record is embedded in the page and posted
back to `/audit/download/`, which returns it as an attachment.
"""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .forms import PASTE_NAME, AuditForm, Limits, MemoryOnlyUploadHandler, size_text
from .presenters import Upload, audit_uploads, download_name

TEMPLATE = "web/audit.html"


def _limit_message(exc: Exception, limits: Limits) -> tuple[str, str]:
    if isinstance(exc, TooManyFilesSent):
        return "too_many_files", f"一次最多检查{limits.max_files}份报告，本次提交的文件过多。请分批检查。"
    return (
        "request_too_large",
        f"提交的内容过大（粘贴的文字或表单超过上限，文件每份不超过{size_text(limits.max_file_bytes)}）。"
        "请改为上传文件或分批检查。",
    )


def _uploads(form: AuditForm) -> tuple[list[Upload], Upload | None]:
    uploads = [Upload(f.name, f.read()) for f in form.cleaned_data["files"]]
    text = form.cleaned_data.get("text") or ""
    if text.strip():
        uploads.append(Upload(PASTE_NAME, text.encode("utf-8")))
    prior_file = form.cleaned_data.get("prior")
    prior = Upload(prior_file.name, prior_file.read()) if prior_file else None
    return uploads, prior


@csrf_exempt  # the upload handler must be set before CSRF reads the body; csrf_protect follows
def audit(request: HttpRequest) -> HttpResponse:
    limits = Limits.from_settings()
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        request.upload_handlers = [MemoryOnlyUploadHandler(request, limits)]
    try:
        return _audit(request, limits)
    except (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent) as exc:
        code, message = _limit_message(exc, limits)
        context = {"form": AuditForm(limits=limits), "limits": limits, "problem": (code, message)}
        return render(request, TEMPLATE, context, status=413 if code == "request_too_large" else 400)


@csrf_protect
def _audit(request: HttpRequest, limits: Limits) -> HttpResponse:
    context: dict = {"limits": limits}
    if request.method != "POST":
        context["form"] = AuditForm(limits=limits)
        return render(request, TEMPLATE, context)
    form = AuditForm(request.POST, request.FILES, limits=limits)
    context["form"] = form
    if not form.is_valid():
        error = form.errors.as_data().get("__all__", [None])[0]
        if error is not None:
            context["problem"] = (error.code or "invalid", " ".join(error.messages))
        return render(request, TEMPLATE, context, status=400)
    uploads, prior = _uploads(form)
    context["reports"] = audit_uploads(uploads, prior)
    context["prior_name"] = prior.name if prior else None
    # A fresh, empty form: file inputs cannot be refilled, and the paste is shown in the result.
    context["form"] = AuditForm(limits=limits)
    return render(request, TEMPLATE, context)


@csrf_exempt
def audit_api(request: HttpRequest) -> HttpResponse:
    """POST the same fields as the page; returns JSON Lines, one record per report
    (the output of `gongkai audit --json`). Errors are JSON with a stable code."""
    limits = Limits.from_settings()
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    request.upload_handlers = [MemoryOnlyUploadHandler(request, limits)]
    try:
        form = AuditForm(request.POST, request.FILES, limits=limits)
        valid = form.is_valid()
    except (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent) as exc:
        code, message = _limit_message(exc, limits)
        return JsonResponse(
            {"code": code, "message": message}, status=413, json_dumps_params={"ensure_ascii": False}
        )
    if not valid:
        error = form.errors.as_data().get("__all__", [None])[0]
        code = (error.code if error is not None else None) or "invalid"
        message = " ".join(error.messages) if error is not None else "表单内容有误。"
        return JsonResponse(
            {"code": code, "message": message}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    uploads, prior = _uploads(form)
    lines = [
        json.dumps(view.record or {"path": view.name, "error": view.failure}, ensure_ascii=False, default=str)
        for view in audit_uploads(uploads, prior)
    ]
    return HttpResponse(
        "".join(f"{line}\n" for line in lines), content_type="application/x-ndjson; charset=utf-8"
    )


def download(request: HttpRequest) -> HttpResponse:
    """Echo the audit record embedded in the page back as a file, so nothing is kept server-side."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    raw = request.POST.get("record", "")
    try:
        record = json.loads(raw)
        if not isinstance(record, dict):
            raise ValueError
    except ValueError:
        return HttpResponse(
            "体检结果数据无效，无法下载。请重新检查报告。",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    name = download_name(str(record.get("path") or request.POST.get("filename") or "报告"))
    body = json.dumps(record, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
