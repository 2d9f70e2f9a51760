"""The reading loop over every item: the rows of tables 二, 三 and 四, and the version signals.

Rows are collected raw (labels and value texts); the cells are made once the version is known.
The text-from-PDF strategies step in where this loop leaves a line or a table unread.
"""

from __future__ import annotations

import re

from ..formats import FORMAT_2021, FORMATS
from ..model import AnnualReport, CellText
from ..normalize import label_key, looks_numeric
from .headings import match_heading
from .items import Item, RawRow, _cell_texts, _has_values, _split_row
from .labels import (
    _FOUR_GROUP_KEYS,
    _HEADER_KEY,
    _OTHER_PARENT_KEY,
    _T2_CAPTION_KEYS,
    _T2_ROW_KEYS,
    _T3_KEYS,
    _T3_WIDTH,
    _fuzzy_t3_label,
    _glued_rows,
    _match_t3_label,
    _variant_finding,
    _versions,
)
from .one_cell_per_line import _t2_complete, _vertical_three, _vertical_two
from .signals import _Signals
from .table_four_order import _arrange_four
from .wrapped_labels import _MAX_FRAGMENTS, _wrapped_t3_label

_T3_MIN_ROWS = min(len(fmt.three.data_rows()) for fmt in FORMATS.values())


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
