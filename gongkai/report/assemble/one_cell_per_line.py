"""Tables 二 and 三 with one cell per line, as plain `pdftotext` prints them.

It moves wrapped labels after the numbers and prints some blocks column by column, so the numbers
are read by position against the format's rows. This runs only when the ordinary
one-row-per-line reading leaves a table unread.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding
from ..formats import FORMAT_2021, FORMATS
from ..model import CellText
from ..normalize import label_key, looks_numeric, parse_count
from .items import Item, RawRow, _cell_texts
from .labels import (
    _ORDINAL_START,
    _OTHER_PARENT_KEY,
    _T2_CAPTION_KEYS,
    _T3_PREFIXES,
    _T3_ROW_KEYS,
    _T3_WIDTH,
    _code,
    _fuzzy_t3_label,
    _match_t3_label,
    _variant_finding,
    _versions,
)
from .signals import _Signals

_T3_TOTAL_COLUMN = next(i for i, c in enumerate(FORMAT_2021.three.columns) if c.total_of)


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
        seen = dict.fromkeys(labels)  # in order, so the signals never depend on hash order
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
