"""The runner: outcomes, ordering, gates, robustness."""

from __future__ import annotations

import copy
import json
from datetime import date

from gongkai.report.checks import REGISTRY, CheckOptions, run_checks
from gongkai.report.checks.registry import CheckDef
from gongkai.report.model import AnnualReport

from .helpers import edit_cell, generate_report


def test_every_check_has_exactly_one_outcome():
    run = run_checks(generate_report(3))
    ids = [*run.passed, *{f.check for f in run.findings}, *(n.check for n in run.not_run)]
    assert sorted(set(ids)) == sorted(REGISTRY)
    assert not set(run.passed) & {n.check for n in run.not_run}


def test_errors_come_first_then_by_location():
    report = generate_report(4, year=2022, all_zero=True)
    report = edit_cell(report, "four", "direct_suit.upheld", "", blank=True)
    report = edit_cell(report, "three", "carried_out.total", "1", 1)
    report = edit_cell(report, "three", "granted.total", "1", 1)
    run = run_checks(report)
    severities = [f.severity for f in run.findings]
    assert severities == sorted(severities, key=lambda s: s != "error")
    rows = [f.location.get("row") for f in run.errors if f.check == "T3.total_col"]
    assert rows == ["granted", "carried_out"]
    json.dumps(run.to_json(), ensure_ascii=False)


def test_no_national_format_before_2019():
    report = generate_report(4, year=2022)
    report.year = 2018
    run = run_checks(report)
    reasons = {n.check: n.reason for n in run.not_run}
    assert reasons["T3.balance"] == "该报告年度没有全国统一格式"
    assert reasons["X.format_version"] == "该报告年度没有全国统一格式"
    assert not any(f.check.startswith("T") for f in run.findings)


def test_a_crashing_check_is_not_run_not_a_traceback(monkeypatch):
    def boom(ctx):
        raise ZeroDivisionError

    monkeypatch.setitem(REGISTRY, "T3.balance", CheckDef("T3.balance", boom, False))
    run = run_checks(generate_report(1))
    assert any(n.check == "T3.balance" and "出错" in n.reason for n in run.not_run)


def test_empty_report_does_not_crash():
    run = run_checks(AnnualReport())
    assert run.errors  # missing sections and tables
    assert {f.check for f in run.errors} >= {"X.sections", "T2.shape", "T3.shape", "T4.shape"}


def test_disabled_and_optional_checks():
    run = run_checks(generate_report(1), options=CheckOptions(disabled=frozenset({"T3.balance"})))
    reasons = {n.check: n.reason for n in run.not_run}
    assert reasons["T3.balance"] == "已关闭"
    assert reasons["X.summary_length"] == "可选检查，未启用"


def test_x_late_rules():
    base = generate_report(2, year=2022, agency="青山市人民政府")
    base.published_date = None
    base.signed_date = date(2023, 3, 1)
    run = run_checks(base)
    assert "X.late" not in {f.check for f in run.findings}
    assert {n.check: n.reason for n in run.not_run}["X.late"] == "发布日期未知"
    local = CheckOptions(deadlines={2022: date(2023, 2, 20)}, deadline_rule="市政务公开办通知")
    late = run_checks(base, options=local).by_check("X.late")
    assert late and "市政务公开办通知" in late[0].message and late[0].values["days_late"] == 9
    town = copy.deepcopy(base)
    town.agency, town.agency_kind = "石桥镇人民政府", None
    assert {n.check: n.reason for n in run_checks(town).not_run}["X.late"] == "乡镇、街道的发布期限未配置"
    unpublished = run_checks(
        town, options=CheckOptions(today=date(2023, 4, 2), deadlines={2022: date(2023, 3, 31)})
    )
    assert unpublished.by_check("X.late")[0].values["days_late"] == 2
