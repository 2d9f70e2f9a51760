"""The issue's acceptance cases on the real seed report (read in place from ../shared/seed)."""

from __future__ import annotations

import json

import pytest

from gongkai.cli import main
from gongkai.report.api import audit_bytes, read_report
from gongkai.report.formats import FORMAT_2021

SEED = "seed/000_a817628b4ef7e32e.txt"


@pytest.fixture
def seed_path(shared_dir):
    return shared_dir / SEED


def test_seed_reads_as_a_2022_report_in_the_2021_format(seed_path):
    report = read_report(seed_path.read_bytes(), str(seed_path))
    assert (report.agency, report.year, report.format_version) == ("硚口区融媒体中心", 2022, "2021")
    assert len(report.two.cells) == 10
    assert len(report.three.cells) == 175
    assert len(report.four.cells) == 15
    assert all(cell.value == 0 for cell in report.three.cells.values())
    assert [s.found for s in report.sections.values()] == [True] * 6


def test_seed_audit_reports_heading_defects_and_the_24_34_contradiction(seed_path):
    result = audit_bytes(seed_path.read_bytes(), str(seed_path))
    checks = {f.check for f in result.findings}
    assert not result.errors, [f.message for f in result.errors]
    assert {"X.heading", "X.text_self"} <= checks
    text_self = next(f for f in result.findings if f.check == "X.text_self")
    assert "24" in text_self.message and "34" in text_self.message
    heading = next(f for f in result.findings if f.check == "X.heading")
    assert "五、存在的主要问题及改进情况" in heading.message


def test_cli_audit_seed_exit_code_and_json_keys(seed_path, capsys):
    assert main(["audit", "--json", str(seed_path)]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    assert {"path", "agency", "year", "format_version", "sections", "tables", "findings"} <= record.keys()
    assert record["tables"]["three"]["received"]["total"] == 0
    assert record["tables"]["four"]["reconsideration"]["pending"] == 0
    assert record["tables"]["two"]["administrative_fees"]["amount"] == "0"  # money as a decimal string
    assert record["sections"][4] == {
        "number": "五",
        "code": "problems",
        "heading": "存在的主要问题及改进情况",
        "chars": record["sections"][4]["chars"],
    }


THREE_CELLS = [
    (row.code, col.code) for row in FORMAT_2021.three.data_rows() for col in FORMAT_2021.three.columns
]


@pytest.mark.parametrize(("row", "column"), THREE_CELLS)
def test_changing_any_one_table_three_number_is_an_error_naming_its_row_and_column(seed_path, row, column):
    data = seed_path.read_bytes()
    report = read_report(data, str(seed_path))
    line = report.three.cell(row, column).source.line
    lines = data.decode("utf-8").split("\n")
    assert lines[line - 1].replace("\u00a0", "").strip() == "0"
    lines[line - 1] = "\t3"
    result = audit_bytes("\n".join(lines).encode("utf-8"), "changed.txt")
    rows_named = {f.location.get("row") for f in result.errors}
    columns_named = {f.location.get("column") for f in result.errors}
    assert row in rows_named, [f.message for f in result.errors]
    assert column in columns_named, [f.message for f in result.errors]
