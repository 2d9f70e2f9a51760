"""Checks that read the prose (DOMAIN §6.5). All are conservative warnings except `X.period`,
which matches an explicit date range. Phrases that name table rows are derived from the format's
labels; the remaining words are ordinary prose verbs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ..findings import Finding
from ..formats import ReportFormat
from ..model import AnnualReport
from .registry import Context, check, skip, text_location, three_rows

# ---------------------------------------------------------------- reading the prose

SENTENCE = re.compile(r"[^。！？；;\n]+[。！？；;]?")
FULL_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")  # keeps `；`-separated lists together
COUNT = re.compile(
    r"(?<![\d.．第])(\d+(?:\.\d+)?)\s*(人次|万元|条|件|篇|个|次|项|期|场|份|家|起|元)(?![\d%])"
)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
COMPARISON = re.compile(
    r"上年|去年|上一年|同比|较|相比|比上|增长|下降|减少|增加|环比|累计|以来|截至|截止|至今|此前"
)
PLAN = re.compile(r"计划|将|拟|预计|力争|目标")
_DIGIT = re.compile(r"\d")
_DENIES = re.compile(r"(没有|未发生|未出现|未有|无)[^。；;]{0,20}复议[^。；;]{0,20}诉讼")
FEE_TERM = "信息处理费"
FEE_NOTICE = "收费通知"


@dataclass(frozen=True, init=False)
class Span:
    section: str  # section code, or "preamble"
    text: str  # the sentence (wrapped lines joined)
    start: int  # offset of the sentence within the section text
    paragraph: int
    end: int = -1  # offset just after the sentence within the section text

    def __init__(self, section: str, text: str, start: int, paragraph: int, end: int = -1) -> None:
        # written directly: the generated frozen `__init__` calls `object.__setattr__` per field,
        # and a report has dozens of sentences
        fields = self.__dict__
        fields["section"] = section
        fields["text"] = text
        fields["start"] = start
        fields["paragraph"] = paragraph
        fields["end"] = end


_LINE_END = re.compile(r"[。！？；：:;!?”’）)】]\s*$")
_LINE_START = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[.．、]|[一二三四五六七八九十]是)"
)


@lru_cache(maxsize=256)
def unwrap(text: str) -> tuple[str, list[int]]:
    """Join lines a PDF wrapped inside a paragraph; `index[i]` is the offset in `text` of char i."""
    lines = text.split("\n")
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for n, line in enumerate(lines):
        out.append(line)
        index.extend(range(pos, pos + len(line)))
        pos += len(line)
        if n < len(lines) - 1:
            nxt = lines[n + 1]
            joined = (
                line.strip() and nxt.strip() and not _LINE_END.search(line) and not _LINE_START.match(nxt)
            )
            if not joined:
                out.append("\n")
                index.append(pos)
            pos += 1
    index.append(pos)
    return "".join(out), index


def _texts(report: AnnualReport) -> tuple[tuple[str, str], ...]:
    raw = [("preamble", report.preamble)] if report.preamble else []
    raw += [(code, sec.text) for code, sec in report.sections.items() if sec.found and sec.text]
    return tuple(raw)


def segments(report: AnnualReport) -> list[tuple[str, str, list[int]]]:
    return [(code, *unwrap(text)) for code, text in _texts(report)]


def sentences(report: AnnualReport, pattern: re.Pattern = SENTENCE) -> Iterator[Span]:
    return iter(_sentences(_texts(report), pattern))


@lru_cache(maxsize=64)
def _sentences(texts: tuple[tuple[str, str], ...], pattern: re.Pattern) -> tuple[Span, ...]:
    """The sentences of the prose, computed once for the several checks that read them (spans
    are frozen, so the checks share them)."""
    out = []
    for code, raw_text in texts:
        text, index = unwrap(raw_text)
        paragraph = counted = 0  # the line breaks before `counted`
        for m in pattern.finditer(text):
            raw = m.group()
            stripped = raw.strip()
            if stripped:
                start = m.start() + len(raw) - len(raw.lstrip())
                end = index[start + len(stripped) - 1] + 1
                paragraph += text.count("\n", counted, m.start())
                counted = m.start()
                out.append(Span(code, stripped, index[start], paragraph, end))
    return tuple(out)


@lru_cache(maxsize=64)
def _joined(texts: tuple[tuple[str, str], ...], pattern: re.Pattern) -> str:
    """The sentences in one string, for a quick look whether any sentence can match a pattern: a
    pattern without anchors or lookbehinds that matches inside a sentence matches here too."""
    return "\x00".join(span.text for span in _sentences(texts, pattern))


def _loc(report: AnnualReport, span: Span) -> dict:
    end = span.end if span.end >= 0 else span.start + len(span.text)
    return text_location(report, span.section, span.text, span.start, end)


def _section_word(report: AnnualReport, code: str) -> str:
    if code == "preamble":
        return "报告开头"
    sec = report.sections.get(code)
    return f"第{sec.number}部分" if sec else code


def _bare(label: str) -> str:
    """`（一）予以公开` → `予以公开`; `（二）部分公开（区分处理的…）` → `部分公开`."""
    text = re.sub(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)", "", label)
    return re.sub(r"（.*）$", "", text)


def _other_year(text: str, year: int | None) -> bool:
    return year is not None and "年" in text and any(int(y) != year for y in YEAR.findall(text))


# ---------------------------------------------------------------- X.text_vs_table


@dataclass(frozen=True)
class Quantity:
    name: str  # Chinese description for the message
    pattern: re.Pattern
    values: tuple[tuple[str, int | None], ...]  # acceptable readings: (description, value)
    allow_comparison: bool = False


def _sum(report: AnnualReport, codes: list[str], column: str = "total") -> int | None:
    values = [report.three.number(code, column) for code in codes]
    return None if any(v is None for v in values) else sum(values)


_PATTERNS: dict[str, re.Pattern] = {}


def _compile(pattern: str) -> re.Pattern:
    """`re.compile` for the patterns built from the format's labels, without re's own checks."""
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = re.compile(pattern)
    return compiled


# Every quantity pattern ends with a count in one of these units
_QUANTITY_UNITS = ("件", "起")
# A quantity as the format defines it: name, pattern, whether a comparison may state it, and its
# acceptable readings for one report
_QuantityDef = tuple[str, re.Pattern, bool, Callable[[AnnualReport], tuple[tuple[str, int | None], ...]]]
_QUANTITY_DEFS: dict[int, tuple] = {}


def _quantity_defs(fmt: ReportFormat) -> tuple[list[_QuantityDef], list[_QuantityDef]]:
    """The quantities of tables 三 and 四 (DOMAIN §6.5) with their patterns, built once per format
    (the entry keeps the format alive, so its id is not reused)."""
    entry = _QUANTITY_DEFS.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        entry = _QUANTITY_DEFS[id(fmt)] = (fmt, *_build_quantity_defs(fmt))
    return entry[1], entry[2]


def _total(code: str) -> Callable[[AnnualReport], int | None]:
    return lambda report: report.three.number(code, "total")


def _both(report: AnnualReport) -> int | None:
    received = report.three.number("received", "total")
    carried_in = report.three.number("carried_in", "total")
    return None if received is None or carried_in is None else received + carried_in


def _build_quantity_defs(fmt: ReportFormat) -> tuple[list[_QuantityDef], list[_QuantityDef]]:
    t3, four = fmt.three, fmt.four
    data_rows, parents, by_code = three_rows(t3)
    gap = r"[^。；;，,\d]{0,14}?"
    label = {code: by_code[code].label for code in ("received", "carried_in", "total", "carried_out")}
    received, carried_in, total = _total("received"), _total("carried_in"), _total("total")
    carried_out = _total("carried_out")
    three: list[_QuantityDef] = [
        (
            f"“{label['received']}”",
            _compile(rf"(?:新收|收到|受理|接收)({gap})申请(?:数量|数)?(?:为|共|共计|合计|总计)?(\d+)件"),
            False,
            lambda r: (("received.total", received(r)), ("received.total+carried_in.total", _both(r))),
        ),
        (
            f"“{label['carried_in']}”",
            _compile(r"上年度?结转()[^。；;，,\d]{0,10}?(\d+)件"),
            True,
            lambda r: (("carried_in.total", carried_in(r)),),
        ),
        (
            f"“{label['total']}”",
            _compile(rf"(?:办结|答复)({gap})(\d+)件"),
            False,
            lambda r: (("total.total", total(r)), ("received.total", received(r))),
        ),
        (
            f"“{label['carried_out']}”",
            _compile(r"结转(?:至)?下一?年度?()[^。；;，,\d]{0,8}?(\d+)件"),
            False,
            lambda r: (("carried_out.total", carried_out(r)),),
        ),
    ]
    for code in ("granted", "partial"):
        word = _bare(by_code[code].label)
        value = _total(code)
        three.append(
            (
                f"“{word}”",
                _compile(rf"(?<!不){word}()(?:的)?(?:申请)?(\d+)件"),
                False,
                lambda r, desc=f"{code}.total", value=value: ((desc, value(r)),),
            )
        )
    for parent in parents:
        if not parent.code:
            continue
        word = _bare(parent.label)
        codes = [r.code for r in data_rows if r.code.startswith(parent.code + "_")]
        if not codes or word in ("其他处理",):
            continue
        three.append(
            (
                f"“{word}”",
                _compile(rf"{word}()(?:的)?(?:申请)?(\d+)件"),
                False,
                lambda r, desc=f"{parent.code}_*.total", codes=codes: ((desc, _sum(r, codes)),),
            )
        )
    review, *suits = four.groups

    def suit_total(report: AnnualReport) -> int | None:
        values = [report.four.number(g.code, "total") for g in suits]
        return None if None in values else sum(values)

    four_defs: list[_QuantityDef] = [
        (
            f"“{review.label}”",
            _compile(rf"(?<!后){review.label}()(?:案件|申请)?(?:共|共计)?(\d+)(?:件|起)"),
            False,
            lambda r: ((f"{review.code}.total", r.four.number(review.code, "total")),),
        ),
        (
            f"“{suits[0].parent_label}”",
            _compile(rf"{suits[0].parent_label}()(?:案件)?(?:共|共计)?(\d+)(?:件|起)"),
            False,
            lambda r: (("direct_suit.total+suit_after_reconsideration.total", suit_total(r)),),
        ),
    ]
    return three, four_defs


def quantities(report: AnnualReport, fmt: ReportFormat, prose: str | None = None) -> list[Quantity]:
    """The phrases of DOMAIN §6.5 that name a table quantity, with the values they may equal;
    with `prose`, only those whose pattern matches it."""
    three, four = _quantity_defs(fmt)
    defs = (three if report.three.found else []) + (four if report.four.found else [])
    return [
        Quantity(name, pattern, values(report), allow)
        for name, pattern, allow, values in defs
        if prose is None or pattern.search(prose)
    ]


_DOCUMENT_PATTERNS: dict[int, tuple | None] = {}


def _document_patterns(fmt: ReportFormat) -> tuple | None:
    """The row names and column verbs `_document_mentions` looks for; once per format (formats
    are constants)."""
    key = id(fmt)
    if key not in _DOCUMENT_PATTERNS:
        cols = {c.code: c for _, _, c in fmt.two.cells()}
        if "in_force" not in cols:
            _DOCUMENT_PATTERNS[key] = None
            return None
        rows = {
            r.code: r for b in fmt.two.blocks for r in b.rows if r.code in ("rules", "normative_documents")
        }
        row_patterns = {
            code: re.compile(
                re.escape(row.label[2:] if row.label.startswith("行政") else row.label) + r"(?!制度)"
            )
            for code, row in rows.items()
        }
        verbs = {
            code: re.sub(r"^本年|件数$", "", cols[code].label) for code in ("issued", "repealed", "in_force")
        }
        verb_patterns = {
            col: re.compile(rf"{verb}[^。；;，,\d]{{0,14}}?(\d+)件") for col, verb in verbs.items()
        }
        _DOCUMENT_PATTERNS[key] = (row_patterns, verb_patterns)
    return _DOCUMENT_PATTERNS[key]


def _document_rows_named(report: AnnualReport, fmt: ReportFormat, prose: str) -> bool:
    """Whether `_document_mentions` can find anything in any sentence of `prose` (`_joined`): a
    sentence naming a table 二 row holds the row's pattern, and so does the prose."""
    patterns = _document_patterns(fmt)
    if patterns is None or not report.two.found:
        return False
    return any(p.search(prose) for p in patterns[0].values())


def _document_mentions(report: AnnualReport, fmt: ReportFormat, span: Span) -> Iterator[tuple]:
    """`制发…规范性文件N件，废止N件，现行有效N件` against the 2021 table 二 (rules / normative documents)."""
    patterns = _document_patterns(fmt)
    if patterns is None or not report.two.found:
        return
    row_patterns, verb_patterns = patterns
    mentions = sorted((m.start(), code) for code, p in row_patterns.items() for m in p.finditer(span.text))
    if not mentions:
        return
    for col, pattern in verb_patterns.items():
        for m in pattern.finditer(span.text):
            before = [code for pos, code in mentions if pos < m.start(1)]
            if not before:
                continue
            row = before[-1]
            yield row, col, int(m.group(1)), m


@check("X.text_vs_table")
def text_vs_table(ctx: Context) -> Iterator[Finding]:
    """A number the prose states for a table quantity equals that table value."""
    report, fmt = ctx.report, ctx.fmt
    if not (report.three.found or report.four.found or report.two.found):
        return skip("未找到表格")
    texts = _texts(report)
    prose = _joined(texts, SENTENCE)
    qs = quantities(report, fmt, prose)  # the others match no sentence
    may_deny = bool(_DENIES.search(prose))
    documents = _document_rows_named(report, fmt, prose)
    t4 = report.four
    for span in _sentences(texts, SENTENCE):
        text = span.text
        if _other_year(text, report.year):
            continue
        compared = bool(COMPARISON.search(text))
        numbers = bool(_DIGIT.search(text))  # every quantity and document mention states a number
        counted = numbers and any(unit in text for unit in _QUANTITY_UNITS)
        for q in qs if counted else ():
            if compared and not q.allow_comparison:
                continue
            for m in q.pattern.finditer(text):
                gap = m.group(1)
                if re.search(r"复议|诉讼|投诉|信访|举报|其中", gap) or "其中" in text[: m.start()]:
                    continue
                stated = int(m.group(2))
                known = [(d, v) for d, v in q.values if v is not None]
                if not known or any(v == stated for _, v in known):
                    continue
                cell, value = known[0]
                yield Finding(
                    "X.text_vs_table",
                    f"{_section_word(report, span.section)}写明{q.name}{stated}件（“{text}”），表格中为{value}。",
                    _loc(report, span),
                    {
                        "stated": stated,
                        "table": {d: v for d, v in known},
                        "cell": cell,
                        "difference": stated - value,
                    },
                )
        denies = _DENIES.search(text) if may_deny else None
        if t4.found and not compared and denies and not COUNT.search(text):
            totals = {g: t4.number(g.code, "total") for g in fmt.four.groups}
            nonzero = {g: v for g, v in totals.items() if v}
            if nonzero:
                shown = "、".join(f"{g.parent_label or ''}“{g.label}”总计{v}" for g, v in nonzero.items())
                yield Finding(
                    "X.text_vs_table",
                    f"{_section_word(report, span.section)}称没有行政复议、行政诉讼（“{text}”），但表四中{shown}。",
                    _loc(report, span),
                    {"stated": 0, "table": {f"{g.code}.total": v for g, v in totals.items()}},
                )
        if not compared and numbers and documents:
            for row, col, stated, _m in _document_mentions(report, fmt, span):
                value = report.two.number(row, col)
                if value is not None and value != stated:
                    labels = next(
                        (r.label, c.label) for _, r, c in fmt.two.cells() if r.code == row and c.code == col
                    )
                    yield Finding(
                        "X.text_vs_table",
                        f"{_section_word(report, span.section)}写明“{labels[0]}”{stated}件（“{text}”），"
                        f"表二“{labels[1]}”为{value}。",
                        _loc(report, span),
                        {"stated": stated, "table": {f"{row}.{col}": value}, "difference": stated - value},
                    )


# ---------------------------------------------------------------- X.text_self


@dataclass(frozen=True, init=False)
class Mention:
    span: Span
    number: str
    unit: str
    desc: str  # the text before the number, back to the previous count or the paragraph start
    years: frozenset[int]
    pos: int  # offset of the number within the section text

    def __init__(
        self, span: Span, number: str, unit: str, desc: str, years: frozenset[int], pos: int
    ) -> None:
        fields = self.__dict__  # as `Span`
        fields["span"] = span
        fields["number"] = number
        fields["unit"] = unit
        fields["desc"] = desc
        fields["years"] = years
        fields["pos"] = pos


GENERIC = (
    "中华人民共和国",
    "政府信息公开",
    "政府信息",
    "信息公开",
    "政务公开",
    "公开申请",
    "条例",
    "本机关",
    "我局",
    "我中心",
)
SHARED_MIN = 8
DESC_MAX = 200


_FORMAT_PHRASES: dict[int, tuple] = {}


def _format_phrases(fmt: ReportFormat) -> tuple[list[str], list[str], list[str]]:
    """The section titles, table 三 row names and table 二 row labels, in order; once per format
    (the entry keeps the format alive, so its id is not reused)."""
    entry = _FORMAT_PHRASES.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        entry = _FORMAT_PHRASES[id(fmt)] = (
            fmt,
            [_bare(s.title) for s in fmt.sections],
            [_bare(r.label) for r in three_rows(fmt.three)[0]],
            [r.label for _, r, _ in fmt.two.cells()],
        )
    return entry[1], entry[2], entry[3]


_GENERIC_PHRASES: dict[tuple[int, str | None], tuple] = {}


def _generic_phrases(report: AnnualReport, fmt: ReportFormat) -> list[str]:
    """`_phrases_to_mask` once per format and agency (the entry keeps the format alive)."""
    key = (id(fmt), report.agency)
    entry = _GENERIC_PHRASES.get(key)
    if entry is None or entry[0] is not fmt:
        if len(_GENERIC_PHRASES) >= 4096:
            _GENERIC_PHRASES.clear()
        entry = _GENERIC_PHRASES[key] = (fmt, _phrases_to_mask(report, fmt))
    return entry[1]


def _phrases_to_mask(report: AnnualReport, fmt: ReportFormat) -> list[str]:
    sections, rows, two = _format_phrases(fmt)
    phrases = set(GENERIC)
    phrases.update(sections)
    phrases.update(rows)
    phrases.update(two)
    if report.agency:
        phrases.add(report.agency)
    return sorted((p for p in phrases if len(p) >= 2), key=len, reverse=True)


_MASKED = re.compile(r"[\s\d]")


def _mask(text: str, phrases: list[str]) -> str:
    for p in phrases:
        text = text.replace(p, "\x00")
    return _MASKED.sub("\x00", text)


def mentions(report: AnnualReport) -> list[Mention]:
    out = []
    for code, text, index in segments(report):
        para_start = 0
        for para_index, para in enumerate(text.split("\n")):
            prev_end = 0
            sents = None
            for m in COUNT.finditer(para):
                desc = para[prev_end : m.start()][-DESC_MAX:]
                prev_end = m.end()
                if sents is None:
                    sents = list(SENTENCE.finditer(para))
                    # the years of the paragraph: those ending before a count are the ones
                    # `YEAR.findall` finds in the text before it (no year match can begin
                    # inside another, so cutting the text loses only those past the cut)
                    stated = [(y.end(), int(y.group(1))) for y in YEAR.finditer(para)]
                years = frozenset(year for end, year in stated if end <= m.start())
                sent = next((s for s in sents if s.start() <= m.start() < s.end()), None)
                stext = sent.group().strip() if sent else para
                s0 = para_start + (
                    sent.start() + len(sent.group()) - len(sent.group().lstrip()) if sent else 0
                )
                s1 = s0 + len(stext)
                span = Span(code, stext, index[s0], para_index, index[s1 - 1] + 1)
                out.append(Mention(span, m.group(1), m.group(2), desc, years, index[para_start + m.start()]))
            para_start += len(para) + 1
    return out


_PARTS = re.compile(r"其中|分别")


def _grams(masked: str) -> set[str]:
    """The runs of SHARED_MIN characters with no masked character and at least 6 Chinese ones."""
    grams = set()
    for piece in masked.split("\x00"):  # a gram holds no masked character
        if len(piece) < SHARED_MIN:
            continue
        cjk = [0]  # Chinese characters before each position
        for ch in piece:
            cjk.append(cjk[-1] + ("\u4e00" <= ch <= "\u9fff"))
        for i in range(len(piece) - SHARED_MIN + 1):
            if cjk[i + SHARED_MIN] - cjk[i] >= 6:
                grams.add(piece[i : i + SHARED_MIN])
    return grams


def _longest_shared(a: str, b: str) -> str:
    best = ""
    grams = {a[i : i + SHARED_MIN] for i in range(len(a) - SHARED_MIN + 1)}
    for i in range(len(b) - SHARED_MIN + 1):
        if b[i : i + SHARED_MIN] in grams:
            j = i + SHARED_MIN
            while j < len(b) and b[i : j + 1] in a:
                j += 1
            if j - i > len(best):
                best = b[i:j]
    return best


@check("X.text_self")
def text_self(ctx: Context) -> Iterator[Finding]:
    """The same quantity stated twice with different numbers: same unit, same year, and a shared
    specific description of 8 or more characters (generic domain phrases do not count)."""
    report = ctx.report
    # a description is a piece of the (unwrapped) prose, so only phrases the prose holds can mask
    prose = "\x00".join(text for _, text, _ in segments(report))  # no phrase holds NUL
    phrases = [p for p in _generic_phrases(report, ctx.fmt) if p in prose]
    items = []
    for m in mentions(report):
        if COMPARISON.search(m.span.text) or _PARTS.search(m.desc):
            continue
        masked = _mask(m.desc, phrases)
        items.append((m, masked, _grams(masked)))
    index: dict[str, set[int]] = {}
    for i, (_, _, grams) in enumerate(items):
        for g in grams:
            index.setdefault(g, set()).add(i)
    seen = set()
    for i, (a, masked_a, grams_a) in enumerate(items):
        partners = set().union(*(index[g] for g in grams_a)) if grams_a else set()
        for j in sorted(partners):
            if j <= i:
                continue
            b, masked_b, _ = items[j]
            if a.unit != b.unit or a.number == b.number or a.span == b.span:
                continue
            if a.years and b.years and a.years != b.years:
                continue
            if (a.years | b.years) and report.year and (a.years | b.years) != {report.year}:
                continue
            key = (a.number, b.number, a.unit)
            if key in seen:
                continue
            seen.add(key)
            shared = _longest_shared(masked_a, masked_b).strip("\x00")
            yield Finding(
                "X.text_self",
                f"{_section_word(report, a.span.section)}写“{a.span.text}”（{a.number}{a.unit}），"
                f"{_section_word(report, b.span.section)}写“{b.span.text}”（{b.number}{b.unit}），"
                f"同一事项（“{shared}”）数字不一致。",
                {
                    **_loc(report, a.span),
                    "other": _loc(report, b.span),
                },
                {"first": f"{a.number}{a.unit}", "second": f"{b.number}{b.unit}", "shared": shared},
            )


# ---------------------------------------------------------------- X.text_sum

TOTAL = re.compile(
    r"(?:共|共计|总计|合计|累计)[^。；;，,\d]{0,12}?(\d+)\s*(条|件|篇|个|次|项|期|场|份|家|起)"
)
PCT = re.compile(r"^[，,（(]?[^。；;，,、\d]{0,6}?(\d+(?:\.\d+)?)\s*[%％]")


@check("X.text_sum")
def text_sum(ctx: Context) -> Iterator[Finding]:
    """`共…N条，其中A…a条、B…b条` whose parts add to something else (or whose percentages do not fit)."""
    report = ctx.report
    texts = _texts(report)
    if not TOTAL.search(_joined(texts, FULL_SENTENCE)):  # no sentence states a total
        return
    spans = _sentences(texts, FULL_SENTENCE)
    for span in spans:
        text = span.text
        for total_m in TOTAL.finditer(text):
            rest = text[total_m.end() :]
            k = rest.find("其中")
            if k < 0 or k > 4:
                continue
            clause = rest[k + 2 :]
            nxt = TOTAL.search(clause)
            if nxt:
                clause = clause[: nxt.start()]
            unit = total_m.group(2)
            total = int(total_m.group(1))
            parts = []
            for m in COUNT.finditer(clause):
                if m.group(2) != unit or "." in m.group(1):
                    continue
                lead = clause[parts[-1][2] if parts else 0 : m.start()]
                if parts and re.search(r"已|均|全部|办结|答复|结转|同比|较|另|此外", lead):
                    break
                parts.append((int(m.group(1)), m.group(0), m.end(), m))
            if len(parts) < 2:
                continue
            if re.search(r"主要|包括|部分|等$", clause[: parts[0][2]]) or re.match(
                r"\s*等", clause[parts[-1][2] :]
            ):
                continue
            prefix = 0
            fits = False
            for n, *_ in parts:
                prefix += n
                if prefix == total:
                    fits = True
            total_parts = sum(p[0] for p in parts)
            if not fits:
                yield Finding(
                    "X.text_sum",
                    f"“{text}”：合计{total}{unit}，所列分项之和为{total_parts}{unit}，相差{total - total_parts}。",
                    _loc(report, span),
                    {
                        "stated_total": total,
                        "parts": [p[1] for p in parts],
                        "sum": total_parts,
                        "difference": total - total_parts,
                    },
                )
                continue
            for n, quoted, end, _m in parts:
                pct = PCT.match(clause[end:])
                if not pct or total == 0:
                    continue
                stated = Fraction(pct.group(1))
                places = len(pct.group(1).split(".")[1]) if "." in pct.group(1) else 0
                actual = Fraction(100 * n, total)
                if abs(actual - stated) > Fraction(1, 10**places):
                    yield Finding(
                        "X.text_sum",
                        f"“{text}”：{quoted}占合计{total}{unit}的比例应约为{float(actual):.{max(places, 1)}f}%，"
                        f"文中为{pct.group(1)}%。",
                        _loc(report, span),
                        {
                            "stated_total": total,
                            "part": n,
                            "stated_percent": pct.group(1),
                            "percent": str(round(actual, 4)),
                        },
                    )


# ---------------------------------------------------------------- X.fee_text


@check("X.fee_text")
def fee_text(ctx: Context) -> Iterator[Finding]:
    """2021 format: section 六 states the 信息处理费 situation and does not contradict table 三."""
    report, fmt = ctx.report, ctx.fmt
    if fmt.version != "2021":
        return skip("仅适用于2021版格式")
    sec = report.sections.get("other_matters")
    if sec is None or not sec.found:
        return skip("未找到第六部分")
    text = sec.text
    placeholder = fmt.fee_placeholder or ""
    if placeholder and placeholder in text:
        start = text.index(placeholder)
        return [
            Finding(
                "X.fee_text",
                f"第六部分仍是模板说明文字“{placeholder}”，未报告收取{FEE_TERM}情况。",
                text_location(report, "other_matters", placeholder, start, start + len(placeholder)),
                {"found": placeholder},
            )
        ]
    spans = [s for s in sentences(report) if s.section == "other_matters"]
    fee_spans = [s for s in spans if FEE_TERM in s.text or FEE_NOTICE in s.text]
    unpaid = report.three.number("other_fee_unpaid", "total") if report.three.found else None
    if not fee_spans:
        return [
            Finding(
                "X.fee_text",
                f"第六部分未说明收取{FEE_TERM}的情况（没有收费也应说明）。",
                {"section": "other_matters", "heading": sec.heading, "quote": None},
                {"found": None, "other_fee_unpaid.total": unpaid},
            )
        ]
    out = []
    if unpaid:
        for s in fee_spans:
            if re.search(
                rf"(未|没有|无|不涉及)[^。；;，,]{{0,6}}{FEE_NOTICE}|{FEE_NOTICE}[^。；;，,\d]{{0,6}}0件",
                s.text,
            ):
                label = fmt.three.row("other_fee_unpaid").label
                out.append(
                    Finding(
                        "X.fee_text",
                        f"第六部分称未发出{FEE_NOTICE}（“{s.text}”），但表三“{label}”总计为{unpaid}，说明发出过{FEE_NOTICE}。",
                        _loc(report, s),
                        {"other_fee_unpaid.total": unpaid},
                    )
                )
    return out


# ---------------------------------------------------------------- statistical period

RANGE = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|－|-|～|~)\s*"
    r"(?:((?:19|20)\d\d)\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
PERIOD_WORDS = re.compile(r"统计|期限|时限|本报告|所列数据|数据")
VAGUE = re.compile(r"(?:19|20)\d\d\s*年(?:以来|度|全年)|本年度|全年")


def _ranges(
    report: AnnualReport,
) -> Iterator[tuple[Span, re.Match, tuple[int, int, int], tuple[int, int, int]]]:
    texts = _texts(report)
    if not RANGE.search(_joined(texts, SENTENCE)):  # no sentence states a date range
        return
    spans = _sentences(texts, SENTENCE)
    for span in spans:
        for m in RANGE.finditer(span.text):
            y1, m1, d1, y2, m2, d2 = m.groups()
            start = (int(y1), int(m1), int(d1))
            end = (int(y2 or y1), int(m2), int(d2))
            yield span, m, start, end


def _is_period(span: Span, start: tuple, end: tuple) -> bool:
    full_year = start[1:] == (1, 1) and end[1:] == (12, 31)
    return bool(PERIOD_WORDS.search(span.text)) or full_year


@check("X.period")
def period(ctx: Context) -> Iterator[Finding]:
    """An explicit statistical period must be 1月1日–12月31日 of the report year."""
    report = ctx.report
    if report.year is None:
        return skip("报告年度未知")
    out = []
    for span, m, start, end in _ranges(report):
        if not PERIOD_WORDS.search(span.text):
            continue
        if start == (report.year, 1, 1) and end == (report.year, 12, 31):
            continue
        expected = f"{report.year}年1月1日至{report.year}年12月31日"
        out.append(
            Finding(
                "X.period",
                f"统计期限应为{expected}，报告中为“{m.group()}”。",
                _loc(report, span),
                {"found": m.group(), "expected": expected},
            )
        )
    return out


@check("X.period_missing")
def period_missing(ctx: Context) -> Iterator[Finding]:
    """The report states its statistical period (practice; one local standard requires it)."""
    report = ctx.report
    if report.year is None:
        return skip("报告年度未知")
    if any(_is_period(span, s, e) for span, _, s, e in _ranges(report)):
        return None
    used: list[str] = []
    texts = _texts(report)
    for span in _sentences(texts, SENTENCE) if VAGUE.search(_joined(texts, SENTENCE)) else ():
        for m in VAGUE.finditer(span.text):
            if m.group() not in used:
                used.append(m.group())
    instead = f"报告中使用的是{'、'.join(f'“{u}”' for u in used[:5])}等表述，" if used else ""
    return [
        Finding(
            "X.period_missing",
            f"报告未说明统计期限（{report.year}年1月1日至{report.year}年12月31日），{instead}"
            f"建议写明“本报告中所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止”。",
            {"section": None, "quote": None},
            {"used": used[:5], "expected": f"{report.year}-01-01/{report.year}-12-31"},
        )
    ]


# ---------------------------------------------------------------- X.year_ref

LEADING_YEAR = re.compile(r"^(?:\d+[.．、]\s*)?((?:19|20)\d\d)\s*年(?:度|全年)?(?=[，,、]|\s|[^\d月以来])")


@check("X.year_ref")
def year_ref(ctx: Context) -> Iterator[Finding]:
    """Another year's figures presented as the report year's own: a sentence opening with another
    year and stating counts, without any comparison or plan wording (typical of copied text)."""
    report = ctx.report
    if report.year is None:
        return skip("报告年度未知")
    for span in sentences(report):
        if span.section == "preamble":
            continue
        m = LEADING_YEAR.match(span.text)
        if not m or int(m.group(1)) == report.year:
            continue
        rest = span.text[m.end() : m.end() + 3]
        if rest.startswith(("以来", "起", "开始", "之前", "底", "末", "至")) or re.match(r"\d", rest):
            continue
        if COMPARISON.search(span.text) or PLAN.search(span.text) or not COUNT.search(span.text):
            continue
        found = int(m.group(1))
        yield Finding(
            "X.year_ref",
            f"{_section_word(report, span.section)}“{span.text}”写的是{found}年的情况，本报告年度为{report.year}年"
            "（可能沿用了往年报告的文字）。",
            _loc(report, span),
            {"year_found": found, "report_year": report.year},
        )


# ---------------------------------------------------------------- optional checks


@check("X.other_items")
def other_items(ctx: Context) -> Iterator[Finding]:
    """Section 六 has the sub-items the supervisor requires (off by default)."""
    report = ctx.report
    sec = report.sections.get("other_matters")
    if sec is None or not sec.found:
        return skip("未找到第六部分")
    flat = re.sub(r"\s", "", sec.text)
    missing = []
    for item in ctx.options.other_items:
        core = re.sub(r"情况$", "", item)
        if core not in flat:
            missing.append(item)
    if not missing:
        return None
    return [
        Finding(
            "X.other_items",
            "第六部分缺少要求报告的事项：" + "、".join(f"“{m}”" for m in missing) + "。",
            {"section": "other_matters", "heading": sec.heading},
            {"missing": missing, "required": list(ctx.options.other_items)},
        )
    ]


@check("X.summary_length")
def summary_length(ctx: Context) -> Iterator[Finding]:
    """Section 一 is no longer than the configured number of characters, whitespace excluded."""
    sec = ctx.report.sections.get("overview")
    if sec is None or not sec.found:
        return skip("未找到第一部分")
    length = len(re.sub(r"\s", "", sec.text))
    limit = ctx.options.summary_length
    if length <= limit:
        return None
    return [
        Finding(
            "X.summary_length",
            f"第一部分“{ctx.fmt.section('overview').heading}”约{length}字（不含空白），超过{limit}字的篇幅要求。",
            {"section": "overview", "heading": sec.heading},
            {"length": length, "limit": limit},
        )
    ]
