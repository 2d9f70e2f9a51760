"""The OpenAPI 3.1 document, written by hand (DRF's generator needs packages the project does not
ship). Its component schemas are JSON Schema 2020-12; the tests validate live responses with them."""

from __future__ import annotations

from gongkai.portal.forms import MAX_PAGES


def _string(description: str = "", nullable: bool = False, fmt: str | None = None) -> dict:
    schema: dict = {"type": ["string", "null"] if nullable else "string"}
    if fmt:
        schema["format"] = fmt
    if description:
        schema["description"] = description
    return schema


def _page_of(ref: str) -> dict:
    return {
        "type": "object",
        "required": ["count", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "next": _string("下一页", nullable=True),
            "previous": _string("上一页", nullable=True),
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
        },
    }


MAX_PAGE_SIZE = 100


def page_params(max_page: int | None = None, past_end: str = "返回404") -> list[dict]:
    page: dict = {"type": "integer", "minimum": 1}
    if max_page is not None:
        page["maximum"] = max_page
    return [
        {"name": "page", "in": "query", "schema": page, "description": f"页码（超出最后一页时{past_end}）"},
        {
            "name": "page_size",
            "in": "query",
            "schema": {"type": "integer"},
            "description": f"每页条数（默认20；小于1时按20，超过{MAX_PAGE_SIZE}按{MAX_PAGE_SIZE}）",
        },
    ]


# an empty value is accepted and filters nothing, as in the portal's search form
DATE_PARAM = {
    "type": "string",
    "pattern": r"^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$",
    "description": "日期 YYYY-MM-DD（不存在的日期如2月30日返回400）",
}


SCHEMAS = {
    "Agency": {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "name", "short_name", "kind", "kind_label", "parent", "url", "columns_url"],
        "properties": {
            "code": _string("机关代码"),
            "name": _string("机关名称"),
            "short_name": _string("简称"),
            "kind": {
                "type": "string",
                "enum": ["department", "government", "township", "supervisor", "other"],
            },
            "kind_label": _string("机关类型"),
            "parent": _string("上级机关代码", nullable=True),
            "url": _string("门户页面"),
            "columns_url": _string("栏目接口"),
        },
    },
    "Column": {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "name", "parent", "url", "items_url"],
        "properties": {
            "slug": _string("栏目标识"),
            "name": _string("栏目名称"),
            "parent": _string("上级栏目标识", nullable=True),
            "url": _string("门户页面"),
            "items_url": _string("信息接口"),
        },
    },
    "ItemSummary": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "index_number",
            "title",
            "agency",
            "column",
            "published_date",
            "validity",
            "url",
            "api_url",
        ],
        "properties": {
            "index_number": _string("索引号"),
            "title": _string("标题"),
            "agency": _string("机关代码"),
            "column": _string("栏目标识"),
            "document_number": _string("发文字号"),
            "published_date": _string("发布日期", nullable=True, fmt="date"),
            "validity": {
                "type": "string",
                "enum": ["valid", "expired", "repealed", ""],
                "description": "有效性",
            },
            "url": _string("门户页面"),
            "api_url": _string("详情接口"),
            "snippet": _string("检索摘要（HTML，检索词以 <mark> 标出）", nullable=True),
        },
    },
    "Attachment": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "kind", "size", "url"],
        "properties": {
            "name": _string("文件名"),
            "kind": _string("类型"),
            "size": {"type": "integer", "minimum": 0},
            "url": _string("下载地址"),
        },
    },
    "Item": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "index_number",
            "title",
            "agency",
            "column",
            "published_date",
            "validity",
            "body",
            "url",
        ],
        "properties": {
            "index_number": _string("索引号"),
            "title": _string("标题"),
            "agency": {
                "type": "object",
                "properties": {"code": _string(), "name": _string()},
                "required": ["code", "name"],
            },
            "column": {
                "type": "object",
                "properties": {"slug": _string(), "name": _string()},
                "required": ["slug", "name"],
            },
            "document_number": _string("发文字号"),
            "keywords": _string("主题词"),
            "written_date": _string("成文日期", nullable=True, fmt="date"),
            "published_date": _string("发布日期", nullable=True, fmt="date"),
            "validity": {"type": "string", "enum": ["valid", "expired", "repealed"]},
            "validity_label": _string("有效性"),
            "validity_changed_on": _string("有效性变更日期", nullable=True, fmt="date"),
            "disclosure_attribute": _string("公开属性"),
            "body": _string("正文（已作隐藏化处理的，为处理后文本）"),
            "attachments": {"type": "array", "items": {"$ref": "#/components/schemas/Attachment"}},
            "url": _string("门户页面"),
        },
    },
    "AgencyPage": _page_of("Agency"),
    "ColumnPage": _page_of("Column"),
    "ItemPage": {
        **_page_of("ItemSummary"),
        "properties": {
            **_page_of("ItemSummary")["properties"],
            "count_estimated": {
                "type": "boolean",
                "description": "检索结果较多时 count 为估计值（true）；否则为准确条数（false）",
            },
            "ranked": {
                "type": ["integer", "null"],
                "minimum": 1,
                "description": "检索结果较多时，前 ranked 条按相关度排序，其余按发布日期排序；全部按相关度排序时为 null",
            },
        },
    },
    "Error": {"type": "object", "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array"}]}},
}


def _ok(ref: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


ERRORS = {
    "400": _ok("Error", "参数错误（中文说明）"),
    "404": _ok("Error", "不存在"),
}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "政府信息公开平台数据接口",
            "version": "1.0.0",
            "description": "只读接口：只提供已主动公开的政府信息，不含草稿、已撤回信息和个人信息。",
        },
        "paths": {
            "/api/agencies/": {
                "get": {
                    "operationId": "listAgencies",
                    "summary": "机关列表",
                    "parameters": page_params(),
                    "responses": {"200": _ok("AgencyPage", "机关"), **ERRORS},
                }
            },
            "/api/agencies/{code}/columns/": {
                "get": {
                    "operationId": "listColumns",
                    "summary": "机关的公开目录栏目",
                    "parameters": [
                        {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}},
                        *page_params(),
                    ],
                    "responses": {"200": _ok("ColumnPage", "栏目"), **ERRORS},
                }
            },
            "/api/items/": {
                "get": {
                    "operationId": "listItems",
                    "summary": "已公开的信息；给出 q 时按相关度检索",
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}},
                        {"name": "agency", "in": "query", "schema": {"type": "string"}},
                        {"name": "column", "in": "query", "schema": {"type": "string"}},
                        {"name": "from", "in": "query", "schema": DATE_PARAM},
                        {"name": "to", "in": "query", "schema": DATE_PARAM},
                        {
                            "name": "validity",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["valid", "expired", "repealed"]},
                        },
                        *page_params(MAX_PAGES, past_end="返回空列表"),
                    ],
                    "responses": {"200": _ok("ItemPage", "信息"), **ERRORS},
                }
            },
            "/api/items/{index_number}/": {
                "get": {
                    "operationId": "getItem",
                    "summary": "一条已公开信息",
                    "parameters": [
                        {
                            "name": "index_number",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {"name": "agency", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {"200": _ok("Item", "信息"), **ERRORS},
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
