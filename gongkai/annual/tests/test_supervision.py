"""The supervising office: statuses and lateness by the calendar (art. 49 and local dates), the aggregate
equal to the sum of its parts, year-over-year figures and similarity flags."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual import actions, aggregate, similarity, supervise
from gongkai.annual.document import TABLES
from gongkai.report.synth import generate_report, mutate_cell, set_section_text

from .helpers import TODAY, published

pytestmark = pytest.mark.django_db


def statuses(setting, year=2026):
    today = timezone.localdate()
    rows = supervise.rows(setting.office, year, today, supervise.Query(sort="name"))
    return {a.code: a.display for a in rows}


def import_synth(setting, agency, seed, year, published_date=None, **changes):
    from gongkai.report.writers import render

    report = generate_report(seed, year=year, agency=agency.name)
    report.published_date = published_date
    data = render(report, "json")
    return actions.import_report(agency, actor=setting.supervisor, data=data, filename=f"{agency.code}-{year}.json",
                                 published_date=published_date)  # fmt: skip


@pytest.mark.parametrize(
    ("today", "department", "government"),
    [
        ("2027-01-31", "drafting", "not_started"),  # the deadline day itself is still on time
        ("2027-02-01", "late", "not_started"),  # a department's unpublished report is late from 1 February
        ("2027-03-31", "late", "not_started"),
        ("2027-04-01", "late", "late"),  # a government's from 1 April
    ],
)
def test_late_is_flagged_from_the_day_after_the_deadline(
    setting, time_machine, today, department, government
):
    time_machine.move_to(TODAY)
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    time_machine.move_to(dt.datetime.fromisoformat(today + "T10:00+08:00"))
    found = statuses(setting)
    assert found["csq-rmt"] == department
    assert found["csq"] == government


def test_on_1_february_the_report_check_also_says_late(setting, time_machine):
    time_machine.move_to(TODAY)
    record = actions.create_draft(setting.agency, 2026, actor=setting.editor)
    time_machine.move_to(dt.datetime(2027, 2, 1, 10, tzinfo=dt.UTC))
    record = actions.save_sections(
        record, actor=setting.editor, version=record.version, sections={"problems": "改。"}
    )
    late = [f for f in record.findings if f["check"] == "X.late"]
    assert late and "2027年1月31日" in late[0]["message"]


def test_a_stricter_local_deadline_applies(setting, time_machine):
    time_machine.move_to(TODAY)
    actions.set_deadline(setting.office, actor=setting.supervisor, year=2026, department=dt.date(2027, 1, 20),
                         government=None, township=None, rule="测试区政务公开办通知")  # fmt: skip
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    time_machine.move_to(dt.datetime(2027, 1, 21, 10, tzinfo=dt.UTC))
    assert statuses(setting)["csq-rmt"] == "late"
    with pytest.raises(actions.ActionError):
        actions.set_deadline(setting.office, actor=setting.supervisor, year=2026, department=dt.date(2020, 1, 1),
                             government=None, township=None)  # fmt: skip


def test_published_on_time_and_published_late(setting, time_machine):
    time_machine.move_to(TODAY)
    published(setting)
    import_synth(setting, setting.other, 1, 2026, dt.date(2027, 2, 3))
    found = statuses(setting)
    assert found["csq-rmt"] == "published" and found["csq-jyj"] == "late"
    counts = supervise.counts(setting.office, 2026, dt.date(2027, 1, 10))
    assert counts["published"] == 1 and counts["late"] == 1 and counts["total"] == 3


cell_values = st.integers(min_value=0, max_value=10_000)
parts = st.lists(
    st.fixed_dictionaries(
        {
            "two": st.fixed_dictionaries(
                {
                    "rules.issued": cell_values,
                    "administrative_fees.amount": st.decimals(0, 1000, places=4).map(str),
                }
            ),
            "three": st.fixed_dictionaries(
                {"received.total": cell_values | st.none(), "total.total": cell_values}
            ),
            "four": st.fixed_dictionaries({"reconsideration.total": cell_values}),
        }
    ),  # fmt: skip
    max_size=12,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts)
def test_the_aggregate_is_the_sum_of_the_parts(parts):
    sums = aggregate.sum_tables(parts)
    for name in TABLES:
        keys = {k for p in parts for k in p[name]}
        for key in keys:
            expected = sum(
                (Decimal(p[name][key]) if isinstance(p[name][key], str) else p[name][key])
                for p in parts
                if p[name].get(key) is not None
            )
            assert sums[name].get(key, 0) == expected


def test_the_office_aggregate_equals_the_sum_of_its_agencies_reports(setting, time_machine):
    time_machine.move_to(TODAY)
    a = import_synth(setting, setting.agency, 11, 2025, dt.date(2026, 1, 20))
    b = import_synth(setting, setting.other, 12, 2025, dt.date(2026, 1, 21))
    c = import_synth(setting, setting.government, 13, 2025, dt.date(2026, 3, 1))
    agg = aggregate.aggregate(setting.office, 2025)
    assert agg.count == 3
    for name in TABLES:
        for key in a.tables[name]:
            values = [r.tables[name][key] for r in (a, b, c)]
            total = sum(Decimal(v) if isinstance(v, str) else v for v in values if v is not None)
            assert agg.sums[name][key] == total
    drill = aggregate.drill_down(setting.office, 2025, "three.received.total")
    assert sum(r["value"] for r in drill) == agg.sums["three"]["received.total"]
    yoy = aggregate.year_over_year(setting.office, 2025)
    assert yoy["totals"]["received"][2025] == agg.sums["three"]["received.total"]


def test_similarity_flags_a_copied_report_and_two_agencies_with_the_same_text(setting, time_machine):
    from gongkai.report.writers import render

    time_machine.move_to(TODAY)
    last = generate_report(5, year=2025, agency=setting.agency.name)
    actions.import_report(
        setting.agency, actor=setting.supervisor, data=render(last, "json"), filename="a.json"
    )
    copied = mutate_cell(last, "three", "received.natural_person", 0)
    copied.year, copied.title = 2026, f"{setting.agency.name}2026年政府信息公开工作年度报告"
    record = actions.import_report(setting.agency, actor=setting.supervisor, data=render(copied, "json"),
                                   filename="b.json")  # fmt: skip
    assert any(f["check"] == "X.similarity" for f in record.findings)
    twin = set_section_text(copied, "problems", copied.sections["problems"].text)
    twin.agency, twin.title = setting.other.name, f"{setting.other.name}2026年政府信息公开工作年度报告"
    actions.import_report(
        setting.other, actor=setting.supervisor, data=render(twin, "json"), filename="c.json"
    )
    found = similarity.flags(setting.office, 2026, Decimal("0.8"))
    assert [p.record["agency__code"] for p in found["cross_year"]] == ["csq-rmt"]
    assert len(found["same_year"]) == 1


def test_overseen_agencies_are_those_naming_the_office_and_their_subtrees(setting):
    from gongkai.agencies.factories import AgencyFactory
    from gongkai.agencies.models import Agency

    AgencyFactory(name="测试区教育局某学校", code="csq-jyj-xx", parent=setting.other)  # names no supervisor
    AgencyFactory(name="无关机关", code="wg")
    naming = Agency.objects.filter(supervisor=setting.office)
    expected = {a.pk for a in Agency.objects.all() if any(a.path.startswith(n.path) for n in naming)}
    assert set(supervise.overseen(setting.office).values_list("pk", flat=True)) == expected
    assert len(expected) == 4
