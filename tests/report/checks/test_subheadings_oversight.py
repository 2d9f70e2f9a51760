"""X.subheadings for a people's government: 工作考核、社会评议、责任追究 must be stated in 总体情况
(DOMAIN §6), also when a PDF wrapped the line inside one of those words."""

from __future__ import annotations

import pytest

from gongkai.report.checks import CheckOptions

from .helpers import generate_report, outcome, set_section_text

GOVERNMENT = CheckOptions(agency_kind="government")
OVERSIGHT = "（五）监督保障。本年度将政务公开纳入工作考核，开展社会评议，未发生责任追究情况。"


def _report(last_paragraph: str):
    report = generate_report(11, version="2021", year=2022, agency="青山市人民政府")
    text = report.sections["overview"].text
    head, _, _ = text.rpartition("（五）")
    return set_section_text(report, "overview", head + last_paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [OVERSIGHT, OVERSIGHT.replace("社会评议", "社会评\n议"), OVERSIGHT.replace("工作考核", "工作 考核")],
)
def test_oversight_stated_passes_however_the_lines_wrap(paragraph):
    findings, _, _ = outcome(_report(paragraph), "X.subheadings", options=GOVERNMENT)
    assert not any("社会评议" in f.message or "工作考核" in f.message for f in findings)


def test_oversight_left_out_is_named():
    findings, _, _ = outcome(
        _report(OVERSIGHT.replace("开展社会评议，", "")), "X.subheadings", options=GOVERNMENT
    )
    assert any("社会评议" in f.message for f in findings)
