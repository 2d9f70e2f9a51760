"""The six sections: where each starts, and the prose each holds.

Each item is tagged with its section (the table strategies use it); table captions and header
lines are kept out of the prose, and so are, in the sections that hold a table, pieces of table
labels and a table printed one cell per line (plain `pdftotext`, LibreOffice's text export, cells
pasted as paragraphs): those lines stay items, for the table strategies, but are no narrative.
"""

from __future__ import annotations

from ..formats import FORMATS
from ..model import AnnualReport, ReportSection
from ..normalize import label_key, looks_numeric
from .headings import SECTIONS, match_heading
from .items import Item


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
            if current.code in _TABLE_SECTIONS:
                texts[current.code].append(item.text)  # kept for now: it starts a run of cells
        elif item.kind == "text":
            (texts[current.code] if current else preamble).append(item.text)
        elif current is not None:
            current.has_table = True
    for code in _TABLE_SECTIONS:
        if texts[code]:
            texts[code], cells = _without_cell_lines(texts[code])
            report.sections[code].has_table |= cells
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


def _all_table_label_keys() -> frozenset[str]:
    """Every label a table prints, of every version: captions, headers, rows and columns."""
    keys = set(_TABLE_LABEL_KEYS)
    for fmt in FORMATS.values():
        for block in fmt.two.blocks:
            keys.update(label_key(x.label) for x in (*block.rows, *block.columns))
        keys.update(label_key(x.label) for x in (*fmt.three.data_rows(), *fmt.three.parents()))
        keys.update(label_key(c.label) for c in (*fmt.three.columns, *fmt.four.columns))
    return frozenset(keys)


_CELL_LABEL_KEYS = _all_table_label_keys()
# long labels that plain text exports break over lines: a piece of one is a table line too
_LABEL_TEXT = "\n".join(sorted(_CELL_LABEL_KEYS))
_MIN_PIECE = 4  # characters: shorter pieces (`业`, `机构`) count only inside a table run
_MAX_CELL = 60  # characters of a label key: longer lines are prose
_SENTENCE_END = ("。", "；", "！", "？", "：")
_TABLE_SECTIONS = tuple(s.code for s in SECTIONS if s.table)


def _cell_kind(line: str) -> str | None:
    """`number`, `label` (a table label), `piece` (part of a long label), `cell` (a short line
    that is no sentence) or None (prose)."""
    if looks_numeric(line):
        return "number"
    key = label_key(line)
    if key in _CELL_LABEL_KEYS:
        return "label"
    if len(key) > _MAX_CELL or "。" in key or key.endswith(_SENTENCE_END):
        return None
    if len(key) >= _MIN_PIECE and key in _LABEL_TEXT:
        return "piece"
    return "cell"


def _without_cell_lines(lines: list[str]) -> tuple[list[str], bool]:
    """A table section's text lines without table labels or pieces of them (captions, headers,
    the corner text broken over lines), nor a table printed one cell per line: a run of short
    lines that starts at a table label (or a piece of one) and ends at its last number or label,
    holding at least one whole label and two numbers. Short lines inside the run (labels broken
    into short pieces, vertical headers one character per line) go with it; prose before and
    after stays. Also: whether such a run was found."""
    kinds = [_cell_kind(line) for line in lines]
    drop = [kind in ("label", "piece") for kind in kinds]  # table text wherever it stands
    found = False
    i = 0
    while i < len(lines):
        if kinds[i] not in ("label", "piece"):
            i += 1
            continue
        j = i
        last = i
        while j < len(lines) and kinds[j] is not None:
            if kinds[j] != "cell":
                last = j
            j += 1
        run = kinds[i : last + 1]
        if run.count("number") >= 2 and "label" in run:
            drop[i : last + 1] = [True] * (last + 1 - i)
            found = True
        i = last + 1
    if not any(drop):
        return lines, found
    return [line for line, dropped in zip(lines, drop, strict=True) if not dropped], found


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
