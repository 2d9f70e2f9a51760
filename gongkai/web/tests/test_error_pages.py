"""People get Chinese error pages; API clients get JSON; nobody gets Django's English defaults."""

from __future__ import annotations

import json as json_module

import pytest
from django.http import Http404
from django.test import RequestFactory

from gongkai.web import errors

pytestmark = pytest.mark.django_db


def test_an_unknown_page_is_a_chinese_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="zh-CN">' in page and "页面不存在" in page and "Not Found" not in page


def test_an_unknown_api_path_is_json(client):
    response = client.get("/api/agencies/%C3%A5%F4/columns/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": errors.MESSAGES[404][1]}


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("附件不存在或已删除", "附件不存在或已删除"),
        ("No Item matches the given query.", errors.MESSAGES[404][1]),
    ],
)
def test_a_404_shows_its_own_message_only_when_written_for_people(message, shown):
    request = RequestFactory().get("/x/")
    assert shown in errors.page_not_found(request, Http404(message)).content.decode()


@pytest.mark.parametrize(("path", "json"), [("/api/items/", True), ("/office/", False)])
def test_the_500_page_renders_without_anything_else(path, json):
    response = errors.server_error(RequestFactory().get(path))
    assert response.status_code == 500
    if json:
        assert json_module.loads(response.content)["detail"].startswith("服务器处理请求时出错")
    else:
        assert "系统暂时出错" in response.content.decode()


def test_403_and_400_pages_are_chinese():
    request = RequestFactory().get("/office/")
    assert "无权访问" in errors.permission_denied(request).content.decode()
    assert "请求有误" in errors.bad_request(request).content.decode()


@pytest.mark.parametrize(
    ("path", "query"),
    [("/api/items/a%00b/", {}), ("/api/items/", {"agency": "a\x00"}), ("/search/", {"q": "公开\x00"})],
)
def test_a_nul_character_in_the_address_is_a_400_not_a_database_error(client, path, query):
    response = client.get(path, query)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()
