"""Table checks: exact messages, blanks as 0, invalid cells not double-counted, missing structure."""

from __future__ import annotations

import copy

from gongkai.report.checks import run_checks
from gongkai.report.formats import FORMAT_2021
from gongkai.report.model import Cell

from .helpers import edit_cell, generate_report


def _zero(version="2021"):
    return generate_report(5, version=version, year=2022 if version == "2021" else 2020, all_zero=True)


def _set(report, table, values):
    out = copy.deepcopy(report)
    for key, value in values.items():
        getattr(out, table).cells[key] = Cell(raw=str(value), value=value)
    return out


def test_balance_message_names_both_sides_and_the_difference():
    report = _set(
        _zero(),
        "three",
        {"received.total": 5, "carried_in.total": 1, "total.total": 4, "carried_out.total": 1},
    )
    found = run_checks(report).by_check("T3.balance")
    assert [f.message for f in found] == [
        "表三“总计”列：第一项(5)+第二项(1)=6，第三项总计(4)+第四项(1)=5，相差1。"
    ]
    assert found[0].values["difference"] == 1
    assert found[0].values["lhs"]["addends"] == {"received.total": 5, "carried_in.total": 1}
    assert found[0].location["column_label"] == "总计"


def test_total_col_message_follows_the_format_labels():
    report = _set(_zero(), "three", {"granted.natural_person": 3, "granted.total": 4})
    messages = [f.message for f in run_checks(report).by_check("T3.total_col")]
    assert messages == ["表三“（一）予以公开”行：自然人至其他六列合计3，“总计”栏为4。"]


def test_total_row_lists_the_non_zero_addends():
    report = _set(
        _zero(), "three", {"granted.research": 2, "other_fee_unpaid.research": 1, "total.research": 2}
    )
    found = run_checks(report).by_check("T3.total_row")
    assert len(found) == 1
    assert found[0].values["rhs"] == {
        "addends": {"granted.research": 2, "other_fee_unpaid.research": 1},
        "sum": 3,
    }
    assert "“科研机构”列" in found[0].message and "“（七）总计”为2" in found[0].message


def test_blank_counts_as_zero_and_is_a_warning_only():
    report = edit_cell(_zero(), "three", "granted.commercial", "—", blank=True)
    run = run_checks(report)
    assert run.errors == []
    assert [f.check for f in run.warnings] == ["T3.blank"]
    assert "“商业企业”" in run.warnings[0].message


def test_invalid_cell_is_one_int_error_and_its_equations_are_skipped():
    report = edit_cell(_zero(), "three", "granted.commercial", "若干", invalid=True)
    run = run_checks(report)
    assert [f.check for f in run.findings] == ["T3.int"]
    assert run.findings[0].location["row_label"] == "（一）予以公开"
    assert "若干" in run.findings[0].message


def test_negative_count_is_not_an_integer_cell():
    report = _set(_zero(), "four", {"reconsideration.upheld": -1})
    assert [f.check for f in run_checks(report).errors] == ["T4.int"]


def test_signed_change_may_be_negative_in_2019():
    report = _set(_zero("2019"), "two", {"licensing.items_change": -2})
    assert run_checks(report).findings == []


def test_missing_table_gives_one_shape_finding_and_a_section_finding():
    report = copy.deepcopy(_zero())
    report.three.found = False
    report.three.cells.clear()
    run = run_checks(report)
    assert [f.check for f in run.errors] == ["X.sections", "T3.shape"] or sorted(
        f.check for f in run.errors
    ) == [
        "T3.shape",
        "X.sections",
    ]
    assert len(run.by_check("T3.shape")) == 1


def test_missing_row_and_column_are_grouped():
    report = copy.deepcopy(_zero())
    for col in FORMAT_2021.three.columns:
        report.three.cells.pop(f"partial.{col.code}")
    for row in FORMAT_2021.three.data_rows():
        report.three.cells.pop(f"{row.code}.research", None)
    messages = [f.message for f in run_checks(report).by_check("T3.shape")]
    assert len(messages) == 2
    assert any("（二）部分公开" in m for m in messages) and any("“科研机构”列缺失" in m for m in messages)


def test_extra_cells_are_reported_and_ignored():
    report = copy.deepcopy(_zero())
    report.three.extras.append({"label": "法人或其他组织", "raw": "3", "row": "received"})
    run = run_checks(report)
    assert [f.check for f in run.findings] == ["T3.extra"]


def test_fee_unit_and_places():
    report = edit_cell(_zero(), "two", "administrative_fees.amount", "3500元", None, invalid=False, unit="元")
    report.two.cells["administrative_fees.amount"].value = __import__("decimal").Decimal(3500)
    checks = sorted(f.check for f in run_checks(report).findings)
    assert checks == ["T2.unit"]


def test_fee_heuristic_against_last_year():
    from decimal import Decimal

    report = edit_cell(_zero(), "two", "administrative_fees.amount", "35000", Decimal(35000))
    prior = edit_cell(
        generate_report(6, year=2021, all_zero=True),
        "two",
        "administrative_fees.amount",
        "3.5",
        Decimal("3.5"),
    )
    found = run_checks(report, prior=prior).by_check("T2.unit")
    assert len(found) == 1 and "万元" in found[0].message
    assert run_checks(report).by_check("T2.unit") == []


def test_table_four_total_message():
    report = _set(_zero(), "four", {"reconsideration.upheld": 10, "reconsideration.corrected": 1})
    found = run_checks(report).by_check("T4.review_total")
    assert [f.message for f in found] == [
        "表四“行政复议”：结果维持(10)+结果纠正(1)+其他结果(0)+尚未审结(0)=11，“总计”为0，相差11。"
    ]
