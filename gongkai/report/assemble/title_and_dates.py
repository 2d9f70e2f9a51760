"""The title, agency and year from the opening lines, dates in the text, and the closing sign-off.

The sign-off (agency name and date after section 六) gives the signed date and is cut from the
last section's text, so the text checks see only the report's prose.
"""

from __future__ import annotations

import re
from datetime import date

from ..findings import Finding
from ..model import AnnualReport
from .items import Item

_TITLE = re.compile(
    r"^(?P<agency>.*?)[\s（(]*(?P<year>(?:19|20)\d{2})\s*年\s*(?:度)?\s*[）)]?\s*(?:的)?政府信息公开(?:工作)?(?:年度)?(?:工作)?报告"
)


_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


_CN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS[text]


def parse_date(text: str) -> date | None:
    """The first date written as YYYY年M月D日 (Arabic or Chinese numerals) in `text`."""
    m = _DATE.search(text)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _CN_DATE.search(text)
        if m:
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            return date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
    except (ValueError, KeyError):
        return None
    return None


def _find_title(lines: list[str]) -> tuple[str | None, str | None, int | None]:
    """Title, agency and year from the opening lines; the title may be broken across lines."""
    for start in range(min(len(lines), 8)):
        joined = ""
        for end in range(start, min(start + 3, len(lines))):
            joined += lines[end]
            compact = re.sub(r"\s+", "", joined)
            m = _TITLE.search(compact)
            if m:
                agency = m.group("agency").strip("：:　 ") or None
                return compact[: m.end()], agency, int(m.group("year"))
    return None, None, None


def _read_title_and_dates(report: AnnualReport, items: list[Item]) -> None:
    head = [i.text for i in items[:12] if i.kind == "text"]
    report.title, report.agency, report.year = _find_title(head)
    if report.year is None:
        m = re.search(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|－)", report.text)
        years = re.findall(r"((?:19|20)\d{2})\s*年度", report.text[:3000])
        if m:
            report.year = int(m.group(1))
        elif years:
            report.year = int(max(set(years), key=years.count))
        else:
            report.reader_findings.append(
                Finding("R.year_unknown", "未能从标题或正文确定报告年度", {"path": report.path})
            )
    # the sign-off: the agency name and a date in the last lines, after section 六
    tail = [i for i in items[-6:] if i.kind == "text"]
    for item in reversed(tail):
        if len(item.text) <= 24:
            signed = parse_date(item.text)
            if signed:
                report.signed_date = signed
                _strip_signoff(report, item.text)
                break


_AGENCY_END = re.compile(r"(政府|办公室|局|委员会|委|中心|厅|部|署|院|会|所|站|办|处|队|馆|组)$")


def _strip_signoff(report: AnnualReport, date_line: str) -> None:
    """The closing agency name and date are not part of section 六's text (or the last section's)."""
    found = [s for s in report.sections.values() if s.found]
    if not found:
        return
    last = max(found, key=lambda s: s.order or 0)
    lines = last.text.split("\n")
    if not lines or lines[-1].strip() != date_line.strip():
        return
    cut = 1
    if len(lines) >= 2:
        name = lines[-2].strip()
        if (
            len(name) <= 40
            and not re.search(r"[。，；：:]", name)
            and ((report.agency and report.agency in name) or _AGENCY_END.search(name))
        ):
            cut = 2
    removed = "\n".join(lines[-cut:])
    last.text = "\n".join(lines[:-cut])
    if report.text.endswith(removed):
        report.text = report.text[: len(report.text) - len(removed)].rstrip("\n")
