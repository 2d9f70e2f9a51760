"""The back office: each role sees its buttons; another agency's drafts are 403/404; bad input is a
Chinese message, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.factories import AgencyFactory, staff
from gongkai.agencies.roles import Role
from gongkai.catalogue import actions
from gongkai.catalogue.factories import ColumnFactory
from gongkai.catalogue.models import Item
from gongkai.catalogue.vocab import ItemStatus

from .conftest import FAKE_ID

pytestmark = pytest.mark.django_db


def url(name, item=None, *args):
    if item is None:
        return reverse(f"catalogue:{name}", args=args)
    return reverse(f"catalogue:{name}", args=[item.agency.code, item.pk, *args])


def test_editor_creates_an_item_through_the_form(client, office):
    client.force_login(office.editor)
    response = client.post(
        reverse("catalogue:create", args=[office.agency.code]),
        {
            "column": office.column.pk,
            "title": "中心召开安全生产会议",
            "body": "会议部署安全生产工作。",
            "disclosure_attribute": "proactive",
        },
    )
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == url("item", item)
    page = client.get(url("item", item)).content.decode()
    assert "提交审核" in page and item.index_number in page


def test_form_errors_are_chinese_per_field_and_keep_input(client, office):
    client.force_login(office.editor)
    response = client.post(
        reverse("catalogue:create", args=[office.agency.code]),
        {
            "column": office.column.pk,
            "title": "关于印发办法的通知",
            "document_number": "示融媒发[2024]3号",
            "disclosure_attribute": "proactive",
            "written_date": "2024-13-40",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "格式不正确" in page
    assert "关于印发办法的通知" in page  # input kept
    response = client.post(
        reverse("catalogue:create", args=[office.agency.code]),
        {
            "column": office.column.pk,
            "title": "关于印发办法的通知",
            "document_number": "示融媒发[2024]3号",
            "disclosure_attribute": "proactive",
        },
    )
    assert "六角括号" in response.content.decode() and Item.objects.count() == 0


def test_an_upload_whose_content_does_not_match_its_name_is_refused_on_the_form(client, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office.editor)
    fake = SimpleUploadedFile("通知.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    response = client.post(
        reverse("catalogue:create", args=[office.agency.code]),
        {
            "column": office.column.pk,
            "title": "通知",
            "disclosure_attribute": "proactive",
            "attachments": [fake],
        },
    )
    assert response.status_code == 200 and "与扩展名" in response.content.decode()
    assert Item.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "buttons", "absent"),
    [
        (Role.FIRST_REVIEWER, ["初审通过</button>", "退回修改</button>"], ["确认可以发布</button>"]),
        (Role.SECOND_REVIEWER, [], ["初审通过</button>", "退回修改</button>"]),
        (Role.EDITOR, [">修改</a>"], ["初审通过</button>", "提交审核</button>"]),
    ],
)
def test_buttons_follow_the_role(client, office, draft, role, buttons, absent):
    item = draft()
    actions.submit_for_review(item, actor=office.editor)
    user = {
        Role.FIRST_REVIEWER: office.first,
        Role.SECOND_REVIEWER: office.second,
        Role.EDITOR: office.editor,
    }[role]
    client.force_login(user)
    page = client.get(url("item", item)).content.decode()
    for b in buttons:
        assert b in page
    for b in absent:
        assert b not in page


def test_another_agencys_drafts_are_neither_seen_nor_changed(client, office, draft):
    item = draft()
    other = AgencyFactory(code="other-agency")
    ColumnFactory(agency=other)
    outsider = staff(other, Role.FINAL_REVIEWER, "outsider")
    client.force_login(outsider)
    assert client.get(url("item", item)).status_code == 403
    assert client.get(reverse("catalogue:items", args=[office.agency.code])).status_code == 403
    assert client.post(url("action", item, "approve")).status_code == 403
    # through their own agency's URL the item does not exist
    assert client.get(reverse("catalogue:item", args=[other.code, item.pk])).status_code == 404
    assert client.post(reverse("catalogue:action", args=[other.code, item.pk, "withdraw"])).status_code == 404
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_anonymous_is_sent_to_login(client, draft):
    item = draft()
    response = client.get(url("item", item))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_stale_version_on_a_button_is_a_message_not_an_overwrite(client, office, draft):
    item = draft()
    client.force_login(office.editor)
    actions.edit_item(item, actor=office.head, version=item.version, title="负责人改过")
    response = client.post(url("action", item, "submit"), {"version": 1}, follow=True)
    assert "已被他人修改" in response.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_edit_form_detects_a_concurrent_edit(client, office, draft):
    item = draft()
    client.force_login(office.editor)
    actions.edit_item(item, actor=office.head, version=item.version, title="负责人改过")
    response = client.post(
        url("edit", item),
        {
            "column": office.column.pk,
            "title": "撰稿人的版本",
            "disclosure_attribute": "proactive",
            "version": 1,
        },
    )
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "负责人改过"


def test_findings_are_shown_inline_and_override_goes_through_the_page(client, office, draft, review_all):
    item = review_all(draft(body=f"当事人身份证号{FAKE_ID}。"))
    client.force_login(office.final)
    page = client.get(url("item", item)).content.decode()
    assert "禁止发布" in page and f'data-code="PD.id_number">{FAKE_ID}</mark>' in page
    response = client.post(
        url("action", item, "override"), {"reason": "", "version": item.version}, follow=True
    )
    assert "请填写理由" in response.content.decode()
    client.post(url("action", item, "override"), {"reason": "虚构号码，经核实", "version": item.version})
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED


def test_unknown_action_and_garbage_input_never_500(client, office, draft):
    item = draft()
    client.force_login(office.head)
    assert client.post(url("action", item, "explode")).status_code == 404
    assert client.post(url("action", item, "schedule"), {"at": "not a date"}, follow=True).status_code == 200
    assert (
        client.post(url("action", item, "validity"), {"validity": "nonsense"}, follow=True).status_code == 200
    )
    assert (
        client.post(url("action", item, "remove_attachment"), {"attachment": "x"}, follow=True).status_code
        == 200
    )
    assert (
        client.get(
            reverse("catalogue:items", args=[office.agency.code]) + "?column=abc&status=zz"
        ).status_code
        == 200
    )


def test_queue_lists_items_for_my_stage(client, office, draft):
    item = draft(title="待初审的信息")
    actions.submit_for_review(item, actor=office.editor)
    client.force_login(office.first)
    page = client.get(reverse("catalogue:queue", args=[office.agency.code])).content.decode()
    assert "待初审的信息" in page and "待我审核" in page


def test_column_tree_editor(client, office):
    client.force_login(office.head)
    columns_url = reverse("catalogue:columns", args=[office.agency.code])
    client.post(columns_url, {"form": "column", "name": "人事任免", "slug": "rsrm", "category": "art20_2"})
    client.post(columns_url, {"form": "column", "name": "人事任免", "slug": "rsrm", "category": "other"})
    page = client.post(
        columns_url, {"form": "column", "name": "重复", "slug": "rsrm", "category": "other"}
    ).content.decode()
    assert "已被使用" in page
    new = office.agency.columns.get(slug="rsrm")
    client.post(columns_url, {"form": "move", "column": new.pk, "direction": "up"})
    assert list(office.agency.columns.order_by("order").values_list("slug", flat=True)) == ["rsrm", "zwdt"]
    client.post(columns_url, {"form": "rename", "column": new.pk, "name": "人事信息"})
    new.refresh_from_db()
    assert new.name == "人事信息"
    page = client.post(
        columns_url, {"form": "workflow", "stage_1": "first_reviewer", "stage_2": "first_reviewer"}
    ).content.decode()
    assert "同一角色" in page
    client.force_login(office.editor)
    assert client.post(columns_url, {"form": "column", "name": "x", "slug": "x"}).status_code == 403


def test_mobile_friendly_page_renders_for_the_supervisor(client, office, draft):
    from gongkai.agencies.roles import AgencyKind

    sup_office = AgencyFactory(code="sup", kind=AgencyKind.SUPERVISOR)
    office.agency.supervisor = sup_office
    office.agency.save()
    supervisor = staff(sup_office, Role.SUPERVISOR, "sup-user")
    item = draft()
    client.force_login(supervisor)
    page = client.get(url("item", item)).content.decode()
    assert item.title in page and "提交审核</button>" not in page


def test_the_edit_form_opens_filled_with_the_item(client, office, draft):
    item = draft()
    client.force_login(office.editor)
    response = client.get(url("edit", item))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{item.title}"' in page and f'name="version" value="{item.version}"' in page
