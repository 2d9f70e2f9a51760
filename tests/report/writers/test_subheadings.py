"""Only a paragraph's second-level heading is set apart (GB/T 9704), not the text that runs on."""

from __future__ import annotations

import io

import docx
import pytest

from gongkai.report.synth import generate_report, set_section_text
from gongkai.report.writers import render
from gongkai.report.writers.html import split_subheading
from gongkai.report.writers.typst_source import report_data


@pytest.mark.parametrize(
    ("line", "head", "rest"),
    [
        ("（一）主动公开情况。全年共发布信息24条。", "（一）主动公开情况。", "全年共发布信息24条。"),
        ("（二）依申请公开情况：收到申请3件。", "（二）依申请公开情况：", "收到申请3件。"),
        ("(三)政府信息管理情况", "(三)政府信息管理情况", ""),
        ("（十）" + "很长的一句话没有句号" * 6, "（十）", "很长的一句话没有句号" * 6),
        ("全年共发布信息24条。", "", "全年共发布信息24条。"),
        ("1.属于国家秘密。", "", "1.属于国家秘密。"),
    ],
)
def test_split_subheading(line, head, rest):
    assert split_subheading(line) == (head, rest)
    assert head + rest == line


def _report():
    report = generate_report(3, version="2021")
    return set_section_text(report, "overview", "（一）主动公开情况。全年共发布信息24条。\n其他内容。")


def test_html_sets_apart_only_the_heading():
    html = render(_report(), "html").decode()
    assert '<p><strong class="sub">（一）主动公开情况。</strong>全年共发布信息24条。</p>' in html


def test_docx_puts_only_the_heading_in_the_kai_face():
    document = docx.Document(io.BytesIO(render(_report(), "docx")))
    (para,) = [p for p in document.paragraphs if p.text.startswith("（一）主动公开情况。")]
    assert [r.text for r in para.runs] == ["（一）主动公开情况。", "全年共发布信息24条。"]
    fonts = [
        r._r.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia")) if r._r.rPr is not None else None
        for r in para.runs
    ]
    assert fonts[0] == "楷体_GB2312" and fonts[1] != "楷体_GB2312"


def test_pdf_data_carries_heading_and_rest_apart():
    data = report_data(_report(), (), serif="S", sans="X")
    (overview,) = [s for s in data["sections"] if s["heading"].startswith("一、")]
    assert overview["paras"][0] == ["（一）主动公开情况。", "全年共发布信息24条。"]
    assert overview["paras"][1] == ["", "其他内容。"]
