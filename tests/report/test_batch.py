"""`gongkai audit` over many files: order kept, missing files reported, prior years paired."""

from __future__ import annotations

import json

import pytest

from gongkai.cli import main
from gongkai.report import synth
from gongkai.report.batch import audit_paths
from gongkai.report.writers import render

CROSS_YEAR = "T3.carry_continuity"


def write(path, report):
    path.write_bytes(render(report, "txt"))
    return path


@pytest.fixture
def two_years(tmp_path):
    earlier = synth.generate_report(11, year=2022, agency="示范区教育局")
    later = synth.generate_report(12, year=2023, agency="示范区教育局")
    folder = tmp_path / "reports"
    folder.mkdir()
    write(folder / "b-2023.txt", later)
    write(folder / "a-2022.txt", earlier)
    return folder, earlier, later


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_previous_year_in_the_same_batch_is_paired(two_years, jobs):
    folder, _, _ = two_years
    items = list(audit_paths([str(folder)], jobs=jobs))
    assert [i.path.rsplit("/", 1)[-1] for i in items] == ["a-2022.txt", "b-2023.txt"]
    later = items[1].record
    assert CROSS_YEAR not in {n["check"] for n in later["not_run"]}
    earlier = items[0].record
    assert CROSS_YEAR in {n["check"] for n in earlier["not_run"]}


def test_no_pair_leaves_cross_year_checks_not_run(two_years):
    folder, _, _ = two_years
    items = list(audit_paths([str(folder)], jobs=1, pair=False))
    assert all(CROSS_YEAR in {n["check"] for n in i.record["not_run"]} for i in items)


def test_carry_over_mismatch_between_years_is_found(tmp_path):
    earlier = synth.generate_report(21, year=2022, agency="示范区民政局")
    later = synth.generate_report(22, year=2023, agency="示范区民政局")
    assert earlier.three.number("carried_out", "total") != later.three.number("carried_in", "total")
    folder = tmp_path / "r"
    folder.mkdir()
    write(folder / "2022.txt", earlier)
    write(folder / "2023.txt", later)
    later_item = list(audit_paths([str(folder)], jobs=1))[1]
    assert CROSS_YEAR in {f["check"] for f in later_item.record["findings"]}


def test_a_missing_file_keeps_its_place_and_the_batch_goes_on(two_years, tmp_path, capsys):
    folder, _, _ = two_years
    missing = str(tmp_path / "nope.txt")
    status = main(["audit", "--summary", str(folder / "a-2022.txt"), missing, str(folder / "b-2023.txt")])
    lines = capsys.readouterr().out.splitlines()
    assert status == 2
    assert "无法读取" in lines[1] and lines[1].startswith(missing)
    assert lines[0].endswith("错误0 提示0") and lines[2].startswith(str(folder / "b-2023.txt"))


def test_json_lines_one_object_per_report(two_years, capsys):
    folder, _, _ = two_years
    assert main(["audit", "--json", "--jobs", "2", str(folder)]) in (0, 1)
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["year"] for r in records] == [2022, 2023]


def test_unreadable_file_exits_2_with_a_coded_reason(tmp_path, capsys):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    assert main(["audit", "--json", str(bad)]) == 2
    record = json.loads(capsys.readouterr().out)
    assert {f["check"] for f in record["findings"]} & {"R.unreadable", "R.no_text_layer"}


def test_missing_table_hint_only_when_some_page_has_an_image():
    from gongkai.report.assemble import assemble
    from gongkai.report.model import Document, TextBlock

    text = "示范区教育局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n本年度主动公开信息120条。"
    for images, hinted in (([0, 0, 0], False), ([0, 2, 0], True), ({1: 0}, False), ({2: 1}, True)):
        doc = Document(blocks=[TextBlock(text)], meta={"images_per_page": images})
        missing = [f for f in assemble(doc).reader_findings if f.check == "R.table_missing"]
        assert [f.location["table"] for f in missing] == ["二"]
        assert ("图片" in missing[0].message) is hinted
