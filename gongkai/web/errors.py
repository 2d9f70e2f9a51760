"""Error pages: Chinese pages for people, JSON for the API (`/api/…`), never Django's English defaults.

The 500 page is self-contained (no template inheritance, no database, no context processors): it
must render even when whatever failed was one of those.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

_CJK = re.compile(r"[\u4e00-\u9fff]")

MESSAGES = {
    400: ("请求有误", "请求的格式或参数不正确，请返回上一页重试。"),
    403: ("无权访问", "您没有访问该页面的权限。工作人员请确认已用本单位的账号登录。"),
    404: ("页面不存在", "您访问的页面不存在，或者该信息已撤回。"),
    500: ("系统暂时出错", "服务器处理请求时出错，已记录。请稍后重试；如仍有问题，请联系网站管理员。"),
}


def _detail(exception, status: int) -> str:
    """The exception's own message when it was written for people (Chinese), else the generic one."""
    text = str(exception or "").strip()
    return text if text and _CJK.search(text) else MESSAGES[status][1]


def _respond(request: HttpRequest, status: int, exception=None) -> HttpResponse:
    title, _ = MESSAGES[status]
    detail = _detail(exception, status)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    html = loader.get_template("web/error.html").render({"status": status, "title": title, "detail": detail})
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _respond(request, 400, exception)


def permission_denied(request, exception=None):
    return _respond(request, 403, exception)


def page_not_found(request, exception=None):
    return _respond(request, 404, exception)


def server_error(request):
    return _respond(request, 500)
