"""table_html: the official layout, addressable cells, highlights; the page around it."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from gongkai.report.formats import FORMATS
from gongkai.report.synth import generate_report
from gongkai.report.writers.html import render_html, table_html

CELLS = {"2021": {"two": 10, "three": 175, "four": 15}, "2019": {"two": 22, "three": 161, "four": 15}}


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("name", ["two", "three", "four"])
def test_every_format_cell_is_one_addressable_td(version, name):
    report = generate_report(7, version=version)
    table = lxml_html.fragment_fromstring(table_html(report, name))
    tds = table.xpath(".//td")
    assert len(tds) == CELLS[version][name]
    keys = [td.get("data-cell") for td in tds]
    assert len(set(keys)) == len(keys)
    for td in tds:
        assert td.get("id") == f"t-{name}-{td.get('data-cell').replace('.', '-')}"
        value = getattr(report, name).cells[td.get("data-cell")].to_json()
        assert td.text_content() == ("" if value is None else str(value))


@pytest.mark.parametrize("name", ["two", "three", "four"])
def test_headers_attributes_point_at_header_cells(demo, name):
    table = lxml_html.fragment_fromstring(table_html(demo, name))
    ids = {th.get("id") for th in table.xpath(".//th")}
    for td in table.xpath(".//td"):
        refs = td.get("headers").split()
        assert refs and set(refs) <= ids


def test_table_three_has_the_official_merged_header(demo):
    fmt = demo.format
    table = lxml_html.fragment_fromstring(table_html(demo, "three"))
    corner = table.xpath(".//thead/tr[1]/th[1]")[0]
    assert corner.text_content() == fmt.three.corner
    assert (corner.get("rowspan"), corner.get("colspan")) == ("3", "3")
    applicant = table.xpath(".//thead/tr[1]/th[2]")[0]
    assert applicant.text_content() == fmt.three.header and applicant.get("colspan") == "7"
    legal = [
        th for th in table.xpath(".//thead/tr[2]/th") if th.text_content() == fmt.three.legal_person_group
    ]
    assert legal and legal[0].get("colspan") == "5"
    results = fmt.three.rows[2]  # 三、本年度办理结果 spans its 22 data rows
    parent = [th for th in table.xpath(".//tbody//th") if th.text_content() == results.label][0]
    assert parent.get("rowspan") == "22" and parent.get("scope") == "rowgroup"


def test_table_four_groups_litigation_under_one_header(demo):
    table = lxml_html.fragment_fromstring(table_html(demo, "four"))
    top = [(th.text_content(), th.get("colspan")) for th in table.xpath(".//thead/tr[1]/th")]
    groups = FORMATS["2021"].four.groups
    assert top == [(groups[0].label, "5"), (groups[1].parent_label, "10")]


def test_highlights_set_the_css_class_of_the_cell(demo):
    out = table_html(demo, "three", highlights={"received.total": "error", "total.natural_person": "warning"})
    table = lxml_html.fragment_fromstring(out)
    assert table.xpath('.//td[@data-cell="received.total"]')[0].get("class") == "error"
    assert table.xpath('.//td[@data-cell="total.natural_person"]')[0].get("class") == "warning"
    assert len(table.xpath(".//td[@class]")) == 2


def test_table_names_in_chinese_are_accepted_and_unknown_ones_refused(demo):
    assert table_html(demo, "三") == table_html(demo, "three")
    with pytest.raises(ValueError):
        table_html(demo, "five")


def test_blank_cell_is_written_blank_not_zero(demo):
    import copy

    from gongkai.report.model import Cell

    report = copy.deepcopy(demo)
    report.three.set("received", "research", Cell(raw="—", blank=True))
    td = lxml_html.fragment_fromstring(table_html(report, "three")).xpath(
        './/td[@data-cell="received.research"]'
    )[0]
    assert td.text_content() == ""


def test_page_is_self_contained_with_print_stylesheet(demo):
    page = render_html(demo)
    assert page.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in page
    assert "@page" in page and "@media print" in page
    assert not re.search(r"(src|href)=\"?https?:", page)
    for section in demo.format.sections:
        assert f"<h2>{section.heading}</h2>" in page


def test_error_findings_render_as_a_visible_warning_block(demo):
    from gongkai.report.findings import Finding

    findings = [
        Finding("T3.balance", "表三“总计”列：第一项(5)+第二项(1)=6，第三项总计(4)+第四项(1)=5，相差1。"),
        Finding("X.heading", "只是提示"),
    ]
    page = render_html(demo, findings)
    block = lxml_html.fromstring(page).xpath('//aside[@role="alert"]')[0]
    assert "T3.balance" in block.text_content() and "相差1" in block.text_content()
    assert "X.heading" not in block.text_content()  # warnings are not listed as blocking errors
    assert 'role="alert"' not in render_html(demo, findings[1:])


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_ids_are_unique_on_the_page(version):
    page = lxml_html.fromstring(render_html(generate_report(3, version=version)))
    ids = [e.get("id") for e in page.xpath("//*[@id]")]
    assert len(ids) == len(set(ids))
