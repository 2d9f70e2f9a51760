"""End to end: the blank national template through `read_report`."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.api import read_report
from gongkai.report.formats import FORMAT_2021

TEMPLATE = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "format" / "national-format-2021-blank.docx"
)


def test_blank_template_reads_as_a_2021_report_with_blank_table_three():
    if not TEMPLATE.exists():
        pytest.skip("../shared/format is not beside the repo")
    r = read_report(TEMPLATE.read_bytes(), TEMPLATE.name)
    assert r.readable and r.format_version == "2021"
    assert all(r.sections[s.code].found for s in FORMAT_2021.sections)
    cells = [
        r.three.cell(row.code, col.code)
        for row in FORMAT_2021.three.data_rows()
        for col in FORMAT_2021.three.columns
    ]
    assert len(cells) == 175 and all(c.present and c.blank for c in cells)


def test_blank_template_tables_two_and_four_are_found_blank():
    if not TEMPLATE.exists():
        pytest.skip("../shared/format is not beside the repo")
    r = read_report(TEMPLATE.read_bytes(), TEMPLATE.name)
    assert r.two.found and r.four.found
    assert not [f for f in r.reader_findings if f.check == "R.table_missing"]
    assert len(r.two.cells) == 10 and all(c.blank for c in r.two.cells.values())
    assert len(r.four.cells) == 15 and all(c.blank for c in r.four.cells.values())
