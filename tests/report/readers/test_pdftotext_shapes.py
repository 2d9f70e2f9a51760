"""Hand-made text in the two shapes `pdftotext` gives a report's tables, for both format versions.

The reports are generated (`gongkai.report.synth`: invented agencies and numbers); the writers
below print them the way `pdftotext` prints a PDF, every label taken from the format definitions:

- `write_layout` (`pdftotext -layout`): one table row per line, cells apart by runs of spaces;
  long table-三 labels wrapped over two or three lines with the numbers on the first, the middle
  or the last of them, or on a line of their own between; merged parent labels printed in pieces,
  one character per line for `三、本年度办理结果`, on lines of their own or at the start of a row;
- `write_plain` (plain `pdftotext`): one cell per line with blank lines between; labels split over
  lines; header labels one character per line; wrapped labels moved after the table and a run of
  rows printed column by column (as plain `pdftotext` does with merged cells); table 四's totals
  printed after two groups' results.

Both put page breaks (footer with the page number, form feed, running header, table 三's header
repeated) between table rows.
"""

from __future__ import annotations

import random

import pytest

from gongkai.report import api, synth
from gongkai.report.formats import FORMATS, Parent, ReportFormat
from gongkai.report.model import AnnualReport

SEEDS = range(8)
VERSIONS = sorted(FORMATS)
FOOTERS = ("- {n} -", "第{n}页", "—{n}—", "{n}")
INDENT = " " * 6
GAP = " " * 4


def _raw(report: AnnualReport, table: str, row: str, column: str) -> str:
    cell = getattr(report, table).cell(row, column)
    return cell.raw if cell.raw is not None else str(cell.value)


def _cut(rng: random.Random, label: str, parts: int) -> list[str]:
    """`label` in `parts` pieces; never a cut inside the leading ordinal (`1.`, `（一）`)."""
    if parts == 1 or len(label) < 4 + parts * 2:
        return [label]
    cuts = sorted(rng.sample(range(4, len(label)), parts - 1))
    return [label[a:b] for a, b in zip([0, *cuts], [*cuts, len(label)], strict=True)]


def _rows(fmt: ReportFormat) -> list[tuple[list[str], str, str]]:
    """Per data row of table 三: the parent labels that start at it, its label, its code."""
    out: list[tuple[list[str], str, str]] = []

    def walk(items, starting: list[str]) -> None:
        for index, item in enumerate(items):
            if isinstance(item, Parent):
                walk(item.children, [*starting, item.label] if index == 0 else [item.label])
            else:
                out.append((starting if index == 0 else [], item.label, item.code))

    walk(fmt.three.rows, [])
    return out


def _values(report: AnnualReport, fmt: ReportFormat, code: str) -> list[str]:
    return [_raw(report, "three", code, c.code) for c in fmt.three.columns]


def _parent_pieces(rng: random.Random, label: str, top: bool) -> list[str]:
    """A merged parent label as `pdftotext` prints it: the top one a character per line."""
    return [label[:2], *label[2:]] if top else _cut(rng, label, 2)


class _Pages:
    """Output lines with page breaks: footer with the page number, form feed, running header."""

    def __init__(self, report: AnnualReport, rng: random.Random):
        self.lines: list[str] = []
        self.page = 1
        self.rng = rng
        self.header = report.title or ""

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def page_break(self, centred: bool = True) -> None:
        """Plain `pdftotext` does not centre the footer: a bare page number would be a value."""
        footer = self.rng.choice(FOOTERS if centred else FOOTERS[:-1]).format(n=self.page)
        self.page += 1
        self.lines += ["", (" " * 40 if centred else "") + footer, "\f" + self.header, ""]

    def text(self) -> str:
        return "\n".join(self.lines) + "\n\f"


def _narrative(report: AnnualReport, pages: _Pages, fmt: ReportFormat, tables: dict) -> None:
    pages.add(*[line for line in report.preamble.split("\n") if line])
    for section in fmt.sections:
        pages.add(INDENT + section.heading, *report.sections[section.code].text.split("\n"))
        if section.table:
            tables[section.table]()


# ---------------------------------------------------------------- pdftotext -layout


def write_layout(report: AnnualReport, seed: int) -> str:
    fmt = FORMATS[report.format_version]
    rng = random.Random(seed)
    pages = _Pages(report, rng)
    t3 = fmt.three
    cols = t3.columns

    def header_three() -> None:
        pages.add(
            " " * 50 + t3.header,
            t3.corner[:20] + " " * 20 + t3.legal_person_group,
            t3.corner[20:],
            " " * 30 + cols[0].label + " " * 40 + cols[-1].label,
        )
        split = [(c.label[:3], c.label[3:]) for c in cols[1:-1]]
        pages.add(
            " " * 40 + GAP.join(a for a, _ in split), " " * 40 + GAP.join(b or " " for _, b in split), ""
        )

    def two() -> None:
        for number, block in enumerate(fmt.two.blocks):
            if number == 2:
                pages.page_break()
            pages.add(
                INDENT + block.caption, "", block.header + GAP + GAP.join(c.label for c in block.columns), ""
            )
            for row in block.rows:
                values = [_raw(report, "two", row.code, c.code) for c in block.columns]
                pages.add(row.label + " " * 10 + GAP.join(values), "")

    def three() -> None:
        header_three()
        rows = _rows(fmt)
        brk = rng.randrange(4, len(rows) - 3)
        shapes = ("first", "middle", "last", "own")
        for index, (parents, label, code) in enumerate(rows):
            if index == brk:
                pages.page_break()
                header_three()
            pieces: list[str] = []
            for parent in parents:
                pieces += _parent_pieces(rng, parent, parent == parents[0] and len(parents) > 1)
            numbers = GAP.join(_values(report, fmt, code))
            shape = shapes[(index + seed) % len(shapes)]
            parts = _cut(rng, label, 3 if shape == "middle" else 2)
            if shape == "own" and len(parts) == 2:
                lines = [INDENT + parts[0], " " * 36 + numbers, INDENT + parts[1]]
            else:
                at = {"first": 0, "middle": 1, "last": len(parts) - 1}.get(shape, 0)
                at = min(at, len(parts) - 1)
                lines = [INDENT + p + (GAP + numbers if k == at else "") for k, p in enumerate(parts)]
            # the parent pieces go on lines of their own or at the start of a row's lines
            for piece in pieces:
                slot = rng.randrange(len(lines) + 1)
                if slot < len(lines) and rng.random() < 0.5:
                    lines[slot] = piece + GAP + lines[slot].lstrip()
                else:
                    lines.insert(slot, piece)
            pages.add(*lines, "")

    def four() -> None:
        four = fmt.four
        suit = [g for g in four.groups if g.parent_label]
        labels = [c.label for c in four.columns]
        pages.add(four.groups[0].label + " " * 30 + (suit[0].parent_label or ""))
        pages.add(" " * 30 + (" " * 20).join(g.label for g in suit), "")
        pages.add(GAP.join(label[:2] for label in labels) + GAP + GAP.join(label[:2] for label in labels * 2))
        pages.add(
            GAP.join(label[2:] for label in labels) + GAP + GAP.join(label[2:] for label in labels * 2), ""
        )
        pages.add(GAP.join(_raw(report, "four", g.code, c.code) for g, c in four.cells()), "")

    _narrative(report, pages, fmt, {"two": two, "three": three, "four": four})
    return pages.text()


# ---------------------------------------------------------------- plain pdftotext


def write_plain(report: AnnualReport, seed: int) -> str:
    fmt = FORMATS[report.format_version]
    rng = random.Random(seed)
    pages = _Pages(report, rng)
    t3 = fmt.three
    cols = t3.columns

    def cell(*lines: str) -> None:
        pages.add(*lines, "")

    def header_three() -> None:
        cell(t3.header)
        cell(t3.corner[:20], t3.corner[20:])
        cell(t3.legal_person_group)
        cell(cols[0].label)
        for column in cols[1:-1]:
            cell(*column.label)  # one character per line
        cell(cols[-1].label)

    def two() -> None:
        for number, block in enumerate(fmt.two.blocks):
            if number == 2:
                pages.page_break(centred=False)
            cell(block.caption)
            cell(block.header)
            for column in block.columns:
                cell(column.label)
            for row in block.rows:
                values = [_raw(report, "two", row.code, c.code) for c in block.columns]
                if len(block.rows) == 1 and len(values) == 1 and seed % 2:
                    cell(values[0])  # the value before its row label
                    cell(row.label)
                    continue
                cell(row.label)
                for value in values:
                    cell(value)

    def three() -> None:
        header_three()
        rows = _rows(fmt)
        # a run of rows printed column by column, their labels after the table
        height = 3 + seed % 3
        start = 4 + rng.randrange(len(rows) - height - 6)
        by_columns = range(start, start + height)
        brk = rng.choice(
            [i for i in range(3, len(rows) - 2) if i not in by_columns and i - 1 not in by_columns]
        )
        moved: list[str] = []
        for index, (parents, label, code) in enumerate(rows):
            if index == brk:
                pages.page_break(centred=False)
                header_three()
            for parent in parents:
                if parent == parents[0] and len(parents) > 1:
                    cell(*_parent_pieces(rng, parent, True))
                else:
                    moved.append(parent)
            values = _values(report, fmt, code)
            if index in by_columns:
                moved.append(label)
                if index == by_columns[-1]:
                    block = [_values(report, fmt, code) for _, _, code in rows[start : start + height]]
                    for column in range(len(cols)):
                        cell(*(row[column] for row in block))
                continue
            parts = _cut(rng, label, 1 + (index + seed) % 3)
            if len(parts) > 1 and index % 2:
                moved.append(label)  # a wrapped label printed after the table's numbers
            else:
                pages.add(*parts, "")
            for value in values:
                cell(value)
        for label in moved:
            pages.add(*_cut(rng, label, 2))

    def four() -> None:
        four = fmt.four
        suit = [g for g in four.groups if g.parent_label]
        cell(four.groups[0].label)
        cell(suit[0].parent_label or "")
        for group in suit:
            cell(group.label)
        values = [[_raw(report, "four", g.code, c.code) for c in four.columns] for g in four.groups]
        if seed % 2:  # in order, the column labels a character per line between the groups
            for group in values:
                for column in four.columns:
                    cell(*column.label)
                for value in group:
                    cell(value)
            return
        # as plain pdftotext printed a real report: two groups' results, then the totals
        first, second, third = values
        for value in first[:4]:
            cell(value)
        cell(four.columns[0].label)
        for value in third[:4]:
            cell(value)
        cell(four.columns[-1].label)
        cell(first[4])
        for column in four.columns[:4]:
            cell(column.label[2:])
        for value in second:
            cell(value)
        cell(four.columns[-1].label)
        cell(third[4])

    _narrative(report, pages, fmt, {"two": two, "three": three, "four": four})
    return pages.text()


# ---------------------------------------------------------------- the rule


def _assert_reads_as(expected: AnnualReport, text: str) -> None:
    got = api.read_report(text.encode("utf-8"), "report.txt")
    assert got.format_version == expected.format_version
    for table in ("two", "three", "four"):
        assert getattr(got, table).to_json() == getattr(expected, table).to_json(), table
    result = api.audit_report(got)
    assert not [f.message for f in result.findings if f.check.startswith(("R.", "T"))]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("seed", SEEDS)
def test_layout_text_with_wrapped_labels_reads_every_table(seed, version):
    report = synth.generate_report(seed, version=version)
    _assert_reads_as(report, write_layout(report, seed))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("seed", SEEDS)
def test_plain_text_with_one_cell_per_line_reads_every_table(seed, version):
    report = synth.generate_report(seed, version=version)
    _assert_reads_as(report, write_plain(report, seed))


def test_layout_shapes_cover_numbers_on_first_middle_last_and_own_line():
    """The writer does print what the tests claim: one check on one report."""
    report = synth.generate_report(0, version="2021")
    text = write_layout(report, 0)
    partial = FORMATS["2021"].three.row("partial").label
    assert partial not in text.replace(INDENT, "")  # wrapped
    assert "\f" in text and "自" in text


def test_plain_shape_prints_header_characters_one_per_line():
    report = synth.generate_report(1, version="2019")
    lines = write_plain(report, 1).split("\n")
    commercial = FORMATS["2019"].three.columns[1].label
    assert [line for line in lines if line in commercial] and commercial not in lines


def test_plain_text_with_a_row_left_out_still_reads_rows_whose_label_precedes_their_numbers():
    """When the numbers do not make a whole table of either version, rows are read only where a
    label is followed by exactly seven numbers; the row left out is reported missing."""
    report = synth.generate_report(5, version="2021")
    fmt = FORMATS["2021"]
    left_out = fmt.three.row("withheld_third_party")
    lines = [report.title or "", fmt.sections[2].heading, fmt.three.header, ""]
    for row in fmt.three.data_rows():
        if row is left_out:
            continue
        lines += [*_cut(random.Random(0), row.label, 2), ""]
        for value in _values(report, fmt, row.code):
            lines += [value, ""]
    got = api.read_report("\n".join(lines).encode("utf-8"), "report.txt")
    for row in fmt.three.data_rows():
        read = [got.three.cell(row.code, c.code).raw for c in fmt.three.columns]
        assert read == ([None] * len(read) if row is left_out else _values(report, fmt, row.code)), row.code
    shape = [f.message for f in api.audit_report(got).findings if f.check == "T3.shape"]
    assert any(left_out.label in message for message in shape)
