"""Shared steps of the annual tests: a report taken through dismissals, review and publication."""

from __future__ import annotations

import datetime as dt

from gongkai.annual import actions
from gongkai.annual.models import AnnualReportRecord

TODAY = dt.datetime(2027, 1, 10, 10, tzinfo=dt.UTC)  # drafting the 2026 report, before 31 Jan 2027


def fresh(record: AnnualReportRecord) -> AnnualReportRecord:
    return AnnualReportRecord.objects.select_related("agency").get(pk=record.pk)


def dismiss_all(record, actor):
    for f in list(record.findings):
        if f["severity"] == "warning" and f["key"] not in record.dismissed:
            record = actions.dismiss_warning(
                record, actor=actor, version=record.version, key=f["key"], reason="已核实"
            )
    return record


def submitted(setting, year=2026):
    record = actions.create_draft(setting.agency, year, actor=setting.editor)
    record = dismiss_all(record, setting.editor)
    return actions.submit(record, actor=setting.editor, version=record.version)


def approved(setting, year=2026):
    record = submitted(setting, year)
    for user in (setting.first, setting.second, setting.final):
        record = actions.approve(record, actor=user, version=record.version)
    return record


def published(setting, year=2026):
    record = approved(setting, year)
    return actions.publish(record, actor=setting.final, version=record.version)


def break_pdf_writer(monkeypatch, how: str) -> str:
    """Make the report PDF writer fail as it does on a server: a Typst error ("typst") or no CJK
    font installed ("font"). Returns the words its Chinese message contains."""
    from gongkai.report.writers import pdf

    if how == "font":

        def no_font():
            raise pdf.FontMissing(f"未找到免费中文字体“{pdf.SERIF}”，请安装 fonts-noto-cjk（make sysdeps）")

        monkeypatch.setattr(pdf, "fonts", no_font)
        return "未找到免费中文字体"
    monkeypatch.setattr(pdf, "template", lambda: b"#let x = (")
    return "PDF排版失败"
