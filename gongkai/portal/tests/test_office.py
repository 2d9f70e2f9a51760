"""Staff see deliveries with their status and last error; the office head manages channels."""

from __future__ import annotations

import pytest

from gongkai.agencies.factories import staff
from gongkai.agencies.roles import Role
from gongkai.portal import actions
from gongkai.portal.models import Channel, Delivery
from gongkai.portal.vocab import DeliveryStatus

pytestmark = [pytest.mark.django_db, pytest.mark.urls("gongkai.portal.tests.urls")]
SECRET = "s3cret-for-tests-0123456789"


def test_staff_see_failed_deliveries_with_their_error(
    client, site, closed_port_url, django_capture_on_commit_callbacks
):
    actions.save_channel(site.agency, actor=site.head, name="新媒体平台", url=closed_port_url, secret=SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        site.publish("关于开展防汛演练的通知")
    editor = staff(site.agency, Role.EDITOR)
    client.force_login(editor)
    html = client.get("/office/channels/").content.decode()
    assert "推送失败，等待重试" in html and "无法连接接收方" in html
    assert "重新推送" not in html  # editors see, the office head acts


def test_head_retries_a_delivery(client, site, closed_port_url, django_capture_on_commit_callbacks):
    actions.save_channel(site.agency, actor=site.head, name="新媒体平台", url=closed_port_url, secret=SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        site.publish("关于开展防汛演练的通知")
    delivery = Delivery.objects.get()
    client.force_login(site.head)
    assert "重新推送" in client.get("/office/channels/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/office/channels/deliveries/{delivery.pk}/retry/", {"version": delivery.version}
        )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.status == DeliveryStatus.FAILED
    # a stale form (old version) is refused with a message, not a 500
    response = client.post(f"/office/channels/deliveries/{delivery.pk}/retry/", {"version": 1}, follow=True)
    assert "已被他人修改" in response.content.decode()


def test_channel_form_shows_chinese_errors_and_saves(client, site):
    client.force_login(site.head)
    url = f"/office/channels/new/{site.agency.code}/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"name": "渠道", "url": "ftp://x", "secret": "short", "enabled": "on"})
    assert bad.status_code == 200 and "推送地址须以 http:// 或 https:// 开头" in bad.content.decode()
    good = client.post(
        url, {"name": "渠道", "url": "https://example.org/hook", "secret": SECRET, "enabled": "on"}
    )
    assert good.status_code == 302
    channel = Channel.objects.get()
    stale = client.post(
        f"/office/channels/{channel.pk}/", {"name": "新名", "url": "https://example.org/hook", "version": 0}
    )
    assert "已被他人修改" in stale.content.decode()


def test_outsiders_are_refused(client, site, other_site):
    client.force_login(other_site.head)
    assert client.get(f"/office/channels/new/{site.agency.code}/").status_code == 403
    client.logout()
    assert client.get("/office/channels/").status_code == 302  # to the login page
