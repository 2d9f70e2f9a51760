"""Requests that no page can answer are refused before any view runs."""

from __future__ import annotations

from gongkai.web.errors import bad_request


class RejectNulCharacters:
    """A NUL character in the path or the query string (`%00`) is never a real address or search
    word, and PostgreSQL refuses it in any text value: without this a crafted link is a 500 there
    (SQLite just finds nothing). Refused with the Chinese 400 page, or JSON under /api/.

    Form fields are covered by Django's own validator (`ProhibitNullCharactersValidator`); request
    bodies are not read here, so views keep control of their upload handlers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.GET.items()):
            return bad_request(request, ValueError("请求的地址或参数中含有空字符（%00），无法处理。"))
        return self.get_response(request)
