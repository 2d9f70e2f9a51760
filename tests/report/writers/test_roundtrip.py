"""Render → read back with gongkai's own readers → the same tables and section texts."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.api import read_report
from gongkai.report.synth import generate_report
from gongkai.report.writers import render
from gongkai.report.writers.json import schema

from .conftest import section_texts

reports = st.builds(
    generate_report,
    st.integers(0, 10_000),
    version=st.sampled_from(["2019", "2021"]),
    all_zero=st.sampled_from([False, False, False, True]),
)
_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


def _round_trip(report, kind: str, *, loose: bool = False):
    again = read_report(render(report, kind), f"report.{kind}")
    assert not [f for f in again.reader_findings if f.severity == "error"], again.reader_findings
    assert again.format_version == report.format_version
    assert (again.agency, again.year) == (report.agency, report.year)
    assert again.tables_json() == report.tables_json()
    assert section_texts(again, loose=loose) == section_texts(report, loose=loose)


@settings(max_examples=40, **_SETTINGS)
@given(reports)
def test_html_round_trip(report):
    _round_trip(report, "html")


@settings(max_examples=25, **_SETTINGS)
@given(reports)
def test_xlsx_round_trip(report):
    _round_trip(report, "xlsx")


@settings(max_examples=25, **_SETTINGS)
@given(reports)
def test_docx_round_trip(report):
    _round_trip(report, "docx")


@settings(max_examples=40, **_SETTINGS)
@given(reports)
def test_json_round_trip_and_schema(report):
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, schema())
    _round_trip(report, "json")


@settings(max_examples=25, **_SETTINGS)
@given(reports)
def test_pdf_round_trip(report):
    # PDF text comes back as printed lines, so texts are compared without line breaks
    _round_trip(report, "pdf", loose=True)


@pytest.mark.parametrize(("seed", "version"), [(1, "2021"), (2, "2019")])
def test_pdf_round_trip_of_a_ten_page_report(seed, version):
    report = generate_report(seed, version=version)
    for section in report.sections.values():  # as bench_writers' `_long`: tables break across pages
        section.text = "\n".join([section.text] * 4)
    _round_trip(report, "pdf", loose=True)


@settings(max_examples=40, **_SETTINGS)
@given(reports)
def test_csv_is_tidy_and_carries_every_cell(report):
    text = render(report, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    back: dict[str, dict[str, dict[str, object]]] = {"two": {}, "three": {}, "four": {}}
    for row in rows:
        value = row["value"]
        back[row["table"]].setdefault(row["row"], {})[row["column"]] = None if value == "" else Decimal(value)
    expected = {
        t: {
            r: {c: None if v is None else Decimal(str(v)) for c, v in cols.items()}
            for r, cols in rows_.items()
        }
        for t, rows_ in report.tables_json().items()
    }
    assert back == expected
    assert len(rows) == len(report.two.cells) + len(report.three.cells) + len(report.four.cells)


def test_json_schema_rejects_a_wrong_shape(demo):
    data = json.loads(render(demo, "json"))
    data["tables"]["three"]["received"]["total"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())
    jsonschema.Draft202012Validator.check_schema(schema())
