"""The shape of the report: sections, headings, sub-headings of 一, format version (DOMAIN §1.2, §5)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding
from ..formats import FORMATS
from ..normalize import label_key
from .registry import Context, check, skip

# Art. 50: for people's governments 监督保障 covers 工作考核、社会评议和责任追究结果情况.
GOVERNMENT_OVERSIGHT = ("工作考核", "社会评议", "责任追究")
_CN = "一二三四五六七八九十"
_NUMBERED = re.compile(
    rf"^\s*(?:[（(]([{_CN}]+)[）)]|([{_CN}]+)[、.．，]|(\d+)[.．、）)]|[（(](\d+)[）)])\s*"
)
_HEAD_END = re.compile(r"[。：:；;！!]")
_SPACE = re.compile(r"\s+")
HEAD_MAX = 30  # a sub-heading is short; longer openings are running text
UNNUMBERED_MAX = 20


@check("X.sections")
def sections(ctx: Context) -> Iterator[Finding]:
    """All six sections, in order, each with content; 二/三/四 hold their table."""
    report = ctx.report
    found_order = []
    for number, sec in enumerate(ctx.fmt.sections, start=1):
        found = report.sections.get(sec.code)
        if found is None or not found.found:
            yield Finding(
                "X.sections",
                f"缺少第{sec.number}部分“{sec.heading}”。",
                {"section": sec.code, "heading": None},
                {"expected": sec.heading},
            )
        else:
            found_order.append((found.order if found.order is not None else number, sec))
            table = getattr(report, sec.table) if sec.table else None
            if not found.text.strip() and not (table is not None and table.found):
                yield Finding(
                    "X.sections",
                    f"第{sec.number}部分“{sec.heading}”没有内容。",
                    {"section": sec.code, "heading": found.heading},
                    {"expected": sec.heading},
                )
        if sec.table and not getattr(report, sec.table).found:
            title = getattr(ctx.fmt, sec.table).title
            yield Finding(
                "X.sections",
                f"第{sec.number}部分“{sec.heading}”中未找到表格“{title}”（只有文字或表格以图片发布）。",
                {"section": sec.code, "heading": found.heading if found else None, "table": sec.table},
                {"expected_table": title},
            )
    ranked = sorted(found_order, key=lambda item: item[0])
    actual = [sec for _, sec in ranked]
    expected = [sec for _, sec in found_order]
    if actual != expected:
        yield Finding(
            "X.sections",
            "各部分顺序有误：报告中依次为" + "、".join(f"“{s.heading}”" for s in actual) + "。",
            {"section": None},
            {"order": [s.code for s in actual], "expected": [s.code for s in expected]},
        )


@check("X.heading")
def headings(ctx: Context) -> Iterator[Finding]:
    """A heading matched but not in its exact form: variant, missing or wrong numeral, separator."""
    for sec in ctx.fmt.sections:
        found = ctx.report.sections.get(sec.code)
        if found is None or not found.found:
            continue
        as_found = found.heading.strip()
        if found.heading_status == "exact" and label_key(as_found) == label_key(sec.heading):
            continue
        if found.heading_status == "exact" and label_key(as_found).endswith(label_key(sec.heading)):
            continue  # leading decoration such as a page break marker read with the heading
        yield Finding(
            "X.heading",
            f"第{sec.number}部分标题应为“{sec.heading}”，报告中为“{as_found}”。",
            {
                "section": sec.code,
                "heading": as_found,
                "source": found.source.describe() if found.source else "",
            },
            {"found": as_found, "expected": sec.heading, "status": found.heading_status},
        )


def _subsequence(needle: str, hay: str) -> bool:
    pos = 0
    for ch in needle:  # each character after the previous one's first match
        pos = hay.find(ch, pos) + 1
        if not pos:
            return False
    return True


def _ordinal(match: re.Match) -> int | None:
    cn = match.group(1) or match.group(2)
    if cn:
        if cn == "十":
            return 10
        if len(cn) == 1:
            return _CN.index(cn) + 1
        return None
    digits = match.group(3) or match.group(4)
    return int(digits) if digits else None


@check("X.subheadings")
def subheadings(ctx: Context) -> Iterator[Finding]:
    """Section 一 covers the five topics, each under a numbered sub-heading （一）…（五） in order."""
    report = ctx.report
    overview = report.sections.get("overview")
    topics = ctx.fmt.overview_topics
    if overview is None or not overview.found:
        return skip("未找到第一部分")
    if not topics:
        return skip("该格式没有规定总体情况的小标题")
    problems: list[dict] = []
    heads = []  # (ordinal or None, heading text, paragraph, opening as printed)
    previous = ""
    for para in overview.text.split("\n"):
        stripped = para.strip()
        if not stripped:
            continue
        m = _NUMBERED.match(stripped)
        body = stripped[m.end() :] if m else stripped
        end = _HEAD_END.search(body)
        head = body[: end.start()] if end else body
        if len(head) > HEAD_MAX:
            head = ""
        # an unnumbered heading is a short opening of its own paragraph, not a wrapped PDF line
        wrapped = bool(previous) and not re.search(r"[。！？；：:;”）)]$|情况$", previous)
        if not m and (len(head) > UNNUMBERED_MAX or "，" in head or wrapped):
            head = ""
        previous = stripped
        opening = stripped[: (m.end() if m else 0) + (end.end() if end else len(body))][:40]
        heads.append((_ordinal(m) if m else None, head, stripped, opening))
    for index, topic in enumerate(topics, start=1):
        keys = (topic.topic, *topic.keywords)
        hit = next((h for h in heads if h[1] and any(_subsequence(k, h[1]) for k in keys)), None)
        if hit is None:
            mention = next((h for h in heads if any(k in h[2] for k in keys)), None)
            problems.append(
                {
                    "topic": topic.topic,
                    "number": topic.number,
                    "status": "missing",
                    "quote": _sentence(mention[2], keys) if mention else None,
                }  # fmt: skip
            )
        elif hit[0] is None:
            problems.append(
                {"topic": topic.topic, "number": topic.number, "status": "unnumbered", "quote": hit[3]}
            )
        elif hit[0] != index:
            problems.append(
                {"topic": topic.topic, "number": topic.number, "status": "misnumbered", "quote": hit[3]}
            )
    if ctx.agency_kind == "government":
        # the last two characters carry the meaning (考核/评议/追究); wording around them varies
        # searched with line breaks and spaces removed: a PDF may wrap a line inside a word (社会评|议)
        flat = _SPACE.sub("", overview.text)
        missing = [w for w in GOVERNMENT_OVERSIGHT if w[-2:] not in flat]
        if missing:
            problems.append(
                {
                    "topic": topics[-1].topic,
                    "number": topics[-1].number,
                    "status": "oversight",
                    "missing": missing,
                }
            )
    if not problems:
        return None
    parts = []
    for p in problems:
        name = f"“{p['number']}{p['topic']}”"
        if p["status"] == "missing":
            parts.append(f"缺少小标题{name}" + (f"（仅在正文中提及：“{p['quote']}”）" if p["quote"] else ""))
        elif p["status"] == "unnumbered":
            parts.append(f"小标题{name}没有编号（报告中为“{p['quote']}”）")
        elif p["status"] == "misnumbered":
            parts.append(f"小标题{name}编号有误（报告中为“{p['quote']}”）")
        else:
            parts.append(f"{name}未说明" + "、".join(p["missing"]) + "结果情况")
    return [
        Finding(
            "X.subheadings",
            f"第一部分“{ctx.fmt.section('overview').heading}”：" + "；".join(parts) + "。",
            {"section": "overview", "heading": overview.heading},
            {"topics": problems},
        )
    ]


def _sentence(text: str, keys) -> str:
    for sentence in re.split(r"(?<=[。！？；])", text):
        if any(k in sentence for k in keys):
            return sentence.strip()[:60]
    return text[:60]


@check("X.format_version")
def format_version(ctx: Context) -> Iterator[Finding]:
    """The detected version matches the one expected for the report year, and is not mixed."""
    report = ctx.report
    if report.year is None:
        return skip("报告年度未知")
    expected = ctx.expected
    if expected is None:
        return skip("该报告年度没有全国统一格式")
    detected = report.format_version
    signals = report.version_signals or {}
    if detected == "unknown":
        return skip("未能从表格栏目识别格式版本")
    shown = "；".join(
        f"{ver}版：" + "、".join(f"“{s}”" for s in labels[:4]) for ver, labels in signals.items() if labels
    )
    basis = f"（依据：{shown}）" if shown else ""
    if detected == "mixed":
        return [
            Finding(
                "X.format_version",
                f"报告表格同时使用了2019版和2021版格式的栏目{basis}；{report.year}年度报告应使用{expected.version}版格式"
                f"（{expected.issued_by}）。",
                {"section": None},
                {"detected": detected, "expected": expected.version, "signals": signals},
            )
        ]
    if detected != expected.version:
        used = FORMATS[detected].issued_by if detected in FORMATS else detected
        return [
            Finding(
                "X.format_version",
                f"{report.year}年度报告应使用{expected.version}版格式（{expected.issued_by}），"
                f"报告使用的是{detected}版格式（{used}）{basis}。",
                {"section": None},
                {"detected": detected, "expected": expected.version, "signals": signals},
            )
        ]
    return None
