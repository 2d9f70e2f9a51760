"""Pages: the public form and tracking page, the back office, permission boundaries, privacy."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications import actions
from gongkai.applications.models import Application, PersonalDataAccess

pytestmark = pytest.mark.django_db
D = date.fromisoformat
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

FORM = {
    "applicant_kind": "person",
    "name": "李四",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13900139000",
    "email": "lisi@example.org",
    "address": "示范区人民路2号",
    "request_description": "2025年示范区融媒体中心政府采购合同",
    "delivery_form": "electronic",
    "delivery_method": "email",
}


def token(client, code="t-rmt") -> str:
    page = client.get(f"/{code}/apply/").content.decode()
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)


def test_online_form_creates_a_case_and_shows_number_and_tracking_code(client, office, travel):
    travel("2026-09-30")
    response = client.post("/t-rmt/apply/", {**FORM, "idempotency_key": token(client)}, follow=True)
    case = Application.objects.get()
    text = response.content.decode()
    assert case.case_number in text and case.tracking_code in text
    assert case.received_on == D("2026-09-30") and case.due_date == D("2026-11-03")
    assert case.applicant.name == "李四" and case.applicant_type == "natural_person"


def test_double_submit_creates_one_case(client, office, travel):
    travel("2026-03-02")
    data = {**FORM, "idempotency_key": token(client)}
    client.post("/t-rmt/apply/", data)
    client.post("/t-rmt/apply/", data)
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "居民身份证号码不正确"),
        ({"phone": "12345"}, "phone", "联系电话格式不正确"),
        ({"request_description": "预算"}, "request_description", "描述太短"),
        ({"delivery_method": "post", "address": ""}, "address", "请填写通信地址"),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"applicant_kind": "organisation"}, "organisation_type", "请选择组织类别"),
        ({"name": ""}, "name", "请填写此项"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_keeps_what_was_typed(client, office, change, field, message):
    data = {**FORM, "idempotency_key": token(client), **change}
    response = client.post("/t-rmt/apply/", data)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert "2025年示范区融媒体中心政府采购合同" in text or field == "request_description"
    assert Application.objects.count() == 0


def test_identity_document_is_checked_by_content_and_size(client, office, settings, travel):
    travel("2026-03-02")
    fake = SimpleUploadedFile("id.pdf", b"hello, not a pdf", content_type="application/pdf")
    response = client.post("/t-rmt/apply/", {**FORM, "idempotency_key": token(client), "id_document": fake})
    assert "只能是PDF、JPG或PNG格式" in response.content.decode()
    settings.GONGKAI_ID_DOCUMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("id.png", PNG)
    response = client.post("/t-rmt/apply/", {**FORM, "idempotency_key": token(client), "id_document": big})
    assert "不能超过" in response.content.decode()
    settings.GONGKAI_ID_DOCUMENT_MAX_BYTES = 1024
    ok = SimpleUploadedFile("身份证.png", PNG)
    client.post("/t-rmt/apply/", {**FORM, "idempotency_key": token(client), "id_document": ok})
    assert Application.objects.get().applicant.id_document.read(4) == b"\x89PNG"


def test_a_burst_from_one_address_is_queued_not_dropped(client, office, travel):
    travel("2026-03-02")
    for i in range(6):
        data = {**FORM, "idempotency_key": token(client), "request_description": f"文件第{i}号的全文内容"}
        assert client.post("/t-rmt/apply/", data).status_code == 302
    assert Application.objects.count() == 6
    assert Application.objects.filter(queued_for_review=True).count() == 1


def test_tracking_page_shows_status_and_due_date_and_no_personal_data(client, file_case, travel):
    travel("2026-09-18")
    case = file_case()
    response = client.get(
        "/track/", {"case_number": case.case_number, "tracking_code": case.tracking_code.lower()}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "2026年10月22日" in text and "已收到" in text
    for secret in (
        "张三",
        "13800138000",
        "11010519491231002X",
        "zhangsan",
        "人民路",
        case.request_description,
    ):
        assert secret not in text
    wrong = client.get("/track/", {"case_number": case.case_number, "tracking_code": "WRONGCODE"})
    assert wrong.status_code == 404 and "未找到该申请" in wrong.content.decode()


def test_case_page_shows_personal_data_to_handling_staff_and_logs_it(client, file_case, people, travel):
    travel("2026-03-02")
    case = file_case()
    client.force_login(people["editor"])
    text = client.get(f"/office/applications/case/{case.pk}/").content.decode()
    assert "11010519491231002X" in text
    assert PersonalDataAccess.objects.filter(user=people["editor"], application=case).count() == 1


def test_supervisor_sees_the_case_but_not_the_applicant(client, file_case, people, travel):
    travel("2026-03-02")
    case = file_case()
    client.force_login(people["supervisor"])
    response = client.get(f"/office/applications/case/{case.pk}/")
    assert response.status_code == 200
    assert "张三" not in response.content.decode()
    assert not PersonalDataAccess.objects.exists()


def test_outsiders_and_anonymous_users_are_kept_out(client, file_case, people, travel):
    travel("2026-03-02")
    case = file_case()
    assert client.get(f"/office/applications/case/{case.pk}/").status_code == 302
    client.force_login(people["outsider"])
    assert client.get(f"/office/applications/case/{case.pk}/").status_code == 403
    assert (
        client.post(
            f"/office/applications/case/{case.pk}/do/close/", {"close-outcome": "granted"}
        ).status_code
        == 403
    )


def test_case_goes_from_acknowledge_to_a_lettered_close_in_the_back_office(client, file_case, people, travel):
    travel("2026-03-02")
    case = file_case()
    client.force_login(people["editor"])
    r = client.post(
        f"/office/applications/case/{case.pk}/do/acknowledge/", {"acknowledge-version": case.version}
    )
    assert r.status_code == 302
    case.refresh_from_db()
    bad = client.post(
        f"/office/applications/case/{case.pk}/do/close/", {"close-version": case.version, "close-outcome": ""}
    )
    assert bad.status_code == 400 and "请选择" in bad.content.decode()
    stale = client.post(f"/office/applications/case/{case.pk}/do/close/",
                        {"close-version": case.version - 1, "close-outcome": "granted"})  # fmt: skip
    assert stale.status_code == 409 and "刷新" in stale.content.decode()
    ok = client.post(f"/office/applications/case/{case.pk}/do/close/",
                     {"close-version": case.version, "close-outcome": "granted", "close-note": "见附件。"}, follow=True)  # fmt: skip
    assert "已办结" in ok.content.decode()
    letter = case.letters.get()
    download = client.get(f"/office/applications/case/{case.pk}/letters/{letter.pk}.docx")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert PersonalDataAccess.objects.filter(what__contains="答复书").exists()


def test_extension_form_is_for_the_office_head(client, file_case, people, travel):
    travel("2026-03-02")
    case = file_case()
    actions.acknowledge(case, actor=people["editor"])
    client.force_login(people["editor"])
    assert (
        "延期答复（负责人批准）" not in client.get(f"/office/applications/case/{case.pk}/").content.decode()
    )
    r = client.post(f"/office/applications/case/{case.pk}/do/extension/",
                    {"extension-version": case.version + 1, "extension-days": 10, "extension-reason": "量大"})  # fmt: skip
    assert r.status_code == 403
    client.force_login(people["head"])
    r = client.post(f"/office/applications/case/{case.pk}/do/extension/",
                    {"extension-version": case.version + 1, "extension-days": 25, "extension-reason": "量大"})  # fmt: skip
    assert r.status_code == 400 and "最长不得超过20个工作日" in r.content.decode()


def test_staff_intake_needs_the_date_its_channel_counts_from(client, office, people, travel):
    travel("2026-03-06")
    client.force_login(people["editor"])
    data = {**FORM, "agency": "t-rmt", "channel": "post_signed", "arrived_on": "2026-03-04"}
    r = client.post("/office/applications/new/?agency=t-rmt", data)
    assert r.status_code == 400 and "请填写签收日期" in r.content.decode()
    r = client.post("/office/applications/new/?agency=t-rmt", {**data, "signed_on": "2026-03-05"})
    assert r.status_code == 302
    assert Application.objects.get().received_on == D("2026-03-05")


def test_dashboard_lists_overdue_and_due_soon(client, file_case, people, travel):
    travel("2026-02-02")
    overdue = file_case()
    travel("2026-03-02")
    soon = file_case(request_description="另一份文件的名称")
    travel("2026-03-25")
    client.force_login(people["editor"])
    text = client.get("/office/applications/").content.decode()
    assert text.index(overdue.case_number) < text.index("5个工作日内到期") < text.index(soon.case_number)


def test_holidays_page_is_for_administrators(client, people, admin_user, travel):
    travel("2026-03-02")
    client.force_login(people["head"])
    assert client.get("/office/applications/holidays/").status_code == 403
    client.force_login(admin_user)
    assert "2026" in client.get("/office/applications/holidays/?year=2026").content.decode()
    r = client.post("/office/applications/holidays/", {"year": 2027, "public_holidays": "2027-01-01 元旦\n坏行",
                                                        "makeup_workdays": ""})  # fmt: skip
    assert r.status_code == 400 and "第2行" in r.content.decode()
    r = client.post("/office/applications/holidays/", {"year": 2027, "public_holidays": "2027-01-01 元旦",
                                                        "makeup_workdays": "", "note": "先录入元旦"})  # fmt: skip
    assert r.status_code == 302


def test_tables_page_and_template_editor(client, file_case, people, travel):
    travel("2026-03-02")
    case = file_case()
    actions.close_case(case, actor=people["editor"], outcome="granted")
    client.force_login(people["head"])
    text = client.get("/office/applications/tables/?agency=t-rmt&year=2026").content.decode()
    assert "（一）予以公开" in text and "结果维持" in text
    r = client.post("/office/applications/templates/t-rmt/granted/",
                    {"title": "答复书", "legal_basis": "条例", "body": "{{申请人}}{{未知}}"})  # fmt: skip
    assert r.status_code == 400 and "无法识别" in r.content.decode()
    client.force_login(people["editor"])
    assert client.get("/office/applications/templates/t-rmt/granted/").status_code == 403
