"""HTML reader: portal pages, charsets, merged cells, nested layout tables, dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.report.model import TableBlock, TextBlock
from gongkai.report.readers import html

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, TextBlock)]


def _tables(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in b.rows] for b in doc.blocks if isinstance(b, TableBlock)]


@pytest.fixture(scope="module")
def portal():
    return html.read((FIXTURES / "portal_gbk.html").read_bytes(), path="portal_gbk.html")


def test_gbk_page_declared_as_gb2312_is_decoded_without_findings(portal):
    assert portal.findings == []
    assert portal.kind == "html"
    assert portal.meta["encoding"] == "gb18030"


def test_navigation_footer_and_scripts_are_left_out(portal):
    text = "\n".join(_texts(portal))
    for chrome in ("首页", "政府信息公开指南", "您现在的位置", "分享到", "备案号", "document.write"):
        assert chrome not in text


def test_title_outside_the_article_comes_first(portal):
    assert _texts(portal)[0] == "云溪县教育局2022年政府信息公开工作年度报告"


def test_headings_and_br_lines_are_separate_text_blocks(portal):
    texts = _texts(portal)
    for heading in ("一、总体情况", "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"):
        assert heading in texts
    # <br> splits a paragraph into lines; the &nbsp; indentation is stripped
    assert [t for t in texts if t.startswith(("2022年，我局", "（一）主动", "全年主动"))] == [
        "2022年，我局认真贯彻落实条例要求。",
        "（一）主动公开",
        "全年主动公开信息312条。",
    ]


def test_published_date_from_meta(portal):
    assert portal.published_date == date(2023, 1, 18)


def test_rowspan_and_colspan_are_expanded_with_empty_covered_cells(portal):
    two, three, four = _tables(portal)
    assert three[0][:4] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "",
        "",
        "申请人情况",
    ]
    assert three[1] == ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
    # <br> inside a label cell joins the broken label
    assert three[2][4:6] == ["商业企业", "科研机构"]
    assert three[5][:4] == ["三、本年度办理结果", "（一）予以公开", "", "4"]
    assert three[6][:3] == ["", "（三）不予公开", "1.属于国家秘密"]
    assert three[7][:3] == ["", "", "2.其他法律行政法规禁止公开"]
    assert len(four[3]) == 15 and four[3][0] == "1"
    assert two[6] == ["行政许可", "56", "", ""]


def test_nbsp_cell_is_kept_as_a_blank(portal):
    two, three, _ = _tables(portal)
    assert two[-1][1].strip() == "" and two[-1][1] != "0"
    assert three[6][3].strip() == ""


def test_cells_carry_table_row_column_sources(portal):
    tables = [b for b in portal.blocks if isinstance(b, TableBlock)]
    assert tables[1].rows[3][3].source.cell == "表格2 第4行第4列"


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def test_nested_layout_table_does_not_swallow_the_report():
    body = (
        "<table><tr><td>栏目导航</td><td><table><tr><td>"
        "<p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>"
        "<table><tr><td>规章</td><td>1</td><td>0</td><td>4</td></tr>"
        "<tr><td>行政规范性文件</td><td>2</td><td>0</td><td>9</td></tr></table>"
        "<p>三、收到和处理政府信息公开申请情况</p></td></tr></table></td></tr></table>"
    )
    doc = html.read(_page(body))
    assert _tables(doc) == [[["规章", "1", "0", "4"], ["行政规范性文件", "2", "0", "9"]]]
    assert "一、总体情况" in _texts(doc) and "正文。" in _texts(doc)
    assert "栏目导航" not in _texts(doc)  # outside the tightest element holding the headings


def test_single_cell_layout_table_is_read_as_text():
    long_text = "我局坚持以公开为常态。" * 50
    doc = html.read(_page(f"<table><tr><td><p>一、总体情况</p><p>{long_text}</p></td></tr></table>"))
    assert _tables(doc) == []
    assert long_text in _texts(doc)


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta name="PubDate" content="2022-01-20 08:00">', "", date(2022, 1, 20)),
        ('<meta name="pubdate" content="2022/02/03">', "", date(2022, 2, 3)),
        ("", "<p>某局2021年政府信息公开工作年度报告</p><p>发布时间：2022-01-25</p>", date(2022, 1, 25)),
        ("", "<p>发布日期：2022年1月9日</p>", date(2022, 1, 9)),
        ('<meta name="PubDate" content="not a date">', "<p>成文日期：2022-01-05</p>", None),
    ],
)
def test_published_date_sources(head, body, expected):
    assert html.read(_page(body, head)).published_date == expected


def test_utf8_page_with_bom_and_no_meta():
    doc = html.read("\ufeff<html><body><p>一、总体情况</p></body></html>".encode())
    assert _texts(doc) == ["一、总体情况"] and doc.findings == []


def test_gb18030_page_without_declaration_is_detected():
    doc = html.read(
        "<html><body><p>二、主动公开政府信息情况</p><p>制发规范性文件3件。</p></body></html>".encode(
            "gb18030"
        )
    )
    assert _texts(doc) == ["二、主动公开政府信息情况", "制发规范性文件3件。"]


@pytest.mark.parametrize(
    ("data", "check"),
    [
        (b"", "R.empty"),
        (b"   \n  ", "R.empty"),
        (b"<html><body><script>var a=1;</script></body></html>", "R.empty"),
        (b"%PDF-1.7 binary", "R.unreadable"),
        (bytes(range(256)) * 40, "R.unreadable"),
    ],
)
def test_unreadable_pages_give_a_finding_not_an_exception(data, check):
    doc = html.read(data, path="x.html")
    assert [f.check for f in doc.findings] == [check]
    assert doc.findings[0].message  # a Chinese message for the user
