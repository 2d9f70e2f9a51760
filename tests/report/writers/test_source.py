"""Report source files: YAML a person writes, audit JSON; located Chinese errors, never a traceback."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.source import load_source, read_report
from gongkai.report.synth import generate_report
from gongkai.report.writers import render

from .conftest import DEMO


def _demo_text() -> str:
    return DEMO.read_text("utf-8")


def _errors(text: str, path: str = "r.yaml"):
    report, errors = load_source(text.encode("utf-8"), path)
    return report, errors


def test_demo_source_reads_with_every_cell_and_section(demo):
    assert demo.agency == "示例市青禾区文化和旅游局" and demo.year == 2023 and demo.format_version == "2021"
    assert len(demo.two.cells) == 10 and len(demo.three.cells) == 175 and len(demo.four.cells) == 15
    assert demo.three.cell("received", "total").value == 12
    assert all(s.text for s in demo.sections.values())
    assert demo.sections["overview"].text.splitlines()[1] == "（一）主动公开"


def test_unknown_row_is_located_with_its_line_and_a_suggestion():
    text = _demo_text().replace("    carried_in:  ", "    carried_inn: ")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "carried_inn" in s)
    _, errors = _errors(text)
    unknown = [e for e in errors if e.code == "S.unknown_row"]
    assert len(unknown) == 1
    assert unknown[0].line == line
    assert unknown[0].message.startswith(f"第{line}行")
    assert "表三没有“carried_inn”这一行" in unknown[0].message and "carried_in" in unknown[0].message
    assert any(e.code == "S.missing_cell" for e in errors)  # and carried_in itself is now missing


def test_label_only_row_is_explained():
    text = _demo_text().replace(
        "    withheld_state_secret:  ", "    withheld: [0,0,0,0,0,0,0]\n    withheld_state_secret:  "
    )
    _, errors = _errors(text)
    assert any(
        e.code == "S.unknown_row" and "（三）不予公开" in e.message and "标题行" in e.message for e in errors
    )


def test_wrong_type_and_negative_count():
    text = _demo_text().replace("licensing: {decisions: 137}", "licensing: {decisions: 约137}")
    text = text.replace("penalty: {decisions: 8}", "penalty: {decisions: -8}")
    report, errors = _errors(text)
    codes = {e.code: e for e in errors}
    assert "行政许可" in codes["S.type"].message and "约137" in codes["S.type"].message
    assert "行政处罚" in codes["S.negative"].message and "-8" in codes["S.negative"].message
    assert report is not None and report.two.cell("licensing", "decisions").invalid


def test_fractional_count_is_a_type_error_but_money_keeps_its_decimals():
    text = _demo_text().replace("enforcement: {decisions: 0}", "enforcement: {decisions: 1.5}")
    text = text.replace("administrative_fees: {amount: 0}", "administrative_fees: {amount: 0.3500}")
    report, errors = _errors(text)
    assert [e.code for e in errors] == ["S.type"]
    assert str(report.two.cell("administrative_fees", "amount").value) == "0.3500"


def test_missing_section_is_reported():
    text = _demo_text().replace("  problems: |", "  problemz: |")
    _, errors = _errors(text)
    codes = [e.code for e in errors]
    assert "S.unknown_section" in codes
    assert any(e.code == "S.missing_section" and "五、存在的主要问题及改进情况" in e.message for e in errors)


def test_null_is_a_blank_cell_not_zero():
    text = _demo_text().replace("enforcement: {decisions: 0}", "enforcement: {decisions: null}")
    report, errors = _errors(text)
    assert errors == []
    cell = report.two.cell("enforcement", "decisions")
    assert cell.blank and cell.value is None and cell.number == 0


def test_row_of_a_different_version_says_so():
    text = _demo_text().replace(
        "    rules: {issued", "    other_services: {decisions: 1}\n    rules: {issued"
    )
    _, errors = _errors(text)
    assert any(e.code == "S.unknown_row" and "2019" in e.message for e in errors)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("agency: [unclosed\n", "S.syntax"),
        ("- just\n- a list\n", "S.type"),
        ("", "S.syntax"),
        ("agency: 某局\n", "S.missing_field"),
    ],
)
def test_broken_files_give_a_code_and_no_traceback(text, code):
    report, errors = _errors(text)
    assert code in {e.code for e in errors}
    assert all(e.message for e in errors)


def test_syntax_error_is_located():
    _, errors = _errors("agency: 某局\nyear: 2023\nsections: {overview: [\n")
    assert errors[0].code == "S.syntax" and errors[0].line is not None and "行" in errors[0].message


def test_non_utf8_is_an_encoding_error():
    report, errors = load_source("agency: 某局".encode("gb18030"), "r.yaml")
    assert report is None and errors[0].code == "S.encoding"


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_audit_json_shape_reads_back_to_the_same_report(version):
    report = generate_report(11, version=version)
    data = json.loads(render(report, "json"))
    data.pop("schema_version")  # a plain `gongkai audit --json` line has none
    again, errors = load_source(json.dumps(data, ensure_ascii=False).encode(), "audit.json")
    assert errors == []
    assert again.tables_json() == report.tables_json()
    assert {k: s.text for k, s in again.sections.items()} == {k: s.text for k, s in report.sections.items()}
    assert (again.agency, again.year, again.format_version) == (
        report.agency,
        report.year,
        report.format_version,
    )


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_read_report_never_raises_on_arbitrary_bytes(data):
    report = read_report(data, path="x.yaml")
    assert report is not None
    if not report.readable:
        assert report.reader_findings


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    ["agency", "year", "sections", "tables", "two", "three", "received", "total", "x"]
                ),
                c,
                max_size=4,
            )
        ),
        max_leaves=20,
    )
)
def test_load_source_never_raises_on_arbitrary_structures(value):
    report, errors = load_source(json.dumps(value, ensure_ascii=False).encode(), "x.json")
    assert report is not None or errors
