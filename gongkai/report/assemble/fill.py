"""The raw rows read into the cells of tables 二, 三 and 四, by the format version decided.

Table-三 rows whose digits ran together are split by `gongkai.report.recover`, using the table's sums.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..formats import FORMATS
from ..formats.base import Column, ReportFormat, ValueKind
from ..model import AnnualReport, Cell, CellText
from ..normalize import label_key, parse_count, parse_money
from .items import Item, RawRow
from .labels import _code, _versions

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
    from .. import recover

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
