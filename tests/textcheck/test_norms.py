"""Official-document norms and classified markers: right and wrong places."""

from __future__ import annotations

import pytest

from gongkai.textcheck import Severity, check_text, is_blocking


def found(text: str, prefix: str) -> list[tuple[str, str, str]]:
    return [(f.code.value, f.text, f.suggestion) for f in check_text(text) if f.code.value.startswith(prefix)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("根据国办函〔2020〕109号文件", []),
        ("根据国办函(2020)109号文件", [("N.doc_number_bracket", "(2020)109号", "〔2020〕109号")]),
        ("根据国办函[2020]109号文件", [("N.doc_number_bracket", "[2020]109号", "〔2020〕109号")]),
        ("根据国办函【2020】109号文件", [("N.doc_number_bracket", "【2020】109号", "〔2020〕109号")]),
        ("根据国办函（2020）109号文件", [("N.doc_number_bracket", "（2020）109号", "〔2020〕109号")]),
        ("根据国办函﹝2020﹞109号文件", [("N.doc_number_bracket", "﹝2020﹞109号", "〔2020〕109号")]),
        ("根据国办函〔2020〕第109号文件", [("N.doc_number_bracket", "〔2020〕第109号", "〔2020〕109号")]),
        ("根据国办函〔2020〕009号文件", [("N.doc_number_bracket", "〔2020〕009号", "〔2020〕9号")]),
        ("判决书（2020）鄂01行终109号", []),  # court case numbers keep （）
        ("见附件(2020)。", []),  # a year in brackets, not a document number
    ],
)
def test_document_number_brackets(text, expected):
    assert found(text, "N.doc_number") == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("坚持“先审查，后公开”的原则。", 0),
        ("坚持“先审查，后公开的原则。", 1),
        ("依照《条例》（2019年修订）执行。", 0),
        ("依照《条例执行。", 1),
        ("1）第一项\n2）第二项", 0),  # list markers
        ("部分公开（区分处理的，只计这一情形，\n不计其他情形）", 0),  # one paragraph over two lines
        ("“第一段引文。\n“第二段引文。”", 0),  # a quotation over two paragraphs
    ],
)
def test_unpaired(text, count):
    assert len(found(text, "N.unpaired")) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("调整机制,依法界定", [("N.halfwidth_punct", ",", "，")]),
        ("问题:如何处理", [("N.halfwidth_punct", ":", "：")]),
        ("时间为10:30,地点", [("N.halfwidth_punct", ",", "，")]),
        ("Hello, world: fine.", []),
        ("2.属于国家秘密", []),
    ],
)
def test_halfwidth_punctuation(text, expected):
    assert found(text, "N.halfwidth") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("这是我们的的工作", [("N.repeat", "的的", "的")]),
        ("的的确确如此", []),
        ("达到目的的手段", []),
        ("实实在在推进在建项目", []),
        ("推进公开公开工作", [("N.repeat", "公开公开", "公开")]),
        ("一个一个地解决", []),
        ("研究研究再说", []),
    ],
)
def test_repeats(text, expected):
    assert found(text, "N.repeat") == expected


def test_number_style_mixed_in_one_list():
    text = "1.第一项\n2、第二项\n3.第三项"
    assert found(text, "N.number_style") == [("N.number_style", "2、", "2.")]
    assert found("一、总体情况\n（一）甲\n（二）乙\n二、主动公开", "N.number_style") == []
    assert found("（一）甲\n(二)乙", "N.number_style") == [("N.number_style", "(二)", "（二）")]


def test_date_style():
    text = "2022年1月5日发布，2022年3月1日更新，2022-04-01修订。"
    assert found(text, "N.date_style") == [("N.date_style", "2022-04-01", "2022年4月1日")]
    assert found("成文日期：2022年01月05日", "N.date_style") == [
        ("N.date_style", "2022年01月05日", "2022年1月5日")
    ]
    assert found("2022年1月5日", "N.date_style") == []


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("秘密★1年\n关于某事项的通知", "秘密★1年"),
        ("机密★长期", "机密★长期"),
        ("密级：绝密", "密级：绝密"),
        ("（内部资料）", "（内部资料）"),
        ("内部资料，注意保存", "内部资料，注意保存"),
        ("绝密\n正文", "绝密"),
    ],
)
def test_classified_markers_block(text, marker):
    findings = [f for f in check_text(text) if f.code.value == "S.classified"]
    assert [f.text for f in findings] == [marker]
    assert findings[0].severity is Severity.BLOCKING
    assert is_blocking(findings)


@pytest.mark.parametrize(
    "text", ["1.属于国家秘密", "依法界定涉密信息范围，切实防止出现泄密问题", "商业秘密和个人隐私"]
)
def test_running_text_about_secrets_is_not_a_marker(text):
    assert found(text, "S.") == []
