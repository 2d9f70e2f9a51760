"""Fuzz: no input makes the check, the extraction or the redaction raise."""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.textcheck import LineIndex, check_text, redact
from gongkai.textcheck.extract import decode_text

# Text that hits the rules: digits, separators, brackets, quotes, labels, dictionary words.
PIECES = st.sampled_from(
    list("0123456789Xx-@. ()（）〔〕[]【】“”‘’《》,:：，。\n\r\t★")
    + [
        "姓名：",
        "联系人：",
        "秘密",
        "内部资料",
        "按装",
        "国家卫生和计划生育委员会",
        "的的",
        "号",
        "年",
        "月",
        "日",
    ]
    + ["110101199003074514", "13812345678", "国办函", "2020", "鄂A", "一、", "（一）", "1.", "2、"]
)
TEXT = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=80).map("".join)
)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_check_never_raises_and_spans_are_sane(text):
    findings = check_text(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.line >= 1 and f.column >= 1
    result = redact(text, findings)
    assert len(result.text) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_line_index_matches_a_naive_count(text):
    index = LineIndex(text)
    for offset in range(0, len(text) + 1, max(1, len(text) // 7)):
        if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
            continue  # inside one CRLF break: it belongs to the line the break ends
        head = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
        line = head.count("\n") + 1
        assert index.position(offset)[0] == line
        assert bisect.bisect_right(index.starts, offset) == line


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decode_never_raises_unexpectedly(data):
    try:
        text, codec = decode_text(data)
    except UnicodeDecodeError:
        return
    assert text.encode(codec) == data
