"""Tables 三 and 四 from cases: they match the cases, and pass every table check of the report
library for any case history (property test)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gongkai.agencies.factories import AgencyFactory
from gongkai.applications import statistics
from gongkai.applications.factories import AppealFactory, ApplicationFactory
from gongkai.applications.models import Application
from gongkai.applications.vocab import AppealKind, AppealResult, AppealRole, ApplicantType, Outcome
from gongkai.report.checks import run_checks
from gongkai.report.formats import expected_format
from gongkai.report.synth import generate_report

D = date.fromisoformat
TABLE_CHECKS = ("T3.shape", "T3.int", "T3.balance", "T3.total_col", "T3.total_row", "T3.extra", "T3.blank",
                "T4.shape", "T4.int", "T4.blank", "T4.review_total", "T4.direct_total", "T4.after_total")  # fmt: skip


def checked(agency, year: int):
    fmt = expected_format(year)
    report = generate_report(year, version=fmt.version, year=year)
    report.three = statistics.table_three(agency, year)
    report.four = statistics.table_four(agency, year)
    return report, run_checks(report)


@pytest.mark.django_db
def test_table_three_counts_cases_by_row_and_applicant_type():
    agency = AgencyFactory(code="t-stat")
    make = ApplicationFactory
    make(agency=agency, received_on=D("2025-11-03"))  # carried in, still open: carried out too
    make(agency=agency, received_on=D("2025-12-20"), outcome="granted", concluded_on=D("2026-01-10"))
    make(agency=agency, received_on=D("2026-02-02"), applicant_type="commercial", outcome="partial",
         concluded_on=D("2026-02-20"))  # fmt: skip
    make(agency=agency, received_on=D("2026-12-28"), applicant_type="legal_services")  # carried out
    make(
        agency=agency,
        received_on=D("2026-12-01"),
        outcome="other_no_correction",
        concluded_on=D("2027-01-01"),
    )
    make(
        agency=agency, received_on=D("2025-03-01"), outcome="granted", concluded_on=D("2025-03-10")
    )  # earlier
    make(agency=AgencyFactory(code="t-elsewhere"), received_on=D("2026-02-02"))  # another agency
    t = statistics.table_three(agency, 2026)
    n = lambda row, col="total": t.number(row, col)  # noqa: E731
    assert (n("received"), n("carried_in"), n("total"), n("carried_out")) == (3, 2, 2, 3)
    assert n("received", "commercial") == 1 and n("received", "legal_services") == 1
    assert n("granted", "natural_person") == 1 and n("partial", "commercial") == 1
    assert n("other_no_correction") == 0  # concluded the day after a period ending 12月31日
    assert t.version == "2021"


@pytest.mark.django_db
def test_subunits_and_the_2019_mapping_of_other_outcomes():
    parent = AgencyFactory(code="t-gov")
    child = AgencyFactory(code="t-dept", parent=parent)
    for outcome in ("other_no_correction", "other_fee_unpaid", "other"):
        ApplicationFactory(
            agency=child, received_on=D("2020-03-02"), outcome=outcome, concluded_on=D("2020-04-01")
        )
    assert statistics.table_three(parent, 2020).number("other", "total") == 0
    t = statistics.table_three(statistics.with_subunits(parent), 2020)
    assert t.version == "2019" and t.number("other", "total") == 3
    assert (
        statistics.table_three(statistics.with_subunits(parent), 2020, version="2021").number(
            "other", "total"
        )
        == 1
    )


@pytest.mark.django_db
def test_table_four_uses_the_co_defendant_rule_and_the_year_end_result():
    agency = AgencyFactory(code="t-four")
    case = ApplicationFactory(agency=agency)
    review = AppealFactory(case=case, kind=AppealKind.RECONSIDERATION, filed_on=D("2026-04-01"),
                           result=AppealResult.UPHELD, decided_on=D("2026-06-01"))  # fmt: skip
    AppealFactory(case=case, kind=AppealKind.SUIT_AFTER_RECONSIDERATION, filed_on=D("2026-06-10"),
                  result=AppealResult.CORRECTED, decided_on=D("2027-02-01"), follows=review)  # fmt: skip
    organ = AgencyFactory(code="t-organ")
    AppealFactory(case=case, agency=organ, kind=AppealKind.SUIT_AFTER_RECONSIDERATION,
                  role=AppealRole.CO_DEFENDANT, filed_on=D("2026-06-10"))  # fmt: skip
    AppealFactory(case=case, kind=AppealKind.DIRECT_SUIT, filed_on=D("2025-06-10"))  # another year
    t = statistics.table_four(agency, 2026)
    assert t.number("reconsideration", "upheld") == 1 and t.number("reconsideration", "total") == 1
    assert t.number("suit_after_reconsideration", "pending") == 1  # decided only in 2027
    assert t.number("direct_suit", "total") == 0
    assert statistics.table_four(organ, 2026).number("suit_after_reconsideration", "total") == 0


OUTCOMES = Outcome.values
days = st.integers(0, 3 * 365)
history = st.lists(
    st.tuples(
        st.sampled_from(ApplicantType.values),
        days,  # received, counted from 2019-01-01 + offset below
        st.one_of(st.none(), st.tuples(st.integers(0, 120), st.sampled_from(OUTCOMES))),
    ),
    max_size=25,
)
appeals = st.lists(
    st.tuples(
        st.sampled_from(AppealKind.values), st.sampled_from(AppealRole.values), days,
        st.sampled_from(AppealResult.values), st.integers(0, 200),
    ),
    max_size=6,
)  # fmt: skip


class TestTablesFromAnyHistory(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(history=history, appeals=appeals, base=st.integers(2019, 2024), offset=st.integers(0, 2))
    def test_tables_pass_every_table_check(self, history, appeals, base, offset):
        agency = AgencyFactory(code="t-prop")
        start = date(base, 1, 1)
        cases = []
        for i, (kind, received, fate) in enumerate(history):
            received_on = start + timedelta(days=received)
            concluded_on, outcome = (None, "")
            if fate is not None:
                concluded_on, outcome = received_on + timedelta(days=fate[0]), fate[1]
            cases.append(Application(
                agency=agency, year=received_on.year, serial=i + 1, case_number=f"p-{i}", tracking_code=f"T{i}",
                channel="in_person", arrived_at=timezone.now(),
                received_on=received_on, applicant_type=kind, request_description="x", delivery_form="paper",
                delivery_method="post", status="closed" if outcome else "in_progress", outcome=outcome,
                concluded_on=concluded_on,
            ))  # fmt: skip
        Application.objects.bulk_create(cases)
        if cases:
            case = Application.objects.filter(agency=agency).first()
            for kind, role, filed, result, later in appeals:
                filed_on = start + timedelta(days=filed)
                AppealFactory(case=case, agency=agency, kind=kind, role=role, filed_on=filed_on, result=result,
                              decided_on=None if result == "pending" else filed_on + timedelta(days=later))  # fmt: skip
        year = base + offset
        _, run = checked(agency, year)
        bad = [f for f in run.errors if f.check.startswith(("T3.", "T4."))]
        assert bad == []
        for check_id in TABLE_CHECKS:
            assert check_id in run.passed or check_id in ("T3.extra", "T3.blank", "T4.blank"), check_id
        received = sum(1 for _, r, _ in history if (start + timedelta(days=r)).year == year)
        assert statistics.table_three(agency, year).number("received", "total") == received
