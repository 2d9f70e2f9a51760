"""Recovery of flattened table cells: every split, the row's own total, the table's sums."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.formats import FORMAT_2019, FORMAT_2021
from gongkai.report.recover import (
    SumRule,
    ambiguous_findings,
    recover_table_three,
    resolve_table,
    resolve_three,
    split_glued_lines,
    split_glued_row,
)

THREE = FORMAT_2021.three
LABELS = {r.code: r.label for r in THREE.data_rows()}


def test_the_issue_example_has_one_split():
    assert split_glued_row("425000047") == [[42, 5, 0, 0, 0, 0, 47]]


def test_all_zero_row():
    assert split_glued_row("0000000") == [[0] * 7]


def test_no_leading_zeros_except_zero_itself():
    # 1|0|0|0|0|0|01 and 10|0|0|0|0|0|01 would need a leading zero
    assert split_glued_row("10000001") == []
    assert split_glued_row("1000001") == [[1, 0, 0, 0, 0, 0, 1]]


def test_ambiguous_row_lists_every_candidate():
    assert split_glued_row("110000011") == [[1, 10, 0, 0, 0, 0, 11], [11, 0, 0, 0, 0, 0, 11]]
    assert split_glued_row("121000013") == [[1, 2, 10, 0, 0, 0, 13], [12, 1, 0, 0, 0, 0, 13]]


def test_without_total_every_cut_is_listed():
    assert split_glued_row("123", 2, total_col_last=False) == [[1, 23], [12, 3]]


def test_table_four_groups_each_end_with_their_total():
    # 行政复议 1 0 0 0 1 | 直接起诉 0 0 0 0 0 | 复议后起诉 1 0 0 0 1
    assert split_glued_row("100010000010001", groups=(5, 5, 5)) == [
        [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    ]


@pytest.mark.parametrize("digits", ["", "12", "abc", "12a4567", "１２"])
def test_impossible_input_gives_no_candidate(digits):
    assert split_glued_row(digits) == []


rows = st.lists(st.integers(min_value=0, max_value=300), min_size=6, max_size=6).map(lambda r: [*r, sum(r)])


@settings(max_examples=200, deadline=None)
@given(row=rows)
def test_the_true_row_is_always_among_the_candidates(row):
    digits = "".join(map(str, row))
    candidates = split_glued_row(digits)
    assert row in candidates
    for cand in candidates:
        assert "".join(map(str, cand)) == digits
        assert sum(cand[:6]) == cand[6]


# ---------------------------------------------------------------- flattened lines


def test_next_rows_ordinal_belongs_to_the_next_label():
    text = "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
    got = split_glued_lines(text, [LABELS["withheld_state_secret"], LABELS["withheld_prohibited_by_law"]])
    assert got == [
        (LABELS["withheld_state_secret"], "0000000"),
        (LABELS["withheld_prohibited_by_law"], "0000000"),
    ]


def test_labels_match_after_normalisation_and_spaced_numbers_come_as_cells():
    text = '3 . 危及"三安全一稳定" 1 0 0 0 0 0 1  4．保护第三方合法权益１０００００１'
    got = split_glued_lines(text, [LABELS["withheld_three_securities"], LABELS["withheld_third_party"]])
    assert got == [
        (LABELS["withheld_three_securities"], ["1", "0", "0", "0", "0", "0", "1"]),
        (LABELS["withheld_third_party"], "1000001"),
    ]


def test_label_variants_are_accepted_and_the_canonical_label_returned():
    partial = THREE.row("partial")
    got = split_glued_lines("（二）部分公开2000002", [(partial.label, *partial.variants)])
    assert got == [(partial.label, "2000002")]


def test_trailing_parent_label_is_dropped_from_the_numbers():
    got = split_glued_lines("（二）部分公开1000001（三）不予公开", [("（二）部分公开",)])
    assert got == [("（二）部分公开", "1000001")]


# ---------------------------------------------------------------- the whole table


def test_sums_pick_the_candidate():
    rules = [SumRule("T", ("a", "b"), ("total",))]
    rows = {"a": [[1, 1], [2, 0]], "b": [[1, 0]], "total": [[3, 0]]}
    result = resolve_table(rows, rules)
    assert result.values == {"a": [2, 0], "b": [1, 0], "total": [3, 0]}
    assert result.ambiguous == {} and result.consistent


def test_still_ambiguous_rows_keep_their_surviving_candidates():
    rules = [SumRule("T", ("a", "b"), ("total",))]
    rows = {"a": [[1], [2]], "b": [[2], [1]], "total": [[3]]}
    result = resolve_table(rows, rules)
    assert result.ambiguous == {"a": [[1], [2]], "b": [[2], [1]]}


def test_inconsistent_published_sums_keep_the_candidates():
    rules = [SumRule("T", ("a",), ("total",))]
    result = resolve_table({"a": [[1], [2]], "total": [[5]]}, rules)
    assert not result.consistent and result.ambiguous == {"a": [[1], [2]]}


def _report_rows(fmt):
    """A consistent table 三: every result row 0 except granted; received = total; nothing carried."""
    n = len(fmt.three.columns)
    rows = {r.code: [0] * n for r in fmt.three.data_rows()}
    rows["granted"] = [12, 1, 0, 0, 0, 0, 13]
    rows["total"] = [12, 1, 0, 0, 0, 0, 13]
    rows["received"] = [12, 1, 0, 0, 0, 0, 13]
    return rows


TRUE, OTHER = [12, 1, 0, 0, 0, 0, 13], [1, 2, 10, 0, 0, 0, 13]  # both glue to "121000013"


@pytest.mark.parametrize("fmt", [FORMAT_2019, FORMAT_2021])
def test_resolve_three_uses_known_rows_and_sums(fmt):
    rows = _report_rows(fmt)
    known = {code: v for code, v in rows.items() if code != "granted"}
    resolved, ambiguous = resolve_three({"granted": "121000013"}, fmt, known=known)
    assert resolved == {"granted": TRUE} and ambiguous == {}


@pytest.mark.parametrize("fmt", [FORMAT_2019, FORMAT_2021])
def test_resolve_three_without_known_rows_reports_the_candidates(fmt):
    resolved, ambiguous = resolve_three({"granted": "121000013"}, fmt)
    assert resolved == {} and ambiguous == {"granted": [OTHER, TRUE]}


def _flattened(rows) -> str:
    return "".join(r.label + "".join(map(str, rows[r.code])) for r in THREE.data_rows())


def test_recover_table_three_from_a_fully_flattened_text():
    rows = _report_rows(FORMAT_2021)
    rows["carried_out"] = [2, 0, 0, 0, 0, 0, 2]
    rows["received"] = [14, 1, 0, 0, 0, 0, 15]  # "141000015" splits one way only
    result = recover_table_three(_flattened(rows), THREE)
    assert result.cells == rows and result.ambiguous == {} and result.consistent


def test_recover_table_three_keeps_what_the_sums_cannot_decide():
    # granted = total = received, all "121000013": the sums hold for either reading
    result = recover_table_three(_flattened(_report_rows(FORMAT_2021)), THREE)
    assert result.ambiguous == {code: [OTHER, TRUE] for code in ("received", "granted", "total")}
    assert result.cells["carried_out"] == [0] * 7


def test_ambiguous_findings_list_candidates_in_chinese():
    (finding,) = ambiguous_findings({"granted": [[1, 1, 2], [11, 0, 11]]}, LABELS)
    assert finding.check == "R.ambiguous_cells"
    assert "“（一）予以公开”" in finding.message and "1|1|2；11|0|11" in finding.message
    assert finding.values == {"candidates": [[1, 1, 2], [11, 0, 11]]}
