"""Table 四's numbers put back in group order when plain `pdftotext` printed them out of it."""

from __future__ import annotations

import itertools

from ..formats import FORMAT_2021
from ..model import CellText
from ..normalize import parse_count


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
