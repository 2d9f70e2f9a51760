"""Properties over many synthetic reports: valid reports raise nothing; a broken table-三 cell is named."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.checks import run_checks
from gongkai.report.formats import FORMATS
from gongkai.report.synth import generate_report, mutate_cell

VERSIONS = st.sampled_from(sorted(FORMATS))


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), version=VERSIONS, all_zero=st.booleans())
def test_valid_reports_give_no_error_findings(seed, version, all_zero):
    report = generate_report(seed, version=version, all_zero=all_zero)
    run = run_checks(report)
    assert run.errors == [], [f.message for f in run.errors]
    # the generator's prose is consistent too, so the text heuristics stay quiet
    assert run.warnings == [], [f.message for f in run.warnings]


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    version=VERSIONS,
    data=st.data(),
    delta=st.integers(1, 50),
)
def test_any_changed_table_three_cell_is_named_by_an_error(seed, version, data, delta):
    report = generate_report(seed, version=version)
    fmt = FORMATS[version]
    row = data.draw(st.sampled_from([r for r in fmt.three.data_rows()]))
    col = data.draw(st.sampled_from(list(fmt.three.columns)))
    key = f"{row.code}.{col.code}"
    broken = mutate_cell(report, "three", key, delta)
    errors = run_checks(broken).errors
    naming = [f for f in errors if key in f.location.get("cells", [])]
    assert naming, f"no error names {key}"
    assert any(row.label in f.message or col.label in f.message for f in naming)
    assert all(f.check.startswith("T3.") for f in errors)
