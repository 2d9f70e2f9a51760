"""DOMAIN §11: the worked example, read from the real published text, gives exactly its four findings."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SEED = SHARED / "seed" / "000_a817628b4ef7e32e.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not available")


@pytest.fixture(scope="module")
def run():
    api = pytest.importorskip("gongkai.report.api")
    if not hasattr(api, "read_report"):
        pytest.skip("gongkai.report.api.read_report is not available yet")
    from gongkai.report.checks import run_checks

    report = api.read_report(SEED.read_bytes(), SEED.name)
    return report, run_checks(report)


def test_exactly_the_four_expected_findings(run):
    _, result = run
    assert sorted(f.check for f in result.findings) == [
        "X.heading",
        "X.period_missing",
        "X.subheadings",
        "X.text_self",
    ]
    assert all(f.severity == "warning" for f in result.findings)


def test_text_self_quotes_24_and_34(run):
    report, result = run
    (finding,) = result.by_check("X.text_self")
    assert {finding.values["first"], finding.values["second"]} == {"24条", "34条"}
    assert {finding.location["section"], finding.location["other"]["section"]} == {
        "proactive",
        "other_matters",
    }
    loc = finding.location
    assert report.text[loc["start"] : loc["end"]] == loc["quote"]
    assert "重大新闻事件、重大政策、重要决策部署和重大突发事件" in finding.values["shared"]


def test_heading_and_subheadings(run):
    _, result = run
    (heading,) = result.by_check("X.heading")
    assert (
        heading.message
        == "第五部分标题应为“五、存在的主要问题及改进情况”，报告中为“存在的主要问题及改进情况”。"
    )
    (sub,) = result.by_check("X.subheadings")
    statuses = {t["number"]: t["status"] for t in sub.values["topics"]}
    assert statuses == {"（一）": "unnumbered", "（二）": "unnumbered"}
    assert "政府信息主动公开情况" in sub.message


def test_table_checks_pass_and_cross_year_checks_do_not_run(run):
    _, result = run
    for check_id in ("T2.shape", "T2.int", "T2.fee", "T3.balance", "T3.total_col", "T3.total_row", "T3.blank",
                     "T4.review_total", "X.sections", "X.format_version", "X.text_vs_table", "X.fee_text",
                     "X.period", "X.year_ref", "T2.repeal_bound"):  # fmt: skip
        assert check_id in result.passed, check_id
    not_run = {n.check: n.reason for n in result.not_run}
    assert not_run["T3.carry_continuity"] == "未提供上年度报告"
    assert not_run["X.similarity"] == "未提供上年度报告"
    assert not_run["X.late"] == "发布日期未知"


def test_summary_length_fires_only_when_enabled(run):
    from gongkai.report.checks import CheckOptions, run_checks

    report, _ = run
    options = CheckOptions(enabled=frozenset({"X.summary_length"}), summary_length=1000)
    (finding,) = run_checks(report, options=options).by_check("X.summary_length")
    assert 1050 <= finding.values["length"] <= 1150
