from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.report.model import AnnualReport
from gongkai.report.source import load_source

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "examples" / "demo-report.yaml"
SHARED = ROOT / ".." / "shared"


@pytest.fixture(scope="session")
def demo() -> AnnualReport:
    report, errors = load_source(DEMO.read_bytes(), str(DEMO))
    assert report is not None and errors == []
    return report


def section_texts(report: AnnualReport, *, loose: bool = False) -> dict[str, str]:
    """Section texts for comparison. The sign-off (agency, date) that follows section 六 is
    dropped: the assembler does not yet separate it from the section's text. `loose` also drops
    line breaks and page numbers, for PDF, whose text lines are the printed lines."""
    out = {}
    signoff = set()
    if report.signed_date:
        d = report.signed_date
        signoff = {report.agency or "", f"{d.year}年{d.month}月{d.day}日"}
    for code, section in report.sections.items():
        lines = [x for x in section.text.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", x)]
        while code == "other_matters" and lines and lines[-1].strip() in signoff:
            lines.pop()
        text = "\n".join(lines)
        if loose:
            text = re.sub(r"—\s*\d+\s*—", "", re.sub(r"\s+", "", text))
        out[code] = text
    return out
