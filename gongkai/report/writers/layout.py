"""The official layout of tables 二/三/四 as a grid of cells, derived from the format definitions.

Every writer (HTML, DOCX, XLSX, PDF) renders this one grid, so the merged header cells, the
row-label tree and the cell keys are computed once and cannot drift apart between outputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..formats import Column, Parent, ReportFormat, Row
from ..model import AnnualReport, Cell, Table

TABLE_NAMES = ("two", "three", "four")


@dataclass
class GridCell:
    """One printed cell. `key` is set for data cells ("row.column"); header cells carry `hid`."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    key: str | None = None
    hid: str | None = None  # id of a header cell, referenced by data cells' `headers`
    scope: str | None = None  # "col" / "colgroup" / "row" / "rowgroup"
    headers: tuple[str, ...] = ()  # ids of the header cells that describe a data cell
    column: Column | None = None  # the format column of a data cell
    total_of: tuple[str, ...] = ()  # keys this cell sums, when the format makes it a total
    caption: bool = False  # a table 二 block caption row


@dataclass
class Grid:
    table: str  # two / three / four
    width: int
    rows: list[list[GridCell]] = field(default_factory=list)
    header_rows: int = 0  # leading rows repeated on every page

    def cells(self) -> Iterator[GridCell]:
        for row in self.rows:
            yield from row

    def data_cells(self) -> Iterator[GridCell]:
        return (c for c in self.cells() if c.key is not None)


def table_format(report: AnnualReport):
    return report.format


def table_of(report: AnnualReport, name: str) -> Table:
    return {"two": report.two, "three": report.three, "four": report.four}[name]


def cell_text(cell: Cell | None, column: Column | None = None) -> str:
    """The canonical printed form of a value; a blank stays blank, unreadable text stays as typed."""
    if cell is None or cell.raw is None and cell.value is None:
        return ""
    if cell.value is not None:
        text = str(cell.value) if isinstance(cell.value, int) else format_decimal(cell.value)
        if cell.unit and (column is None or column.unit is None):
            text += cell.unit
        return text
    if cell.blank:
        return ""
    return (cell.raw or "").strip()


def format_decimal(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def build_grid(fmt: ReportFormat, name: str, report: AnnualReport | None = None) -> Grid:
    builder = {"two": _grid_two, "three": _grid_three, "four": _grid_four}[name]
    grid = builder(fmt)
    if report is not None:
        table = table_of(report, name)
        for gc in grid.data_cells():
            row, col = gc.key.split(".", 1)  # type: ignore[union-attr]
            gc.text = cell_text(table.cells.get(gc.key), gc.column)
    return grid


# ---------------------------------------------------------------- table 二


def _grid_two(fmt: ReportFormat) -> Grid:
    width = 1 + max(len(b.columns) for b in fmt.two.blocks)
    grid = Grid("two", width)
    for b_index, block in enumerate(fmt.two.blocks):
        r = len(grid.rows)
        cap_id = f"t2-b{b_index}"
        grid.rows.append(
            [
                GridCell(
                    block.caption,
                    r,
                    0,
                    colspan=width,
                    header=True,
                    hid=cap_id,
                    scope="colgroup",
                    caption=True,
                )
            ]
        )
        r += 1
        head_id = f"t2-b{b_index}-h"
        header = [GridCell(block.header, r, 0, header=True, hid=head_id, scope="col")]
        spans = _spread(width - 1, len(block.columns))
        c = 1
        col_ids = []
        for column, span in zip(block.columns, spans, strict=True):
            hid = f"t2-b{b_index}-{column.code}"
            col_ids.append(hid)
            header.append(GridCell(column.label, r, c, colspan=span, header=True, hid=hid, scope="col"))
            c += span
        grid.rows.append(header)
        for row in block.rows:
            r = len(grid.rows)
            rid = f"t2-{row.code}"
            out = [GridCell(row.label, r, 0, header=True, hid=rid, scope="row")]
            c = 1
            for column, span, hid in zip(block.columns, spans, col_ids, strict=True):
                out.append(
                    GridCell(
                        "",
                        r,
                        c,
                        colspan=span,
                        key=f"{row.code}.{column.code}",
                        headers=(cap_id, hid, rid),
                        column=column,
                    )
                )
                c += span
            grid.rows.append(out)
    return grid


def _spread(total: int, parts: int) -> list[int]:
    """Split `total` grid columns over `parts` cells; the last cell takes the remainder."""
    base = total // parts
    return [base] * (parts - 1) + [total - base * (parts - 1)]


# ---------------------------------------------------------------- table 三


def _depth(items) -> int:
    return max((1 + _depth(i.children) if isinstance(i, Parent) else 1) for i in items)


def _leaf_count(item) -> int:
    return sum(_leaf_count(c) for c in item.children) if isinstance(item, Parent) else 1


def _grid_three(fmt: ReportFormat) -> Grid:
    t = fmt.three
    depth = _depth(t.rows)
    columns = t.columns
    width = depth + len(columns)
    grid = Grid("three", width, header_rows=3)
    first, last, middle = columns[0], columns[-1], columns[1:-1]
    grid.rows.append(
        [
            GridCell(t.corner, 0, 0, rowspan=3, colspan=depth, header=True, hid="t3-corner"),
            GridCell(t.header, 0, depth, colspan=len(columns), header=True, hid="t3-h", scope="colgroup"),
        ]
    )
    grid.rows.append(
        [
            GridCell(first.label, 1, depth, rowspan=2, header=True, hid=f"t3-c-{first.code}", scope="col"),
            GridCell(
                t.legal_person_group,
                1,
                depth + 1,
                colspan=len(middle),
                header=True,
                hid="t3-legal",
                scope="colgroup",
            ),
            GridCell(
                last.label,
                1,
                depth + len(columns) - 1,
                rowspan=2,
                header=True,
                hid=f"t3-c-{last.code}",
                scope="col",
            ),
        ]
    )
    grid.rows.append(
        [
            GridCell(col.label, 2, depth + 1 + i, header=True, hid=f"t3-c-{col.code}", scope="col")
            for i, col in enumerate(middle)
        ]
    )
    col_headers = {first.code: ("t3-h", f"t3-c-{first.code}"), last.code: ("t3-h", f"t3-c-{last.code}")}
    for col in middle:
        col_headers[col.code] = ("t3-h", "t3-legal", f"t3-c-{col.code}")

    def walk(items, level: int, parents: tuple[str, ...]) -> None:
        for item in items:
            r = len(grid.rows)
            if isinstance(item, Parent):
                hid = f"t3-p{r}"
                grid.rows.append(
                    [
                        GridCell(
                            item.label,
                            r,
                            level,
                            rowspan=_leaf_count(item),
                            header=True,
                            hid=hid,
                            scope="rowgroup",
                        )
                    ]
                )
                # the parent shares its first row with its first child
                walk(item.children, level + 1, (*parents, hid))
                first_child = grid.rows[r + 1]
                grid.rows[r].extend(first_child)
                for gc in first_child:
                    gc.row = r
                del grid.rows[r + 1]
                _renumber(grid, r + 1)
            else:
                rid = f"t3-r-{item.code}"
                out = [
                    GridCell(item.label, r, level, colspan=depth - level, header=True, hid=rid, scope="row")
                ]
                for c, col in enumerate(columns):
                    out.append(
                        GridCell(
                            "",
                            r,
                            depth + c,
                            key=f"{item.code}.{col.code}",
                            headers=(*parents, rid, *col_headers[col.code]),
                            column=col,
                            total_of=_totals(item, col, columns),
                        )
                    )
                grid.rows.append(out)

    walk(t.rows, 0, ())
    return grid


def _renumber(grid: Grid, start: int) -> None:
    for r in range(start, len(grid.rows)):
        for gc in grid.rows[r]:
            gc.row = r


def _totals(row: Row, col: Column, columns: tuple[Column, ...]) -> tuple[str, ...]:
    if col.total_of:
        return tuple(f"{row.code}.{c}" for c in col.total_of)
    if row.total_of:
        return tuple(f"{r}.{col.code}" for r in row.total_of)
    return ()


# ---------------------------------------------------------------- table 四


def _grid_four(fmt: ReportFormat) -> Grid:
    t = fmt.four
    n = len(t.columns)
    width = n * len(t.groups)
    grid = Grid("four", width, header_rows=3)
    top: list[GridCell] = []
    second: list[GridCell] = []
    third: list[GridCell] = []
    col_ids: dict[str, tuple[str, ...]] = {}
    c = 0
    for group in t.groups:
        if group.parent_label is None:
            gid = f"t4-{group.code}"
            top.append(GridCell(group.label, 0, c, colspan=n, header=True, hid=gid, scope="colgroup"))
            for i, col in enumerate(t.columns):
                hid = f"t4-{group.code}-{col.code}"
                second.append(GridCell(col.label, 1, c + i, rowspan=2, header=True, hid=hid, scope="col"))
                col_ids[f"{group.code}.{col.code}"] = (gid, hid)
        else:
            pid = f"t4-parent{[g.parent_label for g in t.groups].index(group.parent_label)}"
            if not top or top[-1].hid != pid:
                top.append(
                    GridCell(group.parent_label, 0, c, colspan=0, header=True, hid=pid, scope="colgroup")
                )
            top[-1].colspan += n
            gid = f"t4-{group.code}"
            second.append(GridCell(group.label, 1, c, colspan=n, header=True, hid=gid, scope="colgroup"))
            for i, col in enumerate(t.columns):
                hid = f"t4-{group.code}-{col.code}"
                third.append(GridCell(col.label, 2, c + i, header=True, hid=hid, scope="col"))
                col_ids[f"{group.code}.{col.code}"] = (pid, gid, hid)
        c += n
    grid.rows.extend([top, second, third])
    data: list[GridCell] = []
    c = 0
    for group in t.groups:
        for col in t.columns:
            key = f"{group.code}.{col.code}"
            total_of = tuple(f"{group.code}.{x}" for x in col.total_of)
            data.append(GridCell("", 3, c, key=key, headers=col_ids[key], column=col, total_of=total_of))
            c += 1
    grid.rows.append(data)
    return grid


def column_fractions(grid: Grid) -> list[float]:
    """Share of the table width per grid column: label columns wide, value columns narrow."""
    first_value = min(gc.col for gc in grid.data_cells())
    if grid.table == "four":
        return [1 / grid.width] * grid.width
    if grid.table == "two":
        return [0.4] + [0.6 / (grid.width - 1)] * (grid.width - 1)
    labels = [0.08, 0.12, 0.30][:first_value]
    rest = (1 - sum(labels)) / (grid.width - first_value)
    return labels + [rest] * (grid.width - first_value)
