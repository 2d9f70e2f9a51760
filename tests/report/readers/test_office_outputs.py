"""Reports as office suites publish them: gongkai's DOCX, converted by LibreOffice to PDF, to its
HTML (the kind agencies paste into portals), to text, and through ODT back to a DOCX that another
producer wrote. Each reads back to the synthetic report it came from: the same format version,
tables 二/三/四, section texts and findings as gongkai's own DOCX.

The fixtures in tests/report/fixtures/office/ were made once (their README says how); the
expected reports are generated again here from the seed in each file name. The last test makes
fresh ones when `soffice` is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai.report.api import audit_report, read_report
from gongkai.report.model import AnnualReport
from gongkai.report.synth import generate_report
from gongkai.report.writers import render

OFFICE = Path(__file__).resolve().parents[1] / "fixtures" / "office"
NAME = re.compile(r"synth-(?P<version>\d{4})-seed(?P<seed>\d+)(?P<long>-long)?(?:\.roundtrip)?\.\w+$")
FIXTURES = sorted(p.name for p in OFFICE.iterdir() if NAME.match(p.name))


def expected(name: str) -> AnnualReport:
    """The synthetic report a fixture was made from; `-long`: about ten printed pages, so that
    the tables break across pages (as bench_writers' `_long`)."""
    m = NAME.match(name)
    assert m, name
    report = generate_report(int(m["seed"]), version=m["version"])
    if m["long"]:
        for section in report.sections.values():
            section.text = "\n".join([section.text] * 4)
    return report


def texts(report: AnnualReport, *, pdf: bool) -> dict[str, str]:
    """Section texts as every reader gives them: lines without indentation, no empty lines; for
    PDF, whose lines are the printed lines, without any whitespace."""
    out = {}
    for code, section in report.sections.items():
        if pdf:
            out[code] = re.sub(r"\s+", "", section.text)
        else:
            out[code] = "\n".join(
                line.strip(" \t\u3000") for line in section.text.split("\n") if line.strip()
            )
    return out


def findings(report: AnnualReport) -> list[tuple[str, str]]:
    return sorted((f.check, str(f.severity)) for f in audit_report(report).findings)


def assert_reads_as(got: AnnualReport, report: AnnualReport, *, pdf: bool) -> None:
    assert got.readable, got.reader_findings
    assert got.format_version == report.format_version
    assert (got.agency, got.year) == (report.agency, report.year)
    assert got.tables_json() == report.tables_json()
    assert texts(got, pdf=pdf) == texts(report, pdf=pdf)
    own = read_report(render(report, "docx"), "report.docx")
    assert findings(got) == findings(own)


def test_fixtures_cover_every_output_and_both_versions():
    kinds = {(NAME.match(n)["version"], n.split(".", 1)[1]) for n in FIXTURES}
    for version in ("2019", "2021"):
        assert {(version, k) for k in ("pdf", "html", "txt", "roundtrip.docx")} <= kinds
    assert sum(p.stat().st_size for p in OFFICE.iterdir()) < 1_000_000


@pytest.mark.parametrize("name", FIXTURES)
def test_libreoffice_output_reads_as_the_report_it_came_from(name):
    got = read_report((OFFICE / name).read_bytes(), name)
    assert_reads_as(got, expected(name), pdf=name.endswith(".pdf"))


def test_plain_pdftotext_tables_are_no_prose(shared_dir, tmp_path):
    """Plain `pdftotext` prints tables one cell per line, like LibreOffice's text export: the
    cells are read as the tables and are not section text, as in the PDF itself."""
    pdftotext = shutil.which("pdftotext")
    pdf = shared_dir / "fixtures" / "real" / "huaian-2024.pdf"
    if pdftotext is None or not pdf.exists():
        pytest.skip("needs pdftotext and ../shared/fixtures/real/huaian-2024.pdf")
    txt = tmp_path / "huaian-2024.txt"
    subprocess.run([pdftotext, str(pdf), str(txt)], check=True, capture_output=True)
    from_pdf, from_text = read_report(pdf.read_bytes(), pdf.name), read_report(txt.read_bytes(), txt.name)
    assert from_text.tables_json() == from_pdf.tables_json()
    for code in ("proactive", "applications", "reconsideration_litigation"):
        assert from_text.sections[code].text == from_pdf.sections[code].text == ""


# `soffice` filter names: LibreOffice's own HTML, UTF-8 text, and Word 2007+ for the round trip
CONVERSIONS = {
    "pdf": "pdf",
    "html": "html",
    "txt": "txt:Text (encoded):UTF8",
    "odt": "odt",
}


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "version"), [(11, "2021"), (12, "2019")])
def test_fresh_report_through_libreoffice(tmp_path, seed, version):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    report = generate_report(seed, version=version)
    docx = tmp_path / "report.docx"
    docx.write_bytes(render(report, "docx"))
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"  # not the user's own

    def convert(source: Path, target: str, out: Path) -> None:
        out.mkdir(exist_ok=True)
        command = [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(out), str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=180)

    for kind, target in CONVERSIONS.items():
        convert(docx, target, tmp_path / kind)
    convert(tmp_path / "odt" / "report.odt", "docx:MS Word 2007 XML", tmp_path / "roundtrip")
    outputs = [tmp_path / kind / f"report.{kind}" for kind in ("pdf", "html", "txt")]
    for path in [*outputs, tmp_path / "roundtrip" / "report.docx"]:
        got = read_report(path.read_bytes(), path.name)
        assert_reads_as(got, report, pdf=path.suffix == ".pdf")
