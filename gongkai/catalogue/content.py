"""The catalogue's calls into the pure libraries: content checks, redaction, 发文字号, art. 26."""

from __future__ import annotations

import re
from datetime import date

from gongkai.textcheck import Severity, check_text, redact
from gongkai.textcheck.finding import LineIndex
from gongkai.textcheck.norms import doc_numbers
from gongkai.workdays import MissingHolidayData, default_calendar

from .vocab import LateCheck

# 发文机关代字 + 〔年份〕 + 序号 + 号, e.g. 硚融媒发〔2022〕3号 (GB/T 9704-2012 7.2.4)
DOCUMENT_NUMBER = re.compile(r"^[\u3400-\u9fffA-Za-z]{1,20}〔(?:19|20)\d{2}〕[1-9]\d{0,4}号$")


def document_number_problem(value: str) -> str | None:
    """None when the 发文字号 is well formed; else what is wrong, with the corrected form if known."""
    value = value.strip()
    if not value or DOCUMENT_NUMBER.match(value):
        return None
    found = doc_numbers(value, LineIndex(value))
    if found:
        f = found[0]
        return f"{f.message}，应为“{value[: f.start]}{f.suggestion}{value[f.end :]}”"
    return "应为“发文机关代字〔年份〕序号号”，如“示融媒发〔2024〕3号”"


def run_checks(sources: list[tuple[str, str, str]]) -> list[dict]:
    """Findings for each (source key, label, text), as JSON-ready dicts tagged with their source."""
    out: list[dict] = []
    for key, label, text in sources:
        if not text:
            continue
        for f in check_text(text):
            d = f.as_dict()
            d["source"] = key
            d["source_label"] = label
            out.append(d)
    return out


def is_blocking(findings: list[dict]) -> bool:
    return any(f.get("severity") == Severity.BLOCKING.value for f in findings)


def blocking_titles(findings: list[dict]) -> str:
    titles = dict.fromkeys(f["title"] for f in findings if f.get("severity") == Severity.BLOCKING.value)
    return "、".join(titles)


def redact_text(text: str) -> tuple[str, list[dict]]:
    """The text with personal data masked, and the record of what was masked where."""
    result = redact(text, check_text(text))
    return result.text, [r.as_dict() for r in result.redactions]


def late_check(
    formed: date | None, published: date, period: int, calendar=None
) -> tuple[str, int | None, str]:
    """`P.late` (DOMAIN §10.2): (outcome, working days counted, explanation). Never guesses a calendar."""
    if formed is None:
        return LateCheck.NOT_RUN, None, "未填写形成或变更日期，未检查发布时限"
    calendar = calendar or default_calendar()
    try:
        days = calendar.working_days_between(formed, published)
    except MissingHolidayData as exc:
        return LateCheck.NOT_RUN, None, f"{exc.message}，未检查发布时限"
    if days > period:
        return (
            LateCheck.FINDING,
            days,
            f"形成或变更日期{formed:%Y-%m-%d}至发布日期{published:%Y-%m-%d}共{days}个工作日，超过{period}个工作日的发布时限",
        )
    return LateCheck.PASS, days, f"形成或变更后第{days}个工作日发布，在{period}个工作日时限内"
