"""Editing, overrides, warnings, the review loop, publication into the catalogue and the send-back loop."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.annual import actions
from gongkai.annual.document import from_document
from gongkai.annual.errors import ActionError
from gongkai.annual.models import ReportEvent
from gongkai.catalogue.models import Item
from gongkai.catalogue.vocab import ItemStatus
from gongkai.portal import pagecache

from .helpers import TODAY, approved, break_pdf_writer, dismiss_all, fresh, published, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY)


def draft(setting):
    return actions.create_draft(setting.agency, 2026, actor=setting.editor)


def test_an_override_needs_a_reason_and_is_logged_with_before_and_after(setting):
    record = draft(setting)
    with pytest.raises(ActionError) as err:
        actions.override_figure(record, actor=setting.editor, version=record.version, cell="two.licensing.decisions",
                                value="12", reason=" ")  # fmt: skip
    assert err.value.code == "annual.reason_required"
    record = actions.override_figure(record, actor=setting.editor, version=record.version,
                                     cell="two.licensing.decisions", value="12", reason="审批局台账")  # fmt: skip
    assert from_document(record.document).two.number("licensing", "decisions") == 12
    assert record.provenance["two.licensing.decisions"] | {} == record.provenance["two.licensing.decisions"]
    assert record.provenance["two.licensing.decisions"]["source"] == "manual"
    assert record.provenance["two.licensing.decisions"]["prefilled"]["source"] == "manual"
    event = ReportEvent.objects.get(report=record, type="overridden")
    assert event.data["before"] == 0 and event.data["after"] == 12 and event.data["reason"] == "审批局台账"
    assert record.revision == 2


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [
        ("three.received.total", "-1", "annual.value_invalid"),
        ("three.received.total", "1.5", "annual.value_invalid"),
        ("three.received.total", "三", "annual.value_invalid"),
        ("two.administrative_fees.amount", "0.12345", "annual.value_invalid"),
        ("three.nonsense.total", "1", "annual.unknown_cell"),
        ("three.received.total", "0", "annual.unchanged"),
    ],
)
def test_bad_override_values_are_refused_with_a_code(setting, cell, value, code):
    record = draft(setting)
    with pytest.raises(ActionError) as err:
        actions.override_figure(
            record, actor=setting.editor, version=record.version, cell=cell, value=value, reason="x"
        )
    assert err.value.code == code
    assert fresh(record).revision == 1


def test_an_override_that_breaks_the_table_is_an_error_that_blocks_submission(setting):
    record = draft(setting)
    record = actions.override_figure(record, actor=setting.editor, version=record.version,
                                     cell="three.received.natural_person", value="3", reason="补录纸质申请")  # fmt: skip
    assert record.error_count > 0
    assert {f["check"] for f in record.findings if f["severity"] == "error"} >= {"T3.total_col", "T3.balance"}
    record = dismiss_all(record, setting.editor)
    with pytest.raises(ActionError) as err:
        actions.submit(record, actor=setting.editor, version=record.version)
    assert err.value.code == "annual.has_errors"


def test_a_stale_version_is_a_conflict_not_an_overwrite(setting):
    record = draft(setting)
    old_version = record.version
    actions.save_sections(
        record, actor=setting.editor, version=old_version, sections={"problems": "甲的修改。"}
    )
    with pytest.raises(ActionError) as err:
        actions.save_sections(
            record, actor=setting.head, version=old_version, sections={"problems": "乙的修改。"}
        )
    assert err.value.code == "annual.stale_version"
    assert from_document(fresh(record).document).sections["problems"].text == "甲的修改。"


def test_warnings_must_be_explained_before_submission(setting):
    record = draft(setting)
    record = actions.save_sections(record, actor=setting.editor, version=record.version,
                                   sections={"applications": "本年度新收政府信息公开申请9件。"})  # fmt: skip
    warnings = [f for f in record.findings if f["severity"] == "warning"]
    assert any(f["check"] == "X.text_vs_table" for f in warnings)
    with pytest.raises(ActionError) as err:
        actions.submit(record, actor=setting.editor, version=record.version)
    assert err.value.code == "annual.undismissed_warnings"
    with pytest.raises(ActionError):
        actions.dismiss_warning(
            record, actor=setting.editor, version=record.version, key=warnings[0]["key"], reason=""
        )
    record = dismiss_all(record, setting.editor)
    record = actions.submit(record, actor=setting.editor, version=record.version)
    assert record.status == "in_review"


def test_personal_data_in_the_text_blocks_submission(setting):
    record = draft(setting)
    record = actions.save_sections(record, actor=setting.editor, version=record.version,
                                   sections={"problems": "申请人身份证号11010519491231002X。"})  # fmt: skip
    assert any(f["severity"] == "blocking" for f in record.content_findings)
    record = dismiss_all(record, setting.editor)
    with pytest.raises(ActionError) as err:
        actions.submit(record, actor=setting.editor, version=record.version)
    assert err.value.code == "annual.blocking_content"


def test_three_stages_in_order_by_different_people(setting):
    record = submitted(setting)
    with pytest.raises(ActionError) as err:
        actions.approve(record, actor=setting.second, version=record.version)
    assert err.value.code == "annual.not_your_stage"
    record = actions.approve(record, actor=setting.first, version=record.version)
    record = actions.approve(record, actor=setting.second, version=record.version)
    record = actions.approve(record, actor=setting.final, version=record.version)
    assert record.status == "approved"


def test_an_edit_during_review_restarts_it(setting):
    record = submitted(setting)
    record = actions.approve(record, actor=setting.first, version=record.version)
    record = actions.save_sections(
        record, actor=setting.editor, version=record.version, sections={"problems": "改。"}
    )
    assert record.status == "draft" and record.revision == 2
    record = dismiss_all(record, setting.editor)
    record = actions.submit(record, actor=setting.editor, version=record.version)
    with pytest.raises(ActionError) as err:
        actions.approve(record, actor=setting.second, version=record.version)
    assert (
        err.value.code == "annual.not_your_stage"
    )  # the first stage's approval of revision 1 no longer counts


def test_reject_sends_the_report_back_with_a_reason(setting):
    record = submitted(setting)
    record = actions.reject(record, actor=setting.first, version=record.version, reason="请补充监督保障情况")
    assert record.status == "draft"
    assert ReportEvent.objects.filter(
        report=record, type="rejected", data__reason="请补充监督保障情况"
    ).exists()


def test_publication_puts_the_report_in_the_portal_column_with_docx_and_pdf(setting):
    record = published(setting)
    assert record.status == "published" and str(record.published_date) == "2027-01-10"
    item = Item.objects.get(pk=record.catalogue_item_id)
    assert item.status == ItemStatus.PUBLISHED and item.column == setting.column
    assert item.title == "测试区融媒体中心2026年政府信息公开工作年度报告"
    assert sorted(a.kind for a in item.active_attachments()) == ["docx", "pdf"]
    assert "一、总体情况" in item.body
    assert not any(f["check"] == "X.late" for f in record.findings)


def test_publication_attaches_the_typst_pdf_of_the_report(setting, real_pdf):
    record = published(setting)
    item = Item.objects.get(pk=record.catalogue_item_id)
    (pdf,) = [a for a in item.active_attachments() if a.kind == "pdf"]
    assert pdf.size > 10_000 and "一、总体情况" in pdf.extracted_text


@pytest.mark.parametrize("how", ["typst", "font"])
def test_publication_is_refused_when_the_pdf_cannot_be_written(setting, real_pdf, monkeypatch, how):
    record = approved(setting)
    words = break_pdf_writer(monkeypatch, how)
    with pytest.raises(ActionError) as err:
        actions.publish(record, actor=setting.final, version=record.version)
    assert err.value.code == "annual.pdf_failed" and words in err.value.message
    assert fresh(record).status == "approved" and not Item.objects.exists()


def test_publication_needs_the_annual_column(setting):
    setting.column.slug, setting.column.name = "other", "其他"
    setting.column.save()
    record = approved(setting)
    with pytest.raises(ActionError) as err:
        actions.publish(record, actor=setting.final, version=record.version)
    assert err.value.code == "annual.no_annual_column"
    assert fresh(record).status == "approved"


def test_the_send_back_loop(setting):
    record = published(setting)
    with pytest.raises(PermissionDenied):
        actions.send_back(record, actor=setting.other_editor, comment="x")
    with pytest.raises(ActionError):
        actions.send_back(record, actor=setting.supervisor, comment="  ")
    record = actions.send_back(record, actor=setting.supervisor, comment="表三与正文数字不一致，请核改")
    assert record.status == "sent_back"
    record = actions.save_sections(
        record, actor=setting.editor, version=record.version, sections={"problems": "已改正。"}
    )
    record = dismiss_all(record, setting.editor)
    record = actions.submit(record, actor=setting.editor, version=record.version)
    for user in (setting.first, setting.second, setting.final):
        record = actions.approve(record, actor=user, version=record.version)
    record = actions.publish(record, actor=setting.final, version=record.version)
    assert record.status == "published" and str(record.published_date) == "2027-01-10"
    item = Item.objects.get(pk=record.catalogue_item_id)
    assert item.status == ItemStatus.PUBLISHED and "已改正。" in item.body
    assert Item.objects.filter(agency=setting.agency).count() == 1
    types = list(ReportEvent.objects.filter(report=record).values_list("type", flat=True))
    assert types.count("published") == 2 and "sent_back" in types


def test_events_are_append_only(setting):
    record = draft(setting)
    event = ReportEvent.objects.get(report=record)
    with pytest.raises(Exception):  # noqa: B017
        event.save()
    with pytest.raises(Exception):  # noqa: B017
        ReportEvent.objects.all().delete()


def test_the_portal_shows_a_published_report_with_its_official_tables(setting, client):
    record = published(setting)
    item = Item.objects.get(pk=record.catalogue_item_id)
    report = from_document(record.document)
    page = client.get(item.get_absolute_url()).content.decode()
    assert page.count('<table class="official"') == 3
    assert page.count("<h1") == 1  # the item title; the report's own title is left out
    for key, cell in report.three.cells.items():  # every value is printed in its own cell
        assert re.search(rf'data-cell="{re.escape(key)}"[^>]*>{cell.value if cell else ""}</td>', page)
    assert "一、总体情况" in page and 'class="table-scroll"' in page
    # Sent back for correction, the record may hold unpublished edits: the page (once its cached copy
    # goes) shows the published item's text until the corrected report is published again.
    actions.send_back(record, actor=setting.supervisor, comment="请核改")
    pagecache.invalidate()
    page = client.get(item.get_absolute_url()).content.decode()
    assert '<table class="official"' not in page and "一、总体情况" in page
