"""The first draft matches the platform's data: table 二 from the catalogue, tables 三/四 from the cases,
section 二's count and section 六's fee sentence; every number carries its source."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from gongkai.annual import actions
from gongkai.annual.document import from_document
from gongkai.applications.factories import AppealFactory, ApplicationFactory
from gongkai.applications.models import FeeNotice
from gongkai.catalogue import actions as catalogue
from gongkai.catalogue.factories import ColumnFactory

from .helpers import TODAY

pytestmark = pytest.mark.django_db


def publish_item(setting, column, title, written):
    item = catalogue.create_item(
        agency=setting.agency,
        actor=setting.editor,
        column=column,
        title=title,
        body="正文。",
        written_date=written,
    )
    catalogue.submit_for_review(item, actor=setting.editor)
    for user in (setting.first, setting.second, setting.final):
        catalogue.approve(item, actor=user)
    return item


@time_machine.travel(TODAY)
def test_prefill_matches_the_catalogue_the_cases_and_the_fees(setting):
    normative = ColumnFactory(
        agency=setting.agency, name="行政规范性文件", slug="gfxwj", table_two_row="normative_documents"
    )
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)):
        publish_item(setting, normative, "管理办法", dt.date(2026, 5, 20))
        publish_item(setting, normative, "实施细则", dt.date(2026, 5, 25))
    granted = ApplicationFactory(
        agency=setting.agency,
        received_on=dt.date(2026, 3, 2),
        outcome="granted",
        concluded_on=dt.date(2026, 3, 20),
    )
    ApplicationFactory(agency=setting.agency, received_on=dt.date(2026, 12, 20), applicant_type="commercial")
    ApplicationFactory(agency=setting.other, received_on=dt.date(2026, 4, 1))  # another agency: not counted
    AppealFactory(case=granted, filed_on=dt.date(2026, 5, 1))
    FeeNotice.objects.create(
        case=granted, method="per_application", quantity=1, amount=100, calculation="-",
        sent_on=dt.date(2026, 3, 10), paid_on=dt.date(2026, 3, 12),
    )  # fmt: skip

    record = actions.create_draft(setting.agency, 2026, actor=setting.editor)
    report = from_document(record.document)

    assert report.two.number("normative_documents", "issued") == 2
    assert report.two.number("normative_documents", "in_force") == 2
    assert report.three.number("received", "total") == 2
    assert report.three.number("received", "commercial") == 1
    assert report.three.number("granted", "natural_person") == 1
    assert report.three.number("carried_out", "total") == 1
    assert report.four.number("reconsideration", "pending") == 1
    assert record.tables["three"]["received.total"] == 2
    assert "主动公开政府信息共2条" in report.sections["overview"].text
    assert "新收政府信息公开申请2件" in report.sections["applications"].text
    assert "发出收费通知1件，总金额100元，实际收取信息处理费100元" in report.sections["other_matters"].text
    assert record.provenance["two.normative_documents.issued"]["source"] == "catalogue"
    assert record.provenance["three.received.total"]["source"] == "cases"
    assert record.provenance["two.licensing.decisions"]["source"] == "manual"
    assert record.provenance["text.other_matters.fees"]["source"] == "fees"
    assert record.error_count == 0, record.findings
    assert record.events.get().type == "prefilled"


@time_machine.travel(TODAY)
def test_an_empty_agency_gets_a_zero_draft_that_passes_every_error_check(setting):
    record = actions.create_draft(setting.other, 2026, actor=setting.other_editor)
    assert record.error_count == 0
    assert all(v == 0 for v in record.tables["three"].values())
    assert record.status == "draft" and record.revision == 1


@time_machine.travel(TODAY)
def test_a_second_draft_for_the_same_year_is_refused(setting):
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    with pytest.raises(actions.ActionError) as err:
        actions.create_draft(setting.agency, 2026, actor=setting.editor)
    assert err.value.code == "annual.already_exists"


@time_machine.travel(TODAY)
@pytest.mark.parametrize("year", [2018, 2028])
def test_years_without_a_format_or_in_the_future_are_refused(setting, year):
    with pytest.raises(actions.ActionError) as err:
        actions.create_draft(setting.agency, year, actor=setting.editor)
    assert err.value.code == "annual.year_invalid"
