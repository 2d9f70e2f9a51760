"""Text checks fire on what they target and stay quiet on ordinary phrasing."""

from __future__ import annotations

import copy

from gongkai.report.checks import run_checks
from gongkai.report.model import Cell

from .helpers import generate_report, set_section_text


def _base():
    return generate_report(21, version="2021", year=2022, agency="临江市民政局", all_zero=True)


def _checks(report, *ids):
    run = run_checks(report)
    return [f for f in run.findings if not ids or f.check in ids]


def test_text_self_ignores_generic_shared_phrases():
    report = set_section_text(
        _base(), "overview", "全年收到政府信息公开申请30件。\n全年办结政府信息公开申请28件。"
    )
    assert _checks(report, "X.text_self") == []


def test_text_self_reports_both_quotes_and_the_shared_description():
    report = set_section_text(
        _base(), "proactive", "围绕乡村振兴战略实施开展专题宣传，全年编发乡村振兴专题简报20期。"
    )
    report = set_section_text(report, "problems", "本年度围绕乡村振兴战略实施开展专题宣传，编发简报共24期。")
    found = _checks(report, "X.text_self")
    assert len(found) == 1
    assert found[0].location["section"] == "proactive" and found[0].location["other"]["section"] == "problems"
    assert "乡村振兴战略实施开展专题宣传" in found[0].values["shared"]


def test_text_self_ignores_other_years_and_comparisons():
    report = set_section_text(_base(), "proactive", "2022年围绕乡村振兴战略实施开展专题宣传，编发简报20期。")
    report = set_section_text(report, "problems", "2021年围绕乡村振兴战略实施开展专题宣传，编发简报24期。")
    assert _checks(report, "X.text_self") == []


def test_text_sum_percentages_must_fit():
    ok = set_section_text(
        _base(), "proactive", "共发布信息200条，其中政策文件100条，占50%；工作动态100条，占50%。"
    )
    bad = set_section_text(
        _base(), "proactive", "共发布信息200条，其中政策文件100条，占60%；工作动态100条，占50%。"
    )
    assert _checks(ok, "X.text_sum") == []
    assert len(_checks(bad, "X.text_sum")) == 1


def test_text_sum_skips_open_lists():
    report = set_section_text(
        _base(), "proactive", "共发布信息1200条，其中主要包括政策文件800条、人事信息300条等。"
    )
    assert _checks(report, "X.text_sum") == []


def test_denied_litigation_against_a_non_zero_table():
    report = copy.deepcopy(_base())
    report.four.cells["direct_suit.upheld"] = Cell(raw="1", value=1)
    report.four.cells["direct_suit.total"] = Cell(raw="1", value=1)
    report = set_section_text(
        report, "reconsideration_litigation", "本年度没有发生因政府信息公开引起的行政复议和行政诉讼。"
    )
    found = _checks(report, "X.text_vs_table")
    assert len(found) == 1 and "未经复议直接起诉" in found[0].message


def test_document_counts_in_prose_are_compared_with_table_two():
    report = set_section_text(_base(), "proactive", "本年度制发行政规范性文件3件，废止0件，现行有效0件。")
    found = _checks(report, "X.text_vs_table")
    assert len(found) == 1 and "本年制发件数" in found[0].message
    assert _checks(set_section_text(report, "proactive", "完善规章制度建设5件。"), "X.text_vs_table") == []


def test_fee_text_contradiction_and_placeholder():
    report = copy.deepcopy(generate_report(21, version="2021", year=2022, all_zero=True))
    for col in ("natural_person", "total"):
        for row in ("received", "other_fee_unpaid", "total"):
            report.three.cells[f"{row}.{col}"] = Cell(raw="1", value=1)
    said_none = set_section_text(report, "other_matters", "本年度未发出收费通知，未收取信息处理费。")
    assert len(_checks(said_none, "X.fee_text")) == 1
    placeholder = set_section_text(_base(), "other_matters", "（文字描述，收取信息处理费情况在此处报告。）")
    assert "模板" in _checks(placeholder, "X.fee_text")[0].message
    assert (
        _checks(set_section_text(_base(), "other_matters", "本年度收取政府信息处理费为0元。"), "X.fee_text")
        == []
    )


def test_other_date_ranges_are_not_statistical_periods():
    report = set_section_text(_base(), "overview", "2022年3月1日至3月31日开展政务公开专项检查。")
    assert _checks(report, "X.period") == []


def test_period_message_gives_expected_range():
    report = copy.deepcopy(_base())
    report.preamble = "本报告所列数据统计期限为2021年1月1日至2021年12月31日。"
    report = set_section_text(report, "overview", report.sections["overview"].text)
    found = _checks(report, "X.period")
    assert found and "2022年1月1日至2022年12月31日" in found[0].message
    assert found[0].location["quote"].startswith("本报告")
    assert _checks(report, "X.period_missing") == []


def test_year_ref_ignores_comparisons_and_ranges():
    for text in (
        "2021年以来，累计收到申请5件。",
        "2021年度，较上年收到申请减少5件。",
        "2023年计划制发文件5件。",
    ):
        assert _checks(set_section_text(_base(), "overview", text), "X.year_ref") == [], text
