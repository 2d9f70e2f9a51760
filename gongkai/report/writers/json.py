"""The report model as JSON in the versioned schema `gongkai/report/schema/report-v1.json`.

The shape is one line of `gongkai audit --json`, so an audited published report can be edited
and rendered again; `gongkai.report.source` reads it back.
"""

from __future__ import annotations

import json as _json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from ..findings import Finding
from ..model import AnnualReport
from ..source import SCHEMA_VERSION
from .layout import TABLE_NAMES, table_of

SCHEMA_FILE = "report-v1.json"


def schema() -> dict[str, Any]:
    return _json.loads(resources.files("gongkai.report").joinpath("schema", SCHEMA_FILE).read_text("utf-8"))


def table_rows(report: AnnualReport, name: str) -> list[tuple[str, list[str]]]:
    """(row code, column codes) in the order of the report's format."""
    fmt = report.format
    if name == "two":
        return [(row.code, [c.code for c in block.columns]) for block in fmt.two.blocks for row in block.rows]
    if name == "three":
        return [(row.code, [c.code for c in fmt.three.columns]) for row in fmt.three.data_rows()]
    return [(group.code, [c.code for c in fmt.four.columns]) for group in fmt.four.groups]


def tables_data(report: AnnualReport) -> dict[str, dict[str, dict[str, Any]]]:
    """Cells present in the report, in format order; blank → null, money → decimal string."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name in TABLE_NAMES:
        table = table_of(report, name)
        rows: dict[str, dict[str, Any]] = {}
        for row, columns in table_rows(report, name):
            for column in columns:
                cell = table.cells.get(f"{row}.{column}")
                if cell is not None:
                    rows.setdefault(row, {})[column] = cell.to_json()
        out[name] = rows
    return out


def to_data(report: AnnualReport, findings: Iterable[Finding] = ()) -> dict[str, Any]:
    fmt = report.format
    sections = []
    for section in fmt.sections:
        rs = report.sections.get(section.code)
        if rs is None:
            continue
        sections.append(
            {
                "number": rs.number,
                "code": rs.code,
                "heading": rs.heading,
                "chars": len(rs.text),
                "text": rs.text,
            }
        )
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "path": report.path,
        "agency": report.agency,
        "year": report.year,
        "format_version": report.format_version,
        "title": report.title,
        "agency_kind": report.agency_kind,
        "signed_date": report.signed_date.isoformat() if report.signed_date else None,
        "published_date": report.published_date.isoformat() if report.published_date else None,
        "preamble": report.preamble,
        "sections": sections,
        "tables": tables_data(report),
        "findings": [f.to_json() for f in findings],
    }
    return data


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    return (_json.dumps(to_data(report, findings), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
