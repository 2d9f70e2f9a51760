"""End to end: real published PDFs through `read_report` give the values printed in them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.api import read_report

REAL = Path(__file__).resolve().parents[3] / ".." / "shared" / "fixtures" / "real"


def report(name: str):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared/fixtures is not beside the repo")
    return read_report(path.read_bytes(), name)


@pytest.mark.parametrize(
    ("name", "year", "totals"),
    [
        ("hongze-2023.pdf", 2023, (21, 0, 21, 0)),
        ("hongze-2024.pdf", 2024, (95, 0, 95, 0)),
        ("huaian-2024.pdf", 2024, (3119, 34, 3050, 103)),
    ],
)
def test_table_three_total_column(name, year, totals):
    r = report(name)
    assert r.readable and r.year == year
    rows = ("received", "carried_in", "total", "carried_out")
    assert tuple(r.three.cell(row, "total").value for row in rows) == totals
    assert all(r.sections[code].found for code in r.sections)


def test_huaian_2024_table_four():
    four = report("huaian-2024.pdf").four
    columns = ("upheld", "corrected", "other_result", "pending", "total")
    assert [four.cell("reconsideration", c).value for c in columns] == [72, 64, 178, 37, 351]
    assert [four.cell("direct_suit", c).value for c in columns] == [13, 4, 8, 1, 26]
    assert [four.cell("suit_after_reconsideration", c).value for c in columns] == [12, 1, 1, 6, 20]


def test_hongze_2023_table_four_keeps_the_published_totals_error():
    four = report("hongze-2023.pdf").four
    assert four.cell("reconsideration", "upheld").value == 10
    assert four.cell("reconsideration", "corrected").value == 1
    assert four.cell("reconsideration", "total").value == 0
    assert four.cell("suit_after_reconsideration", "upheld").value == 5
    assert four.cell("suit_after_reconsideration", "total").value == 0


def test_huaian_2024_table_two():
    two = report("huaian-2024.pdf").two
    assert two.cell("rules", "in_force").value == 11
    assert two.cell("licensing", "decisions").value == 447228
    assert str(two.cell("administrative_fees", "amount").value) == "96171.6"
