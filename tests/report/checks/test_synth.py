"""The generator: deterministic, version-correct, internally consistent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.report.formats import FORMATS
from gongkai.report.synth import generate_report, mutate_cell


def test_same_seed_same_report():
    assert generate_report(42).tables_json() == generate_report(42).tables_json()
    assert generate_report(42).text == generate_report(42).text
    assert len({generate_report(s).agency for s in range(20)}) > 5


@pytest.mark.parametrize(("version", "sizes"), [("2021", (10, 175, 15)), ("2019", (22, 161, 15))])
def test_cells_follow_the_version(version, sizes):
    report = generate_report(1, version=version)
    assert (len(report.two.cells), len(report.three.cells), len(report.four.cells)) == sizes
    assert FORMATS[version].applies_to(report.year)
    t3 = report.three
    for col in FORMATS[version].three.columns:
        assert t3.number("received", col.code) + t3.number("carried_in", col.code) == t3.number(
            "total", col.code
        ) + t3.number("carried_out", col.code)


def test_text_parts():
    report = generate_report(7, year=2023, agency="云溪市财政局")
    assert report.title == "云溪市财政局2023年政府信息公开工作年度报告"
    assert "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。" in report.preamble
    assert [s.heading for s in report.sections.values()] == [s.heading for s in FORMATS["2021"].sections]
    for topic in FORMATS["2021"].overview_topics:
        assert f"{topic.number}{topic.topic}" in report.sections["overview"].text
    assert "信息处理费" in report.sections["other_matters"].text
    assert f"申请{report.three.number('received', 'total')}件" in report.text
    for sec in report.sections.values():
        assert report.text[sec.start : sec.start + len(sec.text)] == sec.text


def test_money_has_at_most_four_places():
    for seed in range(50):
        value = generate_report(seed).two.number("administrative_fees", "amount")
        assert isinstance(value, Decimal) and -value.as_tuple().exponent <= 4


def test_mutate_cell_leaves_the_original():
    report = generate_report(3)
    before = report.three.number("granted", "total")
    changed = mutate_cell(report, "三", "granted.total", 2)
    assert changed.three.number("granted", "total") == before + 2
    assert report.three.number("granted", "total") == before
