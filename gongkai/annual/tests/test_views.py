"""The pages: an agency's own report only, the editor's form round trip, the conflict message, the
supervisor's table (sort, filter, export) and the aggregate pages — never a 500 on bad input."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

from gongkai.annual import actions
from gongkai.annual.document import from_document

from .helpers import TODAY, approved, break_pdf_writer, fresh, published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_agency_never_sees_another_agencys_draft(setting):
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    assert client_for(setting.other_editor).get("/office/annual/csq-rmt/2026/").status_code == 403
    assert client_for(setting.editor).get("/office/annual/csq-rmt/2026/").status_code == 200
    assert client_for(setting.supervisor).get("/office/annual/csq-rmt/2026/").status_code == 200


def test_supervisors_see_only_agencies_they_oversee(setting):
    from gongkai.agencies.factories import AgencyFactory, staff
    from gongkai.agencies.roles import AgencyKind, Role

    elsewhere = AgencyFactory(name="外区政务公开办", code="wq-gkb", kind=AgencyKind.SUPERVISOR)
    AgencyFactory(name="外区教育局", code="wq-jyj", supervisor=elsewhere)
    outsider = staff(elsewhere, Role.SUPERVISOR, "w-sup")
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    assert client_for(outsider).get("/office/annual/csq-rmt/2026/").status_code == 403
    page = client_for(outsider).get("/office/annual/supervise/2026/").content.decode()
    assert "外区教育局" in page and "测试区融媒体中心" not in page
    page = client_for(setting.supervisor).get("/office/annual/supervise/2026/?office=wq-gkb").content.decode()
    assert "外区教育局" not in page
    assert client_for(setting.editor).get("/office/annual/supervise/2026/").status_code == 403


def test_draft_edit_and_conflict_through_the_pages(setting):
    editor = client_for(setting.editor)
    response = editor.post("/office/annual/csq-rmt/draft/", {"year": "2026"})
    assert response.status_code == 302
    record = setting.agency.annual_reports.get()
    page = editor.get("/office/annual/csq-rmt/2026/").content.decode()
    assert "检查结果" in page and "统计数字的来源" in page and "依申请公开案件" in page
    response = editor.post("/office/annual/csq-rmt/2026/sections/",
                           {"version": record.version, "section-problems": "网页修改。"})  # fmt: skip
    assert response.status_code == 302
    assert from_document(fresh(record).document).sections["problems"].text == "网页修改。"
    response = editor.post("/office/annual/csq-rmt/2026/sections/",
                           {"version": record.version, "section-problems": "过期的修改。"})  # fmt: skip
    assert response.status_code == 409
    text = response.content.decode()
    assert "已被他人修改" in text and "过期的修改。" in text
    assert from_document(fresh(record).document).sections["problems"].text == "网页修改。"


@pytest.mark.parametrize(
    "data",
    [
        {"cell": "three.received.total", "value": "abc", "reason": "x"},
        {"cell": "nope", "value": "1", "reason": "x"},
        {"cell": "three.received.total", "value": "1", "reason": ""},
        {"version": "not-a-number", "cell": "three.received.total", "value": "1", "reason": "x"},
        {},
    ],
)
def test_bad_override_input_gives_a_message_not_a_500(setting, data):
    record = actions.create_draft(setting.agency, 2026, actor=setting.editor)
    data = {"version": record.version} | data
    response = client_for(setting.editor).post("/office/annual/csq-rmt/2026/override/", data, follow=True)
    assert response.status_code == 200
    assert response.context["messages"] and fresh(record).revision == 1


def test_bad_import_file_gives_a_message(setting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(setting.editor).post(
        "/office/annual/csq-rmt/import/",
        {"file": SimpleUploadedFile("坏.docx", b"PK\x03\x04garbage")},
        follow=True,
    )
    assert response.status_code == 200
    assert "无法作为年度报告读取" in response.content.decode()


def test_supervisor_table_sorts_filters_and_exports(setting):
    published(setting)
    actions.create_draft(setting.other, 2026, actor=setting.other_editor)
    sup = client_for(setting.supervisor)
    page = sup.get("/office/annual/supervise/2026/?sort=name").content.decode()
    assert page.index("测试区人民政府") < page.index("测试区教育局") < page.index("测试区融媒体中心")
    page = sup.get("/office/annual/supervise/2026/?status=published").content.decode()
    assert "测试区融媒体中心" in page and "测试区教育局" not in page
    page = sup.get("/office/annual/supervise/2026/?sort=bogus&status=bogus&kind=x&page=999").content.decode()
    assert "测试区教育局" in page
    response = sup.get("/office/annual/supervise/2026/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["测试区融媒体中心"][2] == "已发布" and rows["测试区教育局"][2] == "起草中"
    assert rows["测试区人民政府"][2] == "未开始"


def test_supervisor_sends_back_from_the_table_and_the_agency_sees_the_comment(setting):
    record = published(setting)
    sup = client_for(setting.supervisor)
    sup.post("/office/annual/csq-rmt/2026/send-back/",
             {"comment": "请补充第六部分", "next": "/office/annual/supervise/2026/"})  # fmt: skip
    assert fresh(record).status == "sent_back"
    page = client_for(setting.editor).get("/office/annual/csq-rmt/2026/").content.decode()
    assert "主管部门退回意见" in page and "请补充第六部分" in page


def test_aggregate_and_similarity_pages_render(setting):
    published(setting)
    sup = client_for(setting.supervisor)
    page = sup.get("/office/annual/supervise/2026/tables/?cell=three.received.total").content.decode()
    assert "<svg" in page and 'id="table-three"' in page and "测试区融媒体中心" in page
    assert sup.get("/office/annual/supervise/2026/tables/?cell=bogus").status_code == 200
    assert sup.get("/office/annual/supervise/2026/similarity/?threshold=zzz").status_code == 200
    assert sup.get("/office/annual/supervise/2026/deadlines/").status_code == 200
    assert sup.get("/office/annual/supervise/1900/").status_code == 404


def test_downloads(setting):
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    editor = client_for(setting.editor)
    assert editor.get("/office/annual/csq-rmt/2026/report.docx").content[:2] == b"PK"
    assert b"<!DOCTYPE html>" in editor.get("/office/annual/csq-rmt/2026/report.html").content
    assert editor.get("/office/annual/csq-rmt/2026/report.exe").status_code == 404


def test_the_pdf_download_is_the_typst_pdf(setting, real_pdf):
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    response = client_for(setting.editor).get("/office/annual/csq-rmt/2026/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("how", ["typst", "font"])
def test_a_pdf_that_cannot_be_written_is_a_message_on_the_report_page_never_a_500(
    setting, real_pdf, monkeypatch, how
):
    words = break_pdf_writer(monkeypatch, how)
    actions.create_draft(setting.agency, 2026, actor=setting.editor)
    response = client_for(setting.editor).get("/office/annual/csq-rmt/2026/report.pdf", follow=True)
    assert response.redirect_chain == [("/office/annual/csq-rmt/2026/", 302)]
    page = response.content.decode()
    assert response.status_code == 200 and "年度报告的PDF文件未能生成" in page and words in page


@pytest.mark.parametrize("how", ["typst", "font"])
def test_publishing_when_the_pdf_cannot_be_written_is_refused_with_a_message(
    setting, real_pdf, monkeypatch, how
):
    from gongkai.catalogue.models import Item

    record = approved(setting)
    words = break_pdf_writer(monkeypatch, how)
    response = client_for(setting.final).post(
        "/office/annual/csq-rmt/2026/publish/", {"version": record.version}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200 and "年度报告的PDF文件未能生成" in page and words in page
    assert fresh(record).status == "approved" and not Item.objects.exists()
