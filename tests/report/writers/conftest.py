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
    """Section texts for comparison. `loose` drops line breaks, for PDF, whose text lines are
    the printed lines (the assembler already drops the sign-off and page numbers)."""
    out = {}
    for code, section in report.sections.items():
        text = section.text
        if loose:
            text = re.sub(r"\s+", "", text)
        out[code] = text
    return out
