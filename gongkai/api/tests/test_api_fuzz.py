"""Any request to the API gets a documented answer: a status the OpenAPI document lists for that
route, JSON, and for 200 a body valid against the route's schema. Never a 500, never HTML."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.api.schema import openapi_document

from .test_api import validate

pytestmark = pytest.mark.django_db

DOCUMENT = openapi_document()
ANY_TEXT = st.text(max_size=30)
NUMBERS = st.one_of(st.integers(min_value=-5, max_value=10**13).map(str), ANY_TEXT)
VALUES = {"page": NUMBERS, "page_size": NUMBERS}


def _query(route: str):
    names = [p["name"] for p in DOCUMENT["paths"][route]["get"]["parameters"] if p["in"] == "query"]
    return st.fixed_dictionaries({}, optional={name: VALUES.get(name, ANY_TEXT) for name in names})


def _check(response, route: str) -> None:
    documented = DOCUMENT["paths"][route]["get"]["responses"]
    assert str(response.status_code) in documented, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    if response.status_code == 200:
        ref = documented["200"]["content"]["application/json"]["schema"]["$ref"]
        validate(response.json(), ref.rsplit("/", 1)[-1])


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(query=_query("/api/items/"))
def test_item_listing_and_search(client, query):
    _check(client.get("/api/items/", query), "/api/items/")


@FUZZ
@given(query=_query("/api/agencies/"))
def test_agency_listing(client, query):
    _check(client.get("/api/agencies/", query), "/api/agencies/")


@FUZZ
@given(code=ANY_TEXT, query=_query("/api/agencies/{code}/columns/"))
def test_columns_of_any_agency_code(client, code, query):
    response = client.get(f"/api/agencies/{quote(code, safe='')}/columns/", query)
    _check(response, "/api/agencies/{code}/columns/")


@FUZZ
@given(index_number=ANY_TEXT, agency=st.one_of(st.none(), ANY_TEXT))
def test_any_item_index_number(client, index_number, agency):
    query = {} if agency is None else {"agency": agency}
    response = client.get(f"/api/items/{quote(index_number, safe='')}/", query)
    _check(response, "/api/items/{index_number}/")
