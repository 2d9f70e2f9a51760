"""The read-only API: pagination, search through the portal's engine, no leakage, and responses
that validate against the published OpenAPI schemas."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from gongkai.api.schema import openapi_document
from gongkai.catalogue import actions as catalogue
from gongkai.portal.tests.conftest import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.GONGKAI_CATALOGUE_FILES_DIR = tmp_path / "files"


@pytest.fixture
def site(db):
    return make_site("sfq-rmtzx", "示范区融媒体中心")


def validate(data, name: str) -> None:
    document = openapi_document()
    registry = Registry().with_resource("urn:gongkai:openapi", Resource.opaque(document))
    schema = {"$ref": f"urn:gongkai:openapi#/components/schemas/{name}"}
    Draft202012Validator(schema, registry=registry).validate(data)


def test_the_schema_is_served_and_describes_every_route(client):
    document = client.get("/api/schema/").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/api/agencies/",
        "/api/agencies/{code}/columns/",
        "/api/items/",
        "/api/items/{index_number}/",
    }
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_agencies_and_columns(client, site):
    site.column("zcwj", "政策文件")
    site.column("gfxwj", "规范性文件", parent="zcwj")
    agencies = client.get("/api/agencies/").json()
    validate(agencies, "AgencyPage")
    assert [a["code"] for a in agencies["results"]] == ["sfq-rmtzx"]
    columns = client.get("/api/agencies/sfq-rmtzx/columns/").json()
    validate(columns, "ColumnPage")
    assert {c["slug"]: c["parent"] for c in columns["results"]} == {
        "tzgg": None,
        "zcwj": None,
        "gfxwj": "zcwj",
    }
    assert client.get("/api/agencies/nope/columns/").status_code == 404


def test_items_are_paginated(client, site):
    for n in range(3):
        site.publish(f"第{n}号通告")
    first = client.get("/api/items/?page_size=2").json()
    validate(first, "ItemPage")
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert client.get("/api/items/?page=0").status_code == 400
    assert "页码" in client.get("/api/items/?page=abc").json()["page"]


def test_item_search_uses_the_portal_engine(client, site):
    item = site.publish("2024年政务公开工作要点", "推进政务公开。")
    site.publish("防汛通知", "")
    found = client.get("/api/items/", {"q": "政务公开", "agency": "sfq-rmtzx"}).json()
    validate(found, "ItemPage")
    assert [r["index_number"] for r in found["results"]] == [item.index_number]
    assert "<mark>" in found["results"][0]["snippet"]
    assert found["ranked"] is None  # every match ranked


def test_item_search_says_how_many_results_are_ranked_when_the_rank_limit_applies(client, site, settings):
    settings.GONGKAI_SEARCH_RANK_LIMIT = 2
    for n in range(4):
        site.publish(f"政务公开工作通知{n}", "推进政务公开。")
    found = client.get("/api/items/", {"q": "政务公开"}).json()
    validate(found, "ItemPage")
    assert found["count"] == 4 and found["ranked"] == 2


def test_item_search_rejects_a_bad_date(client, site):
    bad = client.get("/api/items/", {"from": "2024-02-30"})
    assert bad.status_code == 400 and "日期格式不正确" in bad.json()["date_from"][0]


def test_item_detail(client, site):
    item = site.publish("示范区融媒体中心工作规则", "第一条 总则。", document_number="示融发〔2024〕1号")
    data = client.get(f"/api/items/{item.index_number}/").json()
    validate(data, "Item")
    assert data["title"] == "示范区融媒体中心工作规则"
    assert data["disclosure_attribute"] == "主动公开"
    assert data["agency"] == {"code": "sfq-rmtzx", "name": "示范区融媒体中心"}


def test_drafts_and_withdrawn_items_never_leak(client, site):
    draft = site.draft("内部草稿标题")
    item = site.publish("将被撤回的信息", "")
    catalogue.withdraw(item, actor=site.head, reason="撤回理由不公开")
    assert client.get(f"/api/items/{draft.index_number}/").status_code == 404
    assert client.get(f"/api/items/{item.index_number}/").status_code == 404
    listing = client.get("/api/items/").content.decode()
    assert "内部草稿标题" not in listing and "将被撤回的信息" not in listing
    for body in (listing, client.get("/api/agencies/").content.decode()):
        assert "head" not in body and "撤回理由" not in body


def test_the_api_is_read_only(client, site):
    for url in ("/api/agencies/", "/api/items/"):
        assert client.post(url, {}).status_code == 405
        assert client.delete(url).status_code == 405
