"""The real reports of ../shared/fixtures/real, as `pdftotext` extracts them, read like the PDFs.

Auditors batch-check the text other tools extract from PDFs (issue #2). `pdftotext -layout` wraps
long table-三 labels over two or three lines with the numbers on the middle one; plain `pdftotext`
puts every cell on its own line, moves wrapped labels to the end of the table and prints some
blocks column by column. Both must give the tables gongkai's own PDF reader reads. The PDFs are
read in place and converted at test time; no copy of their text is kept in the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from gongkai.report.api import audit_report, read_report

REAL = ("hongze-2023", "hongze-2024", "huaian-2024")
MODES = {"layout": ["-layout"], "plain": []}
# table 三 总计 column, rows 一 / 二 / （七） / 四, as the fixtures README states them
T3_TOTALS = {
    "hongze-2023": (21, 0, 21, 0),
    "hongze-2024": (95, 0, 95, 0),
    "huaian-2024": (3119, 34, 3050, 103),
}


@pytest.fixture
def pdftotext():
    path = shutil.which("pdftotext")
    if path is None:
        pytest.skip("pdftotext is not installed (poppler-utils; `make sysdeps` installs it)")
    return path


def _pdf(shared_dir, name):
    path = shared_dir / "fixtures" / "real" / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{name}.pdf not in ../shared/fixtures/real")
    return path


def _checks(result, prefixes):
    return sorted(f.check for f in result.findings if f.check.startswith(prefixes))


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("name", REAL)
def test_pdftotext_text_gives_the_tables_of_the_pdf(shared_dir, tmp_path, pdftotext, name, mode):
    pdf = _pdf(shared_dir, name)
    txt = tmp_path / f"{name}.{mode}.txt"
    subprocess.run([pdftotext, *MODES[mode], str(pdf), str(txt)], check=True, capture_output=True)

    expected = read_report(pdf.read_bytes(), str(pdf))
    got = read_report(txt.read_bytes(), str(txt))

    assert got.format_version == expected.format_version
    for table in ("two", "three", "four"):
        assert getattr(got, table).version == getattr(expected, table).version, table
        assert getattr(got, table).to_json() == getattr(expected, table).to_json(), table
    totals = tuple(
        got.three.number(row, "total") for row in ("received", "carried_in", "total", "carried_out")
    )
    assert totals == T3_TOTALS[name]

    # the same table findings as the PDF, and no reader finding the PDF does not have
    got_result, pdf_result = audit_report(got), audit_report(expected)
    assert _checks(got_result, ("T",)) == _checks(pdf_result, ("T",))
    assert _checks(got_result, ("R.",)) == _checks(pdf_result, ("R.",))


def test_the_audit_of_pdftotext_text_does_not_depend_on_hash_order(shared_dir, tmp_path, pdftotext):
    """Label sets once decided the order of version signals, so the wording of X.format_version changed
    with PYTHONHASHSEED: the same file must give the same JSON in every process."""
    pdf = _pdf(shared_dir, "hongze-2024")
    txt = tmp_path / "hongze-2024.txt"
    subprocess.run([pdftotext, str(pdf), str(txt)], check=True, capture_output=True)
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "gongkai.cli", "audit", "--json", str(txt)],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and b'"format_version"' in next(iter(outputs))
