"""From a reader's `Document` to an `AnnualReport`: title, sections, tables, format version.

All label matching happens here, against the format definitions, so every input type
(TXT, HTML, DOCX, PDF, XLSX) is interpreted by the same rules.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .findings import Finding
from .formats import FORMAT_2021, FORMATS
from .formats.base import Column, ReportFormat, Section, ValueKind
from .model import (
    AnnualReport,
    Cell,
    CellText,
    Document,
    ReportSection,
    SourceRef,
    TableBlock,
    TextBlock,
)
from .normalize import label_key, looks_numeric, loose_key, parse_count, parse_money

SECTIONS = FORMAT_2021.sections  # identical in every version
_NUMERALS = "一二三四五六"

# ----------------------------------------------------------------------------- items


@dataclass
class Item:
    """One line of text or one table row, in document order."""

    kind: str  # "text" / "row"
    text: str = ""
    cells: list[CellText] = field(default_factory=list)
    source: SourceRef = field(default_factory=SourceRef)
    table: int | None = None  # index of the TableBlock


_SPLIT = re.compile(r"\t+|\s{2,}|\s*\|\s*|(?<=\d)\s+(?=\d)|(?<=[^\d\s])\s+(?=\d)|(?<=\d)\s+(?=[^\d\s])")


_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–]\s*\d{1,3}\s*[-—－–]|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$"
)


def _linearise(doc: Document) -> list[Item]:
    items: list[Item] = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, TableBlock):
            for row in block.rows:
                if row:  # an all-blank row is kept: in a blank form it is the data row
                    source = next((c.source for c in row if c.text.strip()), row[0].source or block.source)
                    items.append(Item("row", cells=row, source=source, table=index))
        elif isinstance(block, TextBlock):
            for offset, line in enumerate(block.text.splitlines() or [""]):
                line = line.strip().strip("\u3000\u00a0")
                if line and not _PAGE_NUMBER.match(line):
                    source = block.source
                    if offset and source.line is not None:
                        source = SourceRef(source.page, source.line + offset, source.cell)
                    items.append(Item("text", text=line, source=source))
    return items


# ----------------------------------------------------------------------------- headings

_HEADING = re.compile(
    r"^(?:(?P<num>[一二三四五六七八九十]{1,2})\s*(?P<sep>[、.．，,:：\s]?)|[（(](?P<pnum>[一二三四五六])[）)]|(?P<digit>[1-6])\s*[、.．])?\s*(?P<rest>.+?)[。：:；]?$"
)


@dataclass
class HeadingMatch:
    section: Section
    status: str  # exact / variant / unnumbered / misnumbered / separator


def _title_keys(section: Section) -> list[tuple[str, bool]]:
    keys = [(loose_key(section.title), False)]
    keys += [(loose_key(v), True) for v in section.variants]
    return keys


_SECTION_KEYS = [(s, key, variant) for s in SECTIONS for key, variant in _title_keys(s)]


def match_heading(text: str) -> HeadingMatch | None:
    """Is this line one of the six section headings, and how exactly is it written?"""
    if len(text) > 60:
        return None
    return _match_heading(text)


@lru_cache(maxsize=16384)
def _match_heading(text: str) -> HeadingMatch | None:  # the matches are only read, never changed
    m = _HEADING.match(text.strip())
    if not m:
        return None
    rest_key = loose_key(m.group("rest"))
    if not rest_key:
        return None
    for section, key, variant in _SECTION_KEYS:
        if rest_key != key:
            continue
        numeral = m.group("num")
        if m.group("pnum") or m.group("digit"):
            status = "separator"
        elif numeral is None:
            status = "unnumbered"
        elif numeral != section.number:
            status = "misnumbered"
        elif m.group("sep") != "、":
            status = "separator"
        elif variant:
            status = "variant"
        else:
            status = "exact" if label_key(text.strip()) == label_key(section.heading) else "separator"
        return HeadingMatch(section, status)
    return None


# ----------------------------------------------------------------------------- title, dates

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


# ----------------------------------------------------------------------------- table rows


_SPLITTABLE = re.compile(r"[\s|]")  # every separator `_SPLIT` knows holds one of these


def _cell_texts(item: Item) -> list[CellText]:
    if item.kind == "row":
        return item.cells
    if not _SPLITTABLE.search(item.text):  # one cell: the usual line of prose
        return [CellText(item.text, item.source)] if item.text.strip() != "" else []
    parts = [p for p in _SPLIT.split(item.text) if p is not None and p.strip() != ""]
    return [CellText(p, item.source) for p in parts]


@dataclass
class RawRow:
    labels: list[str]  # label cell texts, in order
    values: list[CellText]  # trailing value cells
    source: SourceRef
    item: Item


def _split_row(cells: list[CellText], item: Item | None = None) -> RawRow | None:
    """Labels first, values last; trailing empty cells count as blank values inside tables."""
    texts = [c.text for c in cells]
    # index of the last label cell (non-empty, not numeric)
    last_label = -1
    source = None
    for i, text in enumerate(texts):
        if text.strip():
            if source is None:
                source = cells[i].source
            if not looks_numeric(text):
                last_label = i
    labels = [t for t in texts[: last_label + 1] if t.strip()]
    values = cells[last_label + 1 :]
    return RawRow(
        labels, values, SourceRef() if source is None else source, Item("row") if item is None else item
    )


def _label_index(formats: Iterable[ReportFormat]):
    """label key → list of (version, kind, code) for table 二 rows/columns and table 三 rows."""
    index: dict[str, list[tuple[str, str, str]]] = {}
    for fmt in formats:
        for block in fmt.two.blocks:
            for row in block.rows:
                for label in (row.label, *row.variants):
                    index.setdefault(label_key(label), []).append((fmt.version, "t2row", row.code))
            for col in block.columns:
                for label in (col.label, *col.variants):
                    index.setdefault(label_key(label), []).append((fmt.version, "t2col", col.code))
            index.setdefault(label_key(block.caption), []).append((fmt.version, "t2caption", block.caption))
        for row in fmt.three.data_rows():
            for label in (row.label, *row.variants):
                index.setdefault(label_key(label), []).append((fmt.version, "t3row", row.code))
    return index


_INDEX = _label_index(FORMATS.values())
_T3_KEYS = sorted(
    {key for key, entries in _INDEX.items() if any(kind == "t3row" for _, kind, _ in entries)},
    key=len,
    reverse=True,
)
_T2_ROW_KEYS = {key for key, entries in _INDEX.items() if any(kind == "t2row" for _, kind, _ in entries)}
_OTHER_PARENT_KEY = label_key(FORMAT_2021.three.parents()[-1].label)  # （六）其他处理
_HEADER_KEY = label_key(FORMAT_2021.two.blocks[0].header)
_T3_ROW_KEYS = frozenset(_T3_KEYS)
_T2_CAPTION_KEYS = frozenset(
    key for key, entries in _INDEX.items() if any(kind == "t2caption" for _, kind, _ in entries)
)
_FOUR_GROUP_KEYS = frozenset(label_key(g.label) for g in FORMAT_2021.four.groups)
# the keys `_match_t3_label` tries as endings, longest first, by their last character
_T3_ENDINGS: dict[str, list[str]] = {}
for _key in _T3_KEYS:
    if len(_key) >= 4:
        _T3_ENDINGS.setdefault(_key[-1], []).append(_key)


def _match_t3_label(labels: list[str]) -> tuple[str, str] | None:
    """(label key, code) of the table-三 row named by a row's labels: its last label, else the
    concatenation of its labels, else a known label the concatenation ends with."""
    return _match_t3_labels(tuple(labels))


@lru_cache(maxsize=16384)
def _match_t3_labels(labels: tuple[str, ...]) -> tuple[str, str] | None:
    candidates = []
    if labels:
        candidates.append(label_key(labels[-1]))
        candidates.append(label_key("".join(labels)))
    for key in candidates:
        if key in _T3_ROW_KEYS:
            return key, _code(key, "t3row")
    joined = candidates[-1] if candidates else ""
    for key in _T3_ENDINGS.get(joined[-1:], ()):
        if joined.endswith(key):
            return key, _code(key, "t3row")
    return None


_ORDINAL_START = re.compile(r"^(\d+\.|（[一二三四五六七]）|[一二三四]、)")


def _fuzzy_t3_label(labels: list[str]) -> tuple[str, str] | None:
    """A misspelt row label (`2.其他法律行政止公开`): the known label with the same leading
    ordinal that it resembles most, when the resemblance is strong."""
    if not labels:
        return None
    key = label_key(labels[-1])
    ordinal = _ORDINAL_START.match(key)
    best, best_ratio = None, 0.0
    for known in _T3_KEYS:
        if ordinal and not known.startswith(ordinal.group(1)):
            continue
        ratio = difflib.SequenceMatcher(None, key, known).ratio()
        if ratio > best_ratio:
            best, best_ratio = known, ratio
    if best is not None and best_ratio >= 0.75:
        return best, _code(best, "t3row")
    return None


def _code(key: str, kind: str) -> str:
    return next(code for _, k, code in _INDEX[key] if k == kind)


def _versions(key: str, kind: str) -> set[str]:
    return {version for version, k, _ in _INDEX.get(key, []) if k == kind}


# ----------------------------------------------------------------------------- the assembler


def assemble(doc: Document) -> AnnualReport:
    report = AnnualReport(path=doc.path, source_kind=doc.kind, published_date=doc.published_date)
    report.reader_findings = list(doc.findings)
    items = _linearise(doc)
    if not items:
        report.readable = False
        if not any(f.severity == "error" for f in doc.findings):
            report.reader_findings.append(Finding("R.empty", "文件中没有可读取的文字", {"path": doc.path}))
        return report

    _read_sections(report, items)
    _read_title_and_dates(report, items)
    signals = _read_tables(report, items)
    _decide_version(report, signals)
    if not any(s.found for s in report.sections.values()) and not (
        report.two.found or report.three.found or report.four.found
    ):
        report.reader_findings.append(
            Finding(
                "R.not_a_report",
                "未找到年度报告的六个部分和统计表，这可能不是政府信息公开工作年度报告",
                {"path": doc.path},
            )
        )
    _note_missing_tables(report, doc)
    return report


def _read_sections(report: AnnualReport, items: list[Item]) -> None:
    for section in SECTIONS:
        report.sections[section.code] = ReportSection(section.code, section.number, None)
    current: ReportSection | None = None
    preamble: list[str] = []
    texts: dict[str, list[str]] = {s.code: [] for s in SECTIONS}
    order = 0
    for item in items:
        candidate = item.text if item.kind == "text" else _single_text(item)
        match = match_heading(candidate) if candidate else None
        if match and not report.sections[match.section.code].found:
            section = report.sections[match.section.code]
            section.heading, section.heading_status = candidate, match.status
            section.source, section.order = item.source, order
            order += 1
            current = section
            continue
        item.section = current.code if current else None  # type: ignore[attr-defined]
        if item.kind == "text" and current is not None and label_key(item.text) in _TABLE_LABEL_KEYS:
            current.has_table = True  # a table caption or header line, not narrative
        elif item.kind == "text":
            (texts[current.code] if current else preamble).append(item.text)
        elif current is not None:
            current.has_table = True
    report.preamble = "\n".join(preamble)
    parts = [report.preamble] if report.preamble else []
    offset = len(report.preamble) + 1 if report.preamble else 0
    ordered = sorted((s for s in report.sections.values() if s.found), key=lambda s: s.order)
    for section in ordered:
        parts.append(section.heading or "")
        offset += len(section.heading or "") + 1
        section.text = "\n".join(texts[section.code])
        section.start = offset
        parts.append(section.text)
        offset += len(section.text) + 1
    report.text = "\n".join(parts)


def _table_label_keys() -> frozenset[str]:
    """Captions and header labels of the tables: lines that belong to a table, not to the prose."""
    keys = set()
    for fmt in FORMATS.values():
        keys.update(label_key(b.caption) for b in fmt.two.blocks)
        keys.add(label_key(fmt.two.blocks[0].header))
        keys.update(label_key(x) for x in (fmt.three.corner, fmt.three.header, fmt.three.legal_person_group))
        keys.update(label_key(g.label) for g in fmt.four.groups)
        keys.update(label_key(g.parent_label) for g in fmt.four.groups if g.parent_label)
    return frozenset(keys)


_TABLE_LABEL_KEYS = _table_label_keys()


def _single_text(item: Item) -> str | None:
    """The text of a row with exactly one non-blank cell."""
    found = None
    for cell in item.cells:
        text = cell.text.strip()
        if text:
            if found is not None:
                return None
            found = text
    return found


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


# ----------------------------------------------------------------------------- tables


@dataclass
class _Signals:
    by_version: dict[str, list[str]] = field(default_factory=lambda: {"2019": [], "2021": []})
    by_table: dict[str, set[str]] = field(default_factory=lambda: {"two": set(), "three": set()})

    def add(self, key: str, versions: set[str], table: str) -> None:
        if len(versions) == 1:
            (version,) = versions
            self.by_table[table].add(version)
            if key not in self.by_version[version]:
                self.by_version[version].append(key)


def _read_tables(report: AnnualReport, items: list[Item]) -> _Signals:
    signals = _Signals()
    t2_rows: list[tuple[RawRow, list[str]]] = []  # with the column labels of their block header
    t3_rows: dict[str, RawRow] = {}
    t3_other_parent_values: RawRow | None = None
    four_values: list[CellText] = []
    header: list[str] = []
    carried: list[str] = []  # labels of the previous line, when it had no numbers
    fragments: list[str] = []  # label fragments since the last line with numbers (wrapped labels)
    taken: set[int] = set()  # label lines already read as the end of a wrapped label
    glued_lines: list[Item] = []  # lines holding several table-三 rows run together
    four_runs: list[list[CellText]] = [[]]  # table-四 values, cut where a label line comes between
    in_four = False
    for index, item in enumerate(items):
        if index in taken:
            continue
        section = getattr(item, "section", None)
        if item.kind == "text" and match_heading(item.text):
            in_four = False
            fragments = []
        if item.kind == "text" and _glued_rows(item.text):
            glued_lines.append(item)
            continue
        cells = _cell_texts(item)
        if not cells:
            continue
        raw = _split_row(cells, item)
        before, fragments = fragments, [] if raw.values else (fragments + raw.labels)[-_MAX_FRAGMENTS:]
        keys = [label_key(text) for text in raw.labels]
        if keys and keys[0] == _HEADER_KEY:
            header = keys[1:]
            for key in header:
                signals.add(key, _versions(key, "t2col"), "two")
            continue
        if (
            keys
            and keys[-1] in _T2_ROW_KEYS
            and (item.kind == "row" or any(v.text.strip() for v in raw.values))
        ):
            signals.add(keys[-1], _versions(keys[-1], "t2row"), "two")
            t2_rows.append((raw, header))
            continue
        for key in keys:
            if key in _T2_CAPTION_KEYS:
                signals.add(key, _versions(key, "t2caption"), "two")
        if raw.labels:
            if label_key(raw.labels[-1]) == _OTHER_PARENT_KEY:
                if any(looks_numeric(v.text) and v.text.strip() for v in raw.values):
                    # the 2021 parent label printed on the line of a wrapped child's numbers?
                    child = _wrapped_t3_label(before, [], items, index, taken) if before else None
                    if child is None or child[0] == _OTHER_PARENT_KEY:
                        t3_other_parent_values = raw
                    else:
                        signals.add(child[0], _versions(child[0], "t3row"), "three")
                        if child[1] not in t3_rows or not _has_values(t3_rows[child[1]]):
                            t3_rows[child[1]] = raw
                continue
            match = _match_t3_label(raw.labels)
            if match and item.kind == "text" and not raw.values:
                match = None  # a sentence that merely names a row
            if match is None and raw.values and carried:
                match = _match_t3_label(carried + raw.labels)  # a label broken across lines
            if match is None and _T3_WIDTH <= len(raw.values) <= _T3_WIDTH + 1:
                match = _wrapped_t3_label(before, raw.labels, items, index, taken)
            if match is None and len([v for v in raw.values if v.text.strip()]) >= 7:
                match = _fuzzy_t3_label(raw.labels)
                if match:
                    report.reader_findings.append(_variant_finding(raw, match[1]))
            carried = [] if raw.values or match else raw.labels[-3:]
            if match:
                key, code = match
                signals.add(key, _versions(key, "t3row"), "three")
                if code not in t3_rows or not _has_values(t3_rows[code]):
                    t3_rows[code] = raw
                continue
            if any(key in _FOUR_GROUP_KEYS for key in keys):
                in_four = True
        elif (
            before
            and _T3_WIDTH <= len(raw.values) <= _T3_WIDTH + 1
            and section != "reconsideration_litigation"
            and not in_four
        ):
            # numbers on a line of their own, between the lines of their wrapped label
            match = _wrapped_t3_label(before, [], items, index, taken)
            if match:
                signals.add(match[0], _versions(match[0], "t3row"), "three")
                if match[1] not in t3_rows or not _has_values(t3_rows[match[1]]):
                    t3_rows[match[1]] = raw
                continue
        if (section == "reconsideration_litigation" or in_four) and raw.labels and four_runs[-1]:
            four_runs.append([])
        if (section == "reconsideration_litigation" or in_four) and not raw.labels and raw.values:
            width = len(FORMAT_2021.four.groups) * len(FORMAT_2021.four.columns)
            if any(v.text.strip() for v in raw.values) or (len(raw.values) == width and not four_values):
                four_values.extend(raw.values)
                four_runs[-1].extend(raw.values)
    if t3_other_parent_values is not None:
        signals.add(_OTHER_PARENT_KEY + "（含数据）", {"2019"}, "three")
        t3_rows.setdefault("other", t3_other_parent_values)
    for item in glued_lines:
        line_key = label_key(item.text)
        for key in _T3_KEYS:
            if re.search(re.escape(key) + r"\d{7,}", line_key):  # a label carrying its own numbers
                signals.add(key, _versions(key, "t3row"), "three")
    if not _t2_complete(t2_rows):
        t2_rows.extend(_vertical_two(items, t2_rows, signals))
    if sum(1 for raw in t3_rows.values() if len(raw.values) >= _T3_WIDTH) < _T3_MIN_ROWS:
        t3_rows = _vertical_three(items, t3_rows, signals, report.reader_findings)
    four_values = _arrange_four(four_values, four_runs)
    report._t2_rows, report._t3_rows, report._four_values = t2_rows, t3_rows, four_values  # type: ignore[attr-defined]
    report._glued_lines = glued_lines  # type: ignore[attr-defined]
    return signals


def _variant_finding(raw: RawRow, code: str) -> Finding:
    label = FORMAT_2021.three.row(code).label if code != "other" else raw.labels[-1]
    return Finding(
        "R.label_variant",
        f"表三“{raw.labels[-1]}”与格式规定的行名不一致，按“{label}”读取",
        {"table": "三", "row": code, "row_label": label, "source": raw.source.describe()},
        {"found": raw.labels[-1], "expected": label},
    )


def _glued_rows(text: str) -> bool:
    """A line that runs two or more table-三 rows together with their digits (`…秘密00000002.其他…`)."""
    if len(text) < 9 or not re.search(r"\d{7,}", text):
        return False
    key = label_key(text)
    if not re.search(r"[^\d]\d{7,}", key):
        return False
    labels = [k for k in _T3_KEYS if k in key]
    return len(labels) >= 2 or any(re.search(re.escape(k) + r"\d{7,}", key) for k in labels)


def _has_values(raw: RawRow) -> bool:
    return any(v.text.strip() for v in raw.values)


# ----------------------------------------------------------------------------- text from PDFs
# `pdftotext -layout` wraps long table-三 labels over two or three lines with the numbers on one
# of them; plain `pdftotext` puts every cell on a line of its own, moves wrapped labels after the
# numbers and prints some blocks column by column. These strategies run only when the ordinary
# one-row-per-line reading leaves a line or a table unread.

_T3_WIDTH = len(FORMAT_2021.three.columns)
_T3_MIN_ROWS = min(len(fmt.three.data_rows()) for fmt in FORMATS.values())
_T3_TOTAL_COLUMN = next(i for i, c in enumerate(FORMAT_2021.three.columns) if c.total_of)
_MAX_FRAGMENTS = 4  # label fragments tried on each side of a line with numbers
_T3_PREFIXES = frozenset(key[:n] for key in _T3_KEYS for n in range(len(key) + 1))


def _after_fragments(items: list[Item], index: int) -> list[tuple[int, str]]:
    """(item index, label) of the label-only lines right after `items[index]`."""
    out: list[tuple[int, str]] = []
    for j in range(index + 1, min(len(items), index + 1 + _MAX_FRAGMENTS)):
        item = items[j]
        if item.kind == "text" and (match_heading(item.text) or _glued_rows(item.text)):
            break
        cells = _cell_texts(item)
        if not cells:
            continue
        raw = _split_row(cells, item)
        if raw.values or not raw.labels:
            break
        out.extend((j, label) for label in raw.labels)
    return out[:_MAX_FRAGMENTS]


def _wrapped_t3_label(
    before: list[str], own: list[str], items: list[Item], index: int, taken: set[int]
) -> tuple[str, str] | None:
    """The table-三 row whose label is wrapped around the line `items[index]` with the numbers:
    fragments before it, the label text on it, fragments after it. Pieces of the merged parent
    labels sit between them (`（六）其` / `2.申请人逾期…要` / `他处理`, or `（四）无法提供` on the line
    with the numbers), so every in-order choice of fragments is tried and the longest whole known
    label wins (`（六）其他处理` alone is a 2019 row, but not when `1.申请人…` and its end wrap
    around the numbers). The lines after it that complete the label are marked as read."""
    after = _after_fragments(items, index)
    pieces = [label_key(text) for text in [*before[-_MAX_FRAGMENTS:], *own]]
    first_after = len(pieces)
    pieces += [label_key(text) for _, text in after]
    best: tuple[int, int, str, tuple[int, ...]] = (0, 0, "", ())
    stack: list[tuple[int, str, tuple[int, ...]]] = [(0, "", ())]
    while stack:  # in-order choices, extended only while they start a known label
        start, head, chosen = stack.pop()
        for k in range(start, len(pieces)):
            key = head + pieces[k]
            if key not in _T3_PREFIXES:
                continue
            used = (*chosen, k)
            if key in _T3_ROW_KEYS and (len(key), -len(used)) > best[:2]:
                best = (len(key), -len(used), key, used)
            stack.append((k + 1, key, used))
    if not best[2]:
        return None
    taken.update(after[k - first_after][0] for k in best[3] if k >= first_after)
    return best[2], _code(best[2], "t3row")


@dataclass
class _Numbers:
    """Numbers read together: the cells of one line, or single-number lines with no blank
    line between them (a column of a block that plain `pdftotext` prints column by column)."""

    cells: list[CellText]
    column: bool  # single-number lines on consecutive lines


def _vertical_elements(items: list[Item], section: str) -> list[CellText | _Numbers]:
    """A section's table as a flow of label cells and numbers, in document order."""
    out: list[CellText | _Numbers] = []
    last_line = None
    for item in items:
        if getattr(item, "section", None) != section:
            continue
        cells = [c for c in _cell_texts(item) if c.text.strip()]
        if item.kind == "text" and len(cells) == 1 and looks_numeric(cells[0].text):
            line = item.source.line
            previous = out[-1] if out else None
            if (
                isinstance(previous, _Numbers)
                and previous.column
                and line is not None
                and last_line is not None
                and line == last_line + 1
            ):
                previous.cells.append(cells[0])
            else:
                out.append(_Numbers([cells[0]], True))
            last_line = line
            continue
        last_line = None
        numbers: list[CellText] = []
        for cell in cells:
            if looks_numeric(cell.text):
                numbers.append(cell)
                continue
            if numbers:
                out.append(_Numbers(numbers, False))
                numbers = []
            out.append(cell)
        if numbers:
            out.append(_Numbers(numbers, False))
    return out


def _balanced_rows(rows: list[list[CellText]]) -> int:
    """How many table-三 rows have a 总计 cell equal to the sum of the other six."""
    count = 0
    for row in rows:
        values = [parse_count(c.text).value for c in row]
        if all(isinstance(v, int) for v in values):
            total = values[_T3_TOTAL_COLUMN]
            if total == sum(values) - total:
                count += 1
    return count


def _vertical_rows(elements: list[CellText | _Numbers]):
    """Table-三 rows from a flow of labels and numbers: numbers fill rows of seven in order,
    except where seven columns of equal height follow each other with no label between (a block
    printed column by column) and reading them as columns balances more rows than reading them
    as rows (on a tie: columns, unless each run is seven numbers, a row). Also returns (row index, labels just before it) for rows that start after labels,
    and the rows that are exactly the seven numbers after a label."""
    rows: list[list[CellText]] = []
    anchors: list[tuple[int, tuple[str, ...]]] = []
    labelled: list[tuple[tuple[str, ...], list[CellText]]] = []
    buffer: list[CellText] = []
    labels: list[str] = []
    segment: list[CellText] | None = None
    labelled_labels: tuple[str, ...] = ()
    i = 0
    while i < len(elements):
        element = elements[i]
        if isinstance(element, CellText):
            if segment is not None and len(segment) == _T3_WIDTH and labelled_labels:
                labelled.append((labelled_labels, segment))
            segment = None
            labels.append(element.text)
            i += 1
            continue
        if segment is None:
            segment, labelled_labels = [], tuple(labels[-3:])
        block = elements[i : i + _T3_WIDTH]
        height = len(element.cells)
        if (
            element.column
            and height > 1
            and not buffer
            and len(block) == _T3_WIDTH
            and all(isinstance(e, _Numbers) and e.column and len(e.cells) == height for e in block)
        ):
            columns = [e.cells for e in block]  # type: ignore[union-attr]
            as_columns = [[column[r] for column in columns] for r in range(height)]
            flat = [c for column in columns for c in column]
            as_rows = [flat[k : k + _T3_WIDTH] for k in range(0, len(flat), _T3_WIDTH)]
            # rows of seven would hardly break every `height` numbers: on a tie, columns, unless
            # the runs are seven long (one row per run)
            by_columns, by_rows = _balanced_rows(as_columns), _balanced_rows(as_rows)
            if by_columns > by_rows or (by_columns == by_rows and height != _T3_WIDTH):
                rows.extend(as_columns)  # the label before such a block is not its first row's
                segment.extend(flat)
                labels = []
                i += _T3_WIDTH
                continue
        if labels and not buffer:
            anchors.append((len(rows), tuple(labels[-3:])))
        labels = []
        buffer.extend(element.cells)
        segment.extend(element.cells)
        while len(buffer) >= _T3_WIDTH:
            rows.append(buffer[:_T3_WIDTH])
            buffer = buffer[_T3_WIDTH:]
        i += 1
    if segment is not None and len(segment) == _T3_WIDTH and labelled_labels:
        labelled.append((labelled_labels, segment))
    return rows, anchors, labelled, len(buffer)


def _vertical_three(
    items: list[Item], t3_rows: dict[str, RawRow], signals: _Signals, findings: list[Finding]
) -> dict[str, RawRow]:
    """Table 三 with one cell per line. When the numbers make exactly the rows of one format
    version, they are its rows in order (labels that plain `pdftotext` moved elsewhere do not
    matter); a label right before a row must then name that row. Otherwise only rows whose label
    is followed by exactly seven numbers are read."""
    elements = _vertical_elements(items, "applications")
    if sum(len(e.cells) for e in elements if isinstance(e, _Numbers)) < _T3_WIDTH:
        return t3_rows
    rows, anchors, labelled, leftover = _vertical_rows(elements)
    complete = {code: raw for code, raw in t3_rows.items() if len(raw.values) >= _T3_WIDTH}
    fits = (
        [fmt for fmt in FORMATS.values() if len(fmt.three.data_rows()) == len(rows)] if not leftover else []
    )
    if len(fits) == 1:
        data_rows = fits[0].three.data_rows()
        agrees = all(
            (match := _match_t3_label(list(labels))) is None or match[1] == data_rows[index].code
            for index, labels in anchors
        ) and all(
            [v.text.strip() for v in raw.values[-_T3_WIDTH:]] == [c.text.strip() for c in rows[index]]
            for index, row in enumerate(data_rows)
            if (raw := complete.get(row.code)) is not None
        )
        if agrees:
            out = dict(t3_rows)
            for row, cells in zip(data_rows, rows, strict=True):
                key = label_key(row.label)
                if key == _OTHER_PARENT_KEY:
                    signals.add(key + "（含数据）", {"2019"}, "three")
                else:
                    signals.add(key, _versions(key, "t3row"), "three")
                if row.code not in complete:
                    out[row.code] = RawRow([row.label], cells, cells[0].source, Item("row"))
            findings.extend(_misspelt_labels(elements, {row.code for row in data_rows}))
            return out
    out = dict(t3_rows)
    for labels, cells in labelled:
        match = _match_t3_label(list(labels))
        if match and match[1] not in complete:
            signals.add(match[0], _versions(match[0], "t3row"), "three")
            out[match[1]] = RawRow([labels[-1]], cells, cells[0].source, Item("row"))
    return out


def _misspelt_labels(elements: list[CellText | _Numbers], codes: set[str]) -> list[Finding]:
    """`R.label_variant` for numbered labels of rows read by position that are no known label nor
    the start of one (a wrapped fragment), but resemble the label of a row no other line names."""
    named, odd = set(), []
    for element in elements:
        if isinstance(element, CellText):
            key = label_key(element.text)
            if key in _T3_ROW_KEYS:
                named.add(_code(key, "t3row"))
            elif key not in _T3_PREFIXES and _ORDINAL_START.match(key):
                odd.append(element)
    out = []
    for label in odd:
        match = _fuzzy_t3_label([label.text])
        if match and match[1] in codes and match[1] not in named:
            named.add(match[1])
            out.append(_variant_finding(RawRow([label.text], [], label.source, Item("row")), match[1]))
    return out


def _t2_codes(t2_rows: list[tuple[RawRow, list[str]]]) -> set[str]:
    codes = set()
    for raw, _ in t2_rows:
        if raw.values:
            codes.add(_code(label_key(raw.labels[-1]), "t2row"))
    return codes


def _t2_complete(t2_rows: list[tuple[RawRow, list[str]]]) -> bool:
    codes = _t2_codes(t2_rows)
    return any(
        all(row.code in codes for block in fmt.two.blocks for row in block.rows) for fmt in FORMATS.values()
    )


def _vertical_two(
    items: list[Item], t2_rows: list[tuple[RawRow, list[str]]], signals: _Signals
) -> list[tuple[RawRow, list[str]]]:
    """Table 二 with one cell per line: each block from its caption to the next holds its labels
    and its numbers; when the numbers fill the block's rows × columns of a version whose labels
    it shows, they are read row by row (a value printed before its row label still counts)."""
    blocks: list[tuple[str, list[str], list[CellText]]] = []
    previous = ""
    for element in _vertical_elements(items, "proactive"):
        if isinstance(element, _Numbers):
            if blocks:
                blocks[-1][2].extend(element.cells)
            previous = ""
            continue
        key = label_key(element.text)
        if key in _T2_CAPTION_KEYS or previous + key in _T2_CAPTION_KEYS:
            if key not in _T2_CAPTION_KEYS and blocks and blocks[-1][1] and blocks[-1][1][-1] == previous:
                blocks[-1][1].pop()
            key = key if key in _T2_CAPTION_KEYS else previous + key
            signals.add(key, _versions(key, "t2caption"), "two")
            blocks.append((key, [], []))
            previous = ""
            continue
        if blocks:
            blocks[-1][1].append(key)
        previous = key
    have = _t2_codes(t2_rows)
    out: list[tuple[RawRow, list[str]]] = []
    for caption, labels, numbers in blocks:
        seen = set(labels)
        shown = {
            next(iter(v))
            for key in seen
            for kind in ("t2col", "t2row")
            if len(v := _versions(key, kind)) == 1
        }
        candidates = [
            (fmt, block)
            for fmt in FORMATS.values()
            for block in fmt.two.blocks
            if label_key(block.caption) == caption
            and len(block.rows) * len(block.columns) == len(numbers)
            and shown <= {fmt.version}
        ]
        layouts = {(tuple(r.code for r in b.rows), tuple(c.code for c in b.columns)) for _, b in candidates}
        if len(layouts) != 1:
            continue
        fmt, block = candidates[-1]
        for key in seen:
            for kind in ("t2col", "t2row"):
                signals.add(key, _versions(key, kind), "two")
        header = [label_key(c.label) for c in block.columns]
        width = len(block.columns)
        for r, row in enumerate(block.rows):
            if row.code in have:
                continue
            cells = numbers[r * width : (r + 1) * width]
            key = label_key(row.label)
            signals.add(key, _versions(key, "t2row"), "two")
            out.append((RawRow([row.label], cells, cells[0].source, Item("row")), header))
    return out


def _four_groups(values: list[CellText]) -> list[list[int | None]]:
    width = len(FORMAT_2021.four.columns)
    return [[parse_count(v.text).value for v in values[k : k + width]] for k in range(0, len(values), width)]


def _four_balances(group: list) -> bool:
    columns = FORMAT_2021.four.columns
    total = next(i for i, c in enumerate(columns) if c.total_of)
    return all(isinstance(v, int) for v in group) and group[total] == sum(group) - group[total]


def _arrange_four(values: list[CellText], runs: list[list[CellText]]) -> list[CellText]:
    """Table 四 with one cell per line, its header labels between runs of numbers: plain
    `pdftotext` may print a group's four results, another group's results, then the totals. When
    the numbers in text order do not add up but the runs pair into three groups that all do
    (four results with the 总计 equal to their sum), read those groups in the order of their
    totals. A table that does not add up in any order is read as printed."""
    fmt = FORMAT_2021.four
    width, count = len(fmt.columns), len(fmt.groups)
    runs = [run for run in runs if run]
    if len(values) != width * count or len(runs) < 2 or all(map(_four_balances, _four_groups(values))):
        return values
    total = next(i for i, c in enumerate(fmt.columns) if c.total_of)
    position = {id(cell): k for k, cell in enumerate(values)}
    complete = [run for run in runs if len(run) == width]
    bodies = [run for run in runs if len(run) == width - 1]
    totals = [run[0] for run in runs if len(run) == 1]
    if len(complete) + len(bodies) != count or len(totals) != len(bodies):
        return values
    if not all(_four_balances(_four_groups(run)[0]) for run in complete):
        return values
    for order in itertools.permutations(totals):
        groups = [[*body[:total], cell, *body[total:]] for body, cell in zip(bodies, order, strict=True)]
        if all(_four_balances(_four_groups(group)[0]) for group in groups):
            groups += complete
            groups.sort(key=lambda group: position[id(group[total])])
            return [cell for group in groups for cell in group]
    return values


def _decide_version(report: AnnualReport, signals: _Signals) -> None:
    found = {v: labels for v, labels in signals.by_version.items() if labels}
    report.version_signals = {v: list(labels) for v, labels in signals.by_version.items()}
    if len(found) == 2:
        report.format_version = "mixed"
    elif len(found) == 1:
        report.format_version = next(iter(found))
    else:
        report.format_version = "unknown"
    fmt = report.format
    if report.format_version == "mixed":
        for name, versions in signals.by_table.items():
            if len(versions) == 1:
                getattr(report, name).version = next(iter(versions))
    _fill_two(report, report.table_format("two"))
    _fill_three(report, report.table_format("three"))
    _fill_four(report, fmt)
    del report._t2_rows, report._t3_rows, report._four_values, report._glued_lines  # type: ignore[attr-defined]


_PARSED: dict[tuple[str, str], tuple] = {}  # (cell text, value kind) → the parsed fields


def _cell_from(text: CellText, column: Column) -> Cell:
    key = (text.text, column.kind)
    fields = _PARSED.get(key)
    if fields is None:
        parsed = (
            parse_money(text.text)
            if column.kind == ValueKind.MONEY
            else parse_count(text.text, signed=column.kind == ValueKind.SIGNED)
        )
        fields = (parsed.raw, parsed.value, parsed.blank, parsed.invalid, parsed.unit)
        if len(_PARSED) >= 65536:  # bounded, as the parsers' own caches are
            _PARSED.clear()
        _PARSED[key] = fields
    return Cell(*fields, text.source)


def _fill_two(report: AnnualReport, fmt: ReportFormat) -> None:
    table = report.two
    for raw, header in report._t2_rows:  # type: ignore[attr-defined]
        key = label_key(raw.labels[-1])
        versions = _versions(key, "t2row")
        row_fmt = fmt if fmt.version in versions or not versions else FORMATS[sorted(versions)[-1]]
        block, row = _t2_block(row_fmt, _code(key, "t2row"))
        if block is None or row is None:
            continue
        columns = list(block.columns)
        if header:
            by_label = {label_key(lbl): c for c in block.columns for lbl in (c.label, *c.variants)}
            mapped = [by_label.get(h) for h in header]
            if all(mapped) and len(mapped) == len(columns):
                columns = mapped  # type: ignore[assignment]
        values = [v for v in raw.values]
        if len(values) > len(columns):
            values = [v for v in values if v.text.strip()] or values
        for column, value in zip(columns, values, strict=False):
            if not table.cell(row.code, column.code).present:
                table.set(row.code, column.code, _cell_from(value, column))
                table.found = True


def _t2_block(fmt: ReportFormat, code: str):
    for block in fmt.two.blocks:
        for row in block.rows:
            if row.code == code:
                return block, row
    return None, None


def _fill_three(report: AnnualReport, fmt: ReportFormat) -> None:
    table = report.three
    rows: dict[str, RawRow] = report._t3_rows  # type: ignore[attr-defined]
    n = len(fmt.three.columns)
    for row in fmt.three.data_rows():
        raw = rows.get(row.code)
        if raw is None:
            continue
        values = raw.values
        if len(values) > n:
            filled = [v for v in values if v.text.strip()]
            if len(filled) == n:
                values = filled
            else:
                extra = values[: len(values) - n]
                if any(v.text.strip() for v in extra):
                    table.extras.append(
                        {"row": row.code, "values": [v.text for v in extra], "source": raw.source.describe()}
                    )
                values = values[len(values) - n :]
        elif len(values) == 1 and n > 1:
            continue  # glued digits: handled by recovery (gongkai.report.recover) when present
        for column, value in zip(fmt.three.columns, values, strict=False):
            table.set(row.code, column.code, _cell_from(value, column))
            table.found = True
    _recover_glued_three(report, fmt, rows)
    _recover_glued_lines(report, fmt)


def _recover_glued_three(report: AnnualReport, fmt: ReportFormat, rows: dict[str, RawRow]) -> None:
    """Rows whose seven numbers were flattened into one digit run (`…数量 425000047`) join the
    lines that run several rows together; all are split at once so the table's sums can decide."""
    for code, raw in rows.items():
        if len(raw.values) == 1 and re.fullmatch(r"\d{7,}", raw.values[0].text.strip()):
            label = (
                fmt.three.row(code).label
                if code in {r.code for r in fmt.three.data_rows()}
                else raw.labels[-1]
            )
            report._glued_lines.append(  # type: ignore[attr-defined]
                Item("text", text=label + raw.values[0].text.strip(), source=raw.values[0].source)
            )


def _recover_glued_lines(report: AnnualReport, fmt: ReportFormat) -> None:
    lines: list[Item] = report._glued_lines  # type: ignore[attr-defined]
    if not lines:
        return
    from . import recover

    table = report.three
    known = {
        row.code: [table.number(row.code, c.code) for c in fmt.three.columns]
        for row in fmt.three.data_rows()
        if all(isinstance(table.number(row.code, c.code), int) for c in fmt.three.columns)
    }
    result = recover.recover_table_three("\n".join(i.text for i in lines), fmt.three, known=known)
    source = lines[0].source
    recovered = {code: values for code, values in result.cells.items() if code not in known}
    for code, values in recovered.items():
        for column, number in zip(fmt.three.columns, values, strict=True):
            table.set(code, column.code, Cell(str(number), number, source=source))
    if recovered:
        table.found = True
        report.reader_findings.append(
            Finding(
                "R.recovered_cells",
                f"表三有{len(recovered)}行的数字与行名粘连在一起，已按行名和表内合计关系拆分",
                {"table": "三", "rows": sorted(recovered), "source": source.describe()},
                {code: list(v) for code, v in recovered.items()},
            )
        )
    labels = {row.code: row.label for row in fmt.three.data_rows()}
    report.reader_findings.extend(
        recover.ambiguous_findings({c: o for c, o in result.ambiguous.items() if c not in known}, labels)
    )


def _fill_four(report: AnnualReport, fmt: ReportFormat) -> None:
    values: list[CellText] = report._four_values  # type: ignore[attr-defined]
    cells = list(fmt.four.cells())
    if not values:
        return
    if len(values) > len(cells):
        filled = [v for v in values if v.text.strip()]
        values = filled if len(filled) == len(cells) else values[: len(cells)]
    table = report.four
    for (group, column), value in zip(cells, values, strict=False):
        table.set(group.code, column.code, _cell_from(value, column))
    table.found = True


def _note_missing_tables(report: AnnualReport, doc: Document) -> None:
    """A section found without its table: say so, and whether the file has images it may be in."""
    images = doc.meta.get("images_per_page") or ()
    # readers give a count per page (a list, or a dict by page): any page with an image counts
    has_images = any(images.values() if isinstance(images, dict) else images)
    hint = "，文件中有图片，表格可能以图片形式发布" if has_images else ""
    for section in report.format.sections:
        if section.table and report.sections[section.code].found and not getattr(report, section.table).found:
            report.reader_findings.append(
                Finding(
                    "R.table_missing",
                    f"未能读取表{section.number}{hint}",
                    {"table": section.number, "path": report.path},
                )
            )


__all__ = ["assemble", "match_heading", "parse_date"]
