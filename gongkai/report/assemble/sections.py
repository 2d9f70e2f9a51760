"""The six sections: where each starts, and the prose each holds.

Each item is tagged with its section (the table strategies use it); table captions and header
lines are kept out of the prose.
"""

from __future__ import annotations

from ..formats import FORMATS
from ..model import AnnualReport, ReportSection
from ..normalize import label_key
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
