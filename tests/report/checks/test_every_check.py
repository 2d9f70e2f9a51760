"""Every check id: one case where it passes and one where it fires, built from synthetic reports."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from gongkai.report.checks import REGISTRY, CheckOptions, missing_implementations
from gongkai.report.findings import CHECKS
from gongkai.report.synth import mutate_cell

from .helpers import edit_cell, generate_report, outcome, prior_of, set_section_text

V21 = lambda **kw: generate_report(11, version="2021", year=2022, **kw)  # noqa: E731
V19 = lambda **kw: generate_report(12, version="2019", year=2020, **kw)  # noqa: E731


def plain(report, **kwargs):
    return report, kwargs


def with_prior(report, prior=None, **kwargs):
    return report, {"prior": prior if prior is not None else prior_of(report), **kwargs}


def _busy21():
    """A 2021 report with non-zero applications, decisions, litigation and documents."""
    for seed in range(100):
        r = generate_report(seed, version="2021", year=2022, agency="青山市教育局")
        if (
            r.three.number("received", "total")
            and r.four.number("reconsideration", "total")
            and r.two.number("normative_documents", "issued")
        ):
            return r
    raise AssertionError("no busy report among the seeds")


BUSY = _busy21()


def _text(report, code, text, heading=None):
    return set_section_text(report, code, text, heading=heading)


def _heading(report, code, heading, status):
    out = copy.deepcopy(report)
    out.sections[code].heading = heading
    out.sections[code].heading_status = status
    return out


def _table_missing(report, name):
    out = copy.deepcopy(report)
    getattr(out, name).found = False
    getattr(out, name).cells.clear()
    return out


def _identical_prior(report):
    prior = copy.deepcopy(report)
    prior.year = report.year - 1
    return prior


def _late(report, published):
    out = copy.deepcopy(report)
    out.published_date = published
    return out


CASES = {
    # table 二
    "T2.shape": (lambda: plain(V21()), lambda: plain(edit_cell(V21(), "two", "penalty.decisions", None))),
    "T2.int": (
        lambda: plain(V19()),
        lambda: plain(edit_cell(V21(), "two", "rules.issued", "三件", invalid=True)),
    ),
    "T2.fee": (
        lambda: plain(edit_cell(V21(), "two", "administrative_fees.amount", "0.3512", Decimal("0.3512"))),
        lambda: plain(edit_cell(V21(), "two", "administrative_fees.amount", "0.35123", Decimal("0.35123"))),
    ),
    "T2.unit": (
        lambda: plain(V21()),
        lambda: plain(edit_cell(V19(), "two", "procurement.amount", "251000元", Decimal(251000), unit="元")),
    ),
    "T2.blank": (
        lambda: plain(V21()),
        lambda: plain(edit_cell(V21(), "two", "licensing.decisions", "", blank=True)),
    ),
    "T2.stock_continuity": (
        lambda: with_prior(BUSY),
        lambda: with_prior(mutate_cell(BUSY, "two", "normative_documents.in_force", 3), prior=prior_of(BUSY)),
    ),
    "T2.repeal_bound": (
        lambda: with_prior(BUSY),
        lambda: with_prior(
            edit_cell(BUSY, "two", "rules.repealed", "999", 999),
            prior=edit_cell(prior_of(BUSY), "two", "rules.in_force", "5", 5),
        ),
    ),
    "T2.items_continuity": (
        lambda: with_prior(V19()),
        lambda: with_prior(V19(), prior=mutate_cell(prior_of(V19()), "two", "licensing.items_change", 2)),
    ),
    # table 三
    "T3.shape": (lambda: plain(V21()), lambda: plain(_table_missing(V21(), "three"))),
    "T3.extra": (
        lambda: plain(V21()),
        lambda: plain(_with_extra(V21())),
    ),
    "T3.int": (
        lambda: plain(V21()),
        lambda: plain(edit_cell(V21(), "three", "granted.research", "-1", invalid=True)),
    ),
    "T3.blank": (
        lambda: plain(V21()),
        lambda: plain(edit_cell(V21(), "three", "granted.research", "—", blank=True)),
    ),
    "T3.balance": (lambda: plain(V21()), lambda: plain(mutate_cell(V21(), "three", "carried_out.total", 1))),
    "T3.total_col": (lambda: plain(V21()), lambda: plain(mutate_cell(V21(), "three", "partial.total", 2))),
    "T3.total_row": (lambda: plain(V21()), lambda: plain(mutate_cell(V21(), "three", "other.commercial", 1))),
    "T3.carry_continuity": (
        lambda: with_prior(BUSY),
        lambda: with_prior(BUSY, prior=mutate_cell(prior_of(BUSY), "three", "carried_out.natural_person", 1)),
    ),
    # table 四
    "T4.shape": (lambda: plain(V21()), lambda: plain(edit_cell(V21(), "four", "direct_suit.pending", None))),
    "T4.int": (
        lambda: plain(V21()),
        lambda: plain(edit_cell(V21(), "four", "direct_suit.pending", "一", invalid=True)),
    ),
    "T4.blank": (
        lambda: plain(V21()),
        lambda: plain(edit_cell(V21(), "four", "direct_suit.pending", "/", blank=True)),
    ),
    "T4.review_total": (
        lambda: plain(V21()),
        lambda: plain(mutate_cell(V21(), "four", "reconsideration.upheld", 1)),
    ),
    "T4.direct_total": (
        lambda: plain(V21()),
        lambda: plain(mutate_cell(V21(), "four", "direct_suit.total", 1)),
    ),
    "T4.after_total": (
        lambda: plain(V21()),
        lambda: plain(mutate_cell(V21(), "four", "suit_after_reconsideration.pending", 3)),
    ),
    # whole report
    "X.sections": (lambda: plain(V21()), lambda: plain(_drop_section(V21(), "problems"))),
    "X.heading": (
        lambda: plain(_heading(V21(), "problems", "  五、存在的主要问题及改进情况 ", "exact")),
        lambda: plain(_heading(V21(), "problems", "存在的主要问题及改进情况", "unnumbered")),
    ),
    "X.subheadings": (
        lambda: plain(V21()),
        lambda: plain(_text(V21(), "overview", V21().sections["overview"].text.replace("（二）", ""))),
    ),
    "X.text_vs_table": (
        lambda: plain(BUSY),
        lambda: plain(
            _text(
                BUSY,
                "applications",
                f"本年度新收政府信息公开申请{BUSY.three.number('received', 'total') + 1000}件。",
            )
        ),
    ),
    "X.text_self": (
        lambda: plain(_text(V21(), "other_matters", "1.全年在门户网站发布重大项目批准和实施信息共计12条。")),
        lambda: plain(
            _text(
                _text(V21(), "proactive", "全年在门户网站发布重大项目批准和实施信息12条。"),
                "other_matters",
                "1.本年度在门户网站发布重大项目批准和实施信息共计15条。未发出收费通知，未收取信息处理费。",
            )
        ),
    ),
    "X.text_sum": (
        lambda: plain(
            _text(V21(), "proactive", "共主动公开政府信息1200条，其中政策文件800条、人事信息400条。")
        ),
        lambda: plain(
            _text(V21(), "proactive", "共主动公开政府信息1200条，其中政策文件800条、人事信息350条。")
        ),
    ),
    "X.fee_text": (
        lambda: plain(V21()),
        lambda: plain(_text(V21(), "other_matters", "本年度无其他需要报告的事项。")),
    ),
    "X.period": (
        lambda: plain(V21()),
        lambda: plain(_preamble(V21(), "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。")),
    ),
    "X.period_missing": (lambda: plain(V21()), lambda: plain(_preamble(V21(), "本报告由本机关编制。"))),
    "X.year_ref": (
        lambda: plain(_text(V21(), "applications", "2022年度，本机关新收政府信息公开申请0件。")),
        lambda: plain(_text(V21(), "problems", "2021年度，本机关共收到政府信息公开申请5件。")),
    ),
    "X.format_version": (lambda: plain(V21()), lambda: plain(_version(V21(), "2019"))),
    "X.late": (
        lambda: plain(_late(V21(), date(2023, 1, 31))),
        lambda: plain(
            _late(generate_report(11, version="2021", year=2022, agency="青山市教育局"), date(2023, 2, 1))
        ),
    ),
    "X.similarity": (
        lambda: with_prior(V21(), prior=_reworded(V21())),
        lambda: with_prior(V21(), prior=_identical_prior(V21())),
    ),
    "X.other_items": (
        lambda: plain(
            V21(),
            options=CheckOptions(enabled=frozenset({"X.other_items"}), other_items=("政务公开工作要点",)),
        ),
        lambda: plain(V21(), options=CheckOptions(enabled=frozenset({"X.other_items"}))),
    ),
    "X.summary_length": (
        lambda: plain(V21(), options=CheckOptions(enabled=frozenset({"X.summary_length"}))),
        lambda: plain(
            V21(), options=CheckOptions(enabled=frozenset({"X.summary_length"}), summary_length=100)
        ),
    ),
}


def _with_extra(report):
    out = copy.deepcopy(report)
    out.three.extras.append({"label": "法人或其他组织", "raw": "7", "column_label": "法人或其他组织"})
    return out


def _drop_section(report, code):
    out = copy.deepcopy(report)
    out.sections[code].heading = None
    out.sections[code].text = ""
    return out


def _preamble(report, sentence):
    out = copy.deepcopy(report)
    out.preamble = f"{out.title}\n{sentence}"
    return set_section_text(out, "problems", out.sections["problems"].text)


def _version(report, version):
    out = copy.deepcopy(report)
    out.format_version = version
    return out


def _reworded(report):
    prior = copy.deepcopy(generate_report(99, version="2021", year=report.year - 1))
    for code, sec in prior.sections.items():
        sec.text = "".join(reversed(report.sections[code].text)) + "另有不同的表述内容。"
    return prior


def test_every_report_check_has_an_implementation_and_cases():
    assert missing_implementations() == []
    report_ids = {cid for cid in CHECKS if cid.startswith(("T", "X."))}
    assert set(REGISTRY) == report_ids
    assert set(CASES) == report_ids


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_passes_on_the_good_case(check_id):
    report, kwargs = CASES[check_id][0]()
    findings, not_run, passed = outcome(report, check_id, **kwargs)
    assert findings == [], [f.message for f in findings]
    assert passed, not_run


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_fires_on_the_bad_case(check_id):
    report, kwargs = CASES[check_id][1]()
    findings, not_run, _ = outcome(report, check_id, **kwargs)
    assert findings, f"{check_id} did not fire (not_run: {not_run})"
    for finding in findings:
        assert finding.severity == CHECKS[check_id].severity
        assert finding.message.endswith("。")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.message)
