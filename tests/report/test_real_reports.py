"""Audits of real published reports (../shared/fixtures/real), as their README describes them."""

from __future__ import annotations

import pytest

from gongkai.report.api import audit_bytes


def audit(shared_dir, name):
    path = shared_dir / "fixtures" / "real" / name
    if not path.exists():
        pytest.skip(f"{name} not in ../shared/fixtures/real")
    return audit_bytes(path.read_bytes(), str(path))


def test_hongze_2023_table_four_totals_are_reported_as_errors(shared_dir):
    result = audit(shared_dir, "hongze-2023.pdf")
    by_check = {f.check: f for f in result.errors}
    assert by_check["T4.review_total"].values["difference"] == -11  # stated total 0 minus the sum 11
    assert by_check["T4.after_total"].values["difference"] == -5


def test_hongze_reports_use_the_2019_other_row_in_a_2021_report(shared_dir):
    for name in ("hongze-2023.pdf", "hongze-2024.pdf"):
        result = audit(shared_dir, name)
        assert result.report.format_version == "mixed"
        assert result.report.three.version == "2019"  # table 三 read with its own labels' version
        assert "X.format_version" in {f.check for f in result.errors}
        assert not [f for f in result.errors if f.check.startswith("T3.")], name


def test_hongze_2024_text_says_17_applications_where_table_three_says_95(shared_dir):
    result = audit(shared_dir, "hongze-2024.pdf")
    text_vs_table = [f for f in result.warnings if f.check == "X.text_vs_table"]
    assert any("17" in f.message and "95" in f.message for f in text_vs_table)


def test_huaian_2024_has_no_errors(shared_dir):
    result = audit(shared_dir, "huaian-2024.pdf")
    assert result.report.format_version == "2021"
    assert not result.errors, [f.message for f in result.errors]
    assert result.report.three.cell("received", "total").value == 3119
