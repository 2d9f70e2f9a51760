"""A report published before the platform (imported) goes into the portal's 年报 column as a catalogue
item submitted for the catalogue's own review: nothing is replayed, the agency's reviewers approve it
as any other item, and once published the portal shows it with its official tables."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from gongkai.annual import actions
from gongkai.annual.errors import ActionError
from gongkai.annual.models import ReportEvent
from gongkai.catalogue import actions as catalogue
from gongkai.catalogue.models import Item
from gongkai.catalogue.vocab import ItemStatus
from gongkai.report.synth import generate_report
from gongkai.report.writers import render

from .helpers import TODAY, fresh, published

pytestmark = pytest.mark.django_db

PAGE = "/office/annual/csq-rmt/2025/"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY)


def imported(setting, year: int = 2025):
    data = render(generate_report(3, year=year, agency=setting.agency.name), "html")
    return actions.import_report(setting.agency, actor=setting.editor, data=data, filename=f"{year}年报.html")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the action -----------------------------------------------------------------------------------------


def test_an_imported_report_becomes_a_catalogue_item_in_review_not_published(setting):
    record = imported(setting)
    version = record.version
    record = actions.add_to_portal(record, actor=setting.head, version=version)
    item = Item.objects.get(pk=record.catalogue_item_id)
    assert item.status == ItemStatus.IN_REVIEW and item.column == setting.column
    assert item.title == "测试区融媒体中心2025年政府信息公开工作年度报告"
    assert sorted(a.kind for a in item.active_attachments()) == ["docx", "pdf"]
    assert "一、总体情况" in item.body and item.created_by == setting.head
    assert not item.reviews.exists()  # no approval replayed: the report never passed the platform's review
    assert record.status == "published" and record.version == version + 1
    event = ReportEvent.objects.get(report=record, type="added_to_portal")
    assert event.actor == setting.head and event.data["index_number"] == item.index_number
    assert fresh(record).catalogue_item_id == item.pk


def test_after_the_catalogue_review_the_portal_shows_the_official_tables(setting, client):
    record = actions.add_to_portal(imported(setting), actor=setting.head)
    item = record.catalogue_item
    assert client.get(item.get_absolute_url()).status_code == 404  # not public while in review
    for user in (setting.first, setting.second, setting.final):
        catalogue.approve(item, actor=user)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    page = client.get(item.get_absolute_url()).content.decode()
    assert page.count('<table class="official"') == 3
    assert "测试区融媒体中心2025年政府信息公开工作年度报告" in client.get("/csq-rmt/annual/").content.decode()


def test_a_final_reviewer_adds_it_and_the_importer_drafts_the_item(setting):
    """The final reviewer may publish the report but not draft catalogue items: the importer drafts it."""
    record = actions.add_to_portal(imported(setting), actor=setting.final)
    assert record.catalogue_item.created_by == setting.editor
    assert ReportEvent.objects.get(report=record, type="added_to_portal").actor == setting.final


def test_refused_without_the_permission_to_publish(setting):
    record = imported(setting)
    for user in (setting.editor, setting.first, setting.other_editor, setting.supervisor):
        with pytest.raises(PermissionDenied):
            actions.add_to_portal(record, actor=user)
    assert fresh(record).catalogue_item_id is None and not Item.objects.exists()


def test_refused_when_the_report_is_not_published(setting):
    record = actions.create_draft(setting.agency, 2026, actor=setting.editor)
    with pytest.raises(ActionError) as err:
        actions.add_to_portal(record, actor=setting.head)
    assert err.value.code == "annual.not_published" and "起草中" in err.value.message
    assert not Item.objects.exists()


def test_refused_when_already_in_the_catalogue(setting):
    record = actions.add_to_portal(imported(setting), actor=setting.head)
    with pytest.raises(ActionError) as err:
        actions.add_to_portal(record, actor=setting.head)
    assert err.value.code == "annual.already_in_catalogue"
    assert record.catalogue_item.index_number in err.value.message and "审核中" in err.value.message
    platform = published(setting)  # drafted and published here: already in the portal
    with pytest.raises(ActionError) as err:
        actions.add_to_portal(platform, actor=setting.head)
    assert err.value.code == "annual.already_in_catalogue"
    assert Item.objects.count() == 2
    assert ReportEvent.objects.filter(type="added_to_portal").count() == 1


def test_refused_with_a_stale_version(setting):
    record = imported(setting)
    with pytest.raises(ActionError) as err:
        actions.add_to_portal(record, actor=setting.head, version=record.version + 1)
    assert err.value.code == "annual.stale_version" and not Item.objects.exists()


def test_refused_without_the_annual_column(setting):
    setting.column.slug, setting.column.name = "other", "其他"
    setting.column.save()
    record = imported(setting)
    with pytest.raises(ActionError) as err:
        actions.add_to_portal(record, actor=setting.head)
    assert err.value.code == "annual.no_annual_column"
    assert fresh(record).catalogue_item_id is None


# --- the page -------------------------------------------------------------------------------------------


def test_the_button_is_shown_only_when_the_action_applies(setting):
    record = imported(setting)
    assert 'id="add-to-portal"' in client_for(setting.head).get(PAGE).content.decode()
    assert 'id="add-to-portal"' in client_for(setting.final).get(PAGE).content.decode()
    assert 'id="add-to-portal"' not in client_for(setting.editor).get(PAGE).content.decode()
    actions.add_to_portal(record, actor=setting.head)
    page = client_for(setting.head).get(PAGE).content.decode()
    assert 'id="add-to-portal"' not in page and 'id="catalogue-link"' in page and "审核中" in page
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    page = client_for(setting.head).get("/office/annual/csq-rmt/2026/").content.decode()
    assert 'id="add-to-portal"' not in page


def test_the_button_posts_and_says_what_happens_next(setting):
    record = imported(setting)
    response = client_for(setting.head).post(
        PAGE + "add-to-portal/", {"version": record.version}, follow=True
    )
    assert response.redirect_chain == [(PAGE, 302)]
    assert "已放入公开目录" in response.content.decode()
    assert Item.objects.get(pk=fresh(record).catalogue_item_id).status == ItemStatus.IN_REVIEW


def test_a_refusal_is_a_message_never_a_500(setting):
    record = imported(setting)
    actions.add_to_portal(record, actor=setting.head)
    response = client_for(setting.head).post(PAGE + "add-to-portal/", {"version": ""}, follow=True)
    assert response.status_code == 200 and "不能重复放入" in response.content.decode()
    stale = client_for(setting.head).post(PAGE + "add-to-portal/", {"version": "1"}, follow=True)
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()
    assert client_for(setting.editor).post(PAGE + "add-to-portal/").status_code == 403
    assert client_for(setting.head).get(PAGE + "add-to-portal/").status_code == 405
    assert Item.objects.count() == 1


def test_the_form_carries_a_csrf_token(setting):
    imported(setting)
    client = Client(enforce_csrf_checks=True)
    client.force_login(setting.head)
    page = client.get(PAGE).content.decode()
    form = page[page.index('id="add-to-portal"') :]
    assert 'name="csrfmiddlewaretoken"' in form[: form.index("</form>")]
    assert client.post(PAGE + "add-to-portal/").status_code == 403  # no token
