"""Plain-text output reads back to the same tables and section texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report import api, synth
from gongkai.report.model import Cell
from gongkai.report.writers import render


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), version=st.sampled_from(["2019", "2021"]))
def test_txt_round_trip(seed, version):
    report = synth.generate_report(seed, version=version)
    got = api.read_report(render(report, "txt"), "report.txt")
    assert got.format_version == version
    assert got.tables_json() == report.tables_json()
    assert {c: s.text for c, s in got.sections.items()} == {c: s.text for c, s in report.sections.items()}
    assert (got.agency, got.year, got.signed_date) == (report.agency, report.year, report.signed_date)


def test_blank_cells_stay_blank_not_zero():
    report = synth.generate_report(7)
    report.three.set("granted", "research", Cell(raw="", blank=True))
    got = api.read_report(render(report, "txt"), "report.txt")
    cell = got.three.cell("granted", "research")
    assert cell.blank and cell.value is None


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_errors_are_listed_at_the_top(version):
    report = synth.generate_report(3, version=version)
    changed = synth.mutate_cell(report, "three", "received.total", 1)
    result = api.audit_report(changed)
    text = render(changed, "txt", result.findings).decode()
    assert "【注意】" in text and "T3.total_col" in text
