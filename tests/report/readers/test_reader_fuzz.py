"""Fuzz: the TXT and HTML readers and the recovery functions never raise, and never fall back to
their last-resort handler, on arbitrary bytes or on mangled report layouts."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.findings import CHECKS
from gongkai.report.formats import FORMAT_2021
from gongkai.report.model import Document, TableBlock, TextBlock
from gongkai.report.readers import html, txt
from gongkai.report.recover import recover_table_three, split_glued_lines, split_glued_row

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
READERS = (txt.read, html.read)


def _assert_sane(doc: Document) -> None:
    assert isinstance(doc, Document)
    for finding in doc.findings:
        assert finding.check in CHECKS and finding.check.startswith("R.")
        # "出错" is the catch-all's wording: an internal exception, i.e. a reader bug
        assert "出错" not in finding.message, finding.message
    for block in doc.blocks:
        assert isinstance(block, TextBlock | TableBlock)
        if isinstance(block, TextBlock):
            assert block.text == block.text.strip() and block.text
        else:
            assert all(isinstance(c.text, str) for row in block.rows for c in row)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes(data):
    for read in READERS:
        _assert_sane(read(data, path="fuzz"))


TOKENS = st.sampled_from(
    [
        "\t",
        "\n",
        "\r\n",
        " ",
        "  ",
        "|",
        "\u00a0",
        "\u3000",
        "0",
        "12",
        "425000047",
        "-",
        "—",
        "无",
        "一、总体情况",
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
        "2.",
        "（",
        "）",
        "。",
        "<table>",
        "<tr>",
        "<td rowspan='3'>",
        '<td colspan="999999">',
        "</td>",
        "</tr>",
        "</table>",
        "<br>",
        "<p>",
        "</p>",
        "<meta charset='gbk'>",
        "<meta name='PubDate' content='2023-13-45'>",
        "&nbsp;",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<?xml version='1.0' encoding='utf-8'?>",
        "发布时间：2023-02-30",
        "政府信息公开工作年度报告",
        "|---|---|",
    ]
)


@FUZZ
@given(tokens=st.lists(TOKENS, max_size=120), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_mangled_layouts(tokens, encoding):
    data = "".join(tokens).encode(encoding)
    for read in READERS:
        _assert_sane(read(data))


SEED_LIKE = (
    "某局2022年政府信息公开工作年度报告\n\n一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n"
    "\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\t申请人情况\n\n"
    "\t一、本年新收政府信息公开申请数量\n"
    + "\t\u00a00\n" * 7
    + "\n\t三、本年度办理结果\n\t（一）予以公开\n"
    + "\t0\u00a0\n" * 7
    + "\n\t商业\n企业\n\t\n\n"
)


@FUZZ
@given(seed=st.integers(0, 10_000), cuts=st.integers(0, 20))
def test_cut_and_shuffled_lines_of_a_real_layout(seed, cuts):
    rng = random.Random(seed)
    lines = SEED_LIKE.split("\n")
    for _ in range(cuts):
        i = rng.randrange(len(lines))
        action = rng.randrange(4)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2:
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
        else:
            lines[i] = "\t" + lines[i].replace("\t", "  ")
        if not lines:
            lines = [""]
    data = "\n".join(lines).encode("utf-8")
    data = data[: rng.randint(0, len(data))] if rng.random() < 0.3 else data
    for read in READERS:
        _assert_sane(read(data))


THREE_LABELS = [r.label for r in FORMAT_2021.three.data_rows()]


@FUZZ
@given(
    text=st.text(
        alphabet=st.sampled_from('0123456789１２ .。、（）“”"' + "".join(set("".join(THREE_LABELS)))),
        max_size=200,
    )
)
def test_recovery_never_raises(text):
    for label, value in split_glued_lines(text, THREE_LABELS):
        assert label in THREE_LABELS
        assert isinstance(value, str | list)
    recovery = recover_table_three(text, FORMAT_2021.three)
    assert set(recovery.cells) <= {r.code for r in FORMAT_2021.three.data_rows()}


@FUZZ
@given(digits=st.text(alphabet="0123456789", max_size=22), n=st.integers(1, 8))
def test_split_candidates_rebuild_the_digits(digits, n):
    for candidate in split_glued_row(digits, n, limit=200):
        assert len(candidate) == n
        assert "".join(map(str, candidate)) == digits
        assert sum(candidate[:-1]) == candidate[-1] or n == 1
