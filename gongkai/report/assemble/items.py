"""A document as one flow of items (text lines and table rows), and rows split into labels and values.

Every reader's `Document` becomes the same flat list, so the assembler reads TXT, HTML, DOCX, PDF
and XLSX by one set of rules; a text line that holds a table row is split here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import CellText, Document, SourceRef, TableBlock, TextBlock
from ..normalize import looks_numeric


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


def _has_values(raw: RawRow) -> bool:
    return any(v.text.strip() for v in raw.values)
