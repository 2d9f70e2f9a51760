"""Cross-year checks and similarity."""

from __future__ import annotations

import copy

from gongkai.report.checks import run_checks

from .helpers import generate_report, prior_of, set_section_text


def test_carry_continuity_across_versions():
    report = generate_report(8, version="2021", year=2021)
    prior = prior_of(generate_report(8, version="2019", year=2021))  # a 2020 report in the 2019 format
    for key, cell in report.three.cells.items():
        if key.startswith("carried_in."):
            prior.three.cells[key.replace("carried_in", "carried_out")] = copy.deepcopy(cell)
    assert prior.format.version == "2019"
    assert run_checks(report, prior=prior).by_check("T3.carry_continuity") == []


def test_prior_of_another_year_is_not_compared():
    report = generate_report(8, year=2023)
    prior = generate_report(9, year=2021)
    reasons = {n.check: n.reason for n in run_checks(report, prior=prior).not_run}
    assert "不是2022年度" in reasons["T3.carry_continuity"]


def test_identical_all_zero_tables_are_normal():
    report = generate_report(8, year=2023, all_zero=True)
    prior = copy.deepcopy(generate_report(77, year=2022, all_zero=True))
    for code, sec in prior.sections.items():
        sec.text = "此前年度的表述完全不同。" * (code == "overview")
    assert run_checks(report, prior=prior).by_check("X.similarity") == []


def test_copied_narrative_with_new_figures_is_similar():
    report = generate_report(8, year=2023)
    prior = copy.deepcopy(report)
    prior.year = 2022
    prior = set_section_text(prior, "applications", report.sections["applications"].text.replace("1", "7"))
    for name in ("two", "three", "four"):
        getattr(prior, name).cells.clear()
        getattr(prior, name).found = False
    (finding,) = run_checks(report, prior=prior).by_check("X.similarity")
    assert finding.values["passages"] and "相似度" in finding.message
