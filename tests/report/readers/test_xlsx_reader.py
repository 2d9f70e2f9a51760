"""XLSX reader: gongkai's own workbook and hand-made sheets in the official layout; never raises."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from gongkai.report.api import read_report
from gongkai.report.formats import FORMAT_2021
from gongkai.report.readers.xlsx import read
from gongkai.report.synth import generate_report
from gongkai.report.writers import render


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _hand_made(values: dict[str, list]) -> bytes:
    """Table 三 as an agency might type it: merged labels, numbers as text, blanks, no text sheet."""
    fmt = FORMAT_2021
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([f"{fmt.three.title}"])
    ws.merge_cells("A1:J1")
    ws.append([fmt.three.corner, None, None, fmt.three.header])
    ws.merge_cells("A2:C4")
    ws.merge_cells("D2:J2")
    ws.append(
        [
            None,
            None,
            None,
            fmt.three.columns[0].label,
            fmt.three.legal_person_group,
            None,
            None,
            None,
            None,
            fmt.three.columns[-1].label,
        ]
    )
    ws.append([None, None, None, None, *(c.label for c in fmt.three.columns[1:-1])])
    for row in fmt.three.data_rows():
        ws.append([row.label, None, None, *values.get(row.code, [0] * 7)])
    return _save(wb)


def test_hand_made_sheet_with_text_numbers_and_blanks():
    data = _hand_made({"received": ["3", 1, None, 0, "0", "—", 4], "carried_out": [1, 0, 0, 0, 0, 0, "1件"]})
    report = read_report(data, "填报.xlsx")
    t = report.three
    assert t.cell("received", "natural_person").value == 3
    assert t.cell("received", "commercial").value == 1
    assert t.cell("received", "research").blank and t.cell("received", "other_org").blank
    assert t.cell("received", "total").value == 4
    assert t.cell("carried_out", "total").value == 1
    assert len(t.cells) == 175


def test_source_refs_name_sheet_and_cell():
    doc = read(_hand_made({}), path="x.xlsx")
    table = [b for b in doc.blocks if hasattr(b, "rows")][0]
    corner = table.rows[1][0]
    assert corner.text == FORMAT_2021.three.corner and corner.source.cell == "Sheet1!A2"
    assert table.rows[1][1].text == ""  # a position covered by the merge is empty


def test_formulas_without_cached_values_are_evaluated():
    report = generate_report(5, version="2021")
    data = render(report, "xlsx")
    ws = load_workbook(io.BytesIO(data))["表三"]
    formulas = [
        c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert any(f.startswith("=SUM(") for f in formulas)  # totals are live formulas in the workbook
    assert read_report(data, "r.xlsx").tables_json() == report.tables_json()


def test_wrong_stated_total_is_kept_as_stated_not_replaced_by_a_formula():
    from gongkai.report.synth import mutate_cell

    report = mutate_cell(generate_report(5, version="2021"), "three", "received.total", 2)
    data = render(report, "xlsx")
    ws = load_workbook(io.BytesIO(data))["表三"]
    stated = report.three.cell("received", "total").value
    assert stated in [c.value for row in ws.iter_rows() for c in row]
    assert read_report(data, "r.xlsx").three.cell("received", "total").value == stated


def test_simple_formula_arithmetic():
    wb = Workbook()
    ws = wb.active
    ws.append(["a", 1, 2, "=B1+C1-1", "=SUM(B1:C1,D1)", "=(B1+C1)", "=AVERAGE(B1:C1)"])
    doc = read(_save(wb))
    cells = [c.text for c in doc.blocks[0].rows[0]]
    assert cells[3:6] == ["2", "5", "3"]
    assert cells[6] == "=AVERAGE(B1:C1)"  # unsupported: kept as text, never a crash


def test_findings_sheet_is_not_read_as_report_content():
    report = generate_report(9, version="2019")
    from gongkai.report.findings import Finding

    label = report.format.three.data_rows()[0].label
    data = render(report, "xlsx", [Finding("T3.balance", f"表三“{label}”行 1 2 3 4 5 6 7")])
    again = read_report(data, "r.xlsx")
    assert again.tables_json() == report.tables_json()
    assert "T3.balance" not in again.text


def test_corrupt_and_foreign_files_give_findings_not_exceptions():
    doc = read(b"PK\x03\x04 not really a zip")
    assert doc.findings[0].check == "R.unreadable"
    empty = read(_save(Workbook()))
    assert empty.findings[0].check == "R.empty"
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "123"])
    other = read_report(_save(wb), "other.xlsx")
    assert other.reader_findings  # not a report: said so


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data):
    doc = read(b"PK\x03\x04" + data)
    assert doc.findings
