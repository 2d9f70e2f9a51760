"""Channels: each publication becomes one delivery per enabled channel; the webhook is signed,
retried with exponential back-off, and gives up after the configured number of attempts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.agencies.factories import staff
from gongkai.agencies.roles import Role
from gongkai.portal import actions
from gongkai.portal.channels.webhook import SIGNATURE_HEADER, verify
from gongkai.portal.errors import ActionError, ErrorCode
from gongkai.portal.models import ChannelEvent, Delivery
from gongkai.portal.vocab import DeliveryStatus, EventType

pytestmark = pytest.mark.django_db
SECRET = "s3cret-for-tests-0123456789"


@pytest.fixture
def channel(site, receiver):
    return actions.save_channel(
        site.agency, actor=site.head, name="市政务新媒体平台", url=receiver.url, secret=SECRET
    )


def publish(site, django_capture_on_commit_callbacks, title="关于开展防汛演练的通知"):
    with django_capture_on_commit_callbacks(execute=True):
        return site.publish(title, "各单位按要求参加。")


def test_publishing_delivers_a_signed_json_post(site, channel, receiver, django_capture_on_commit_callbacks):
    item = publish(site, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(item=item)
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
    request = receiver.requests[0]
    assert verify(request["body"], SECRET, request["headers"][SIGNATURE_HEADER])
    assert not verify(request["body"], "another-secret-0123456789", request["headers"][SIGNATURE_HEADER])
    payload = receiver.json()
    assert payload["index_number"] == item.index_number
    assert payload["title"] == "关于开展防汛演练的通知"
    assert payload["url"].endswith(item.get_absolute_url())
    assert payload["delivery"] == delivery.pk
    types = list(ChannelEvent.objects.filter(delivery=delivery).values_list("type", flat=True))
    assert types == [EventType.DELIVERY_QUEUED, EventType.DELIVERY_SENT]


def test_one_delivery_per_enabled_channel(
    site, channel, receiver, closed_port_url, django_capture_on_commit_callbacks
):
    actions.save_channel(
        site.agency, actor=site.head, name="停用的渠道", url=closed_port_url, secret=SECRET, enabled=False
    )
    actions.save_channel(site.agency, actor=site.head, name="第二渠道", url=receiver.url, secret=SECRET)
    item = publish(site, django_capture_on_commit_callbacks)
    assert Delivery.objects.filter(item=item).count() == 2
    assert len(receiver.requests) == 2


def test_other_agencies_channels_are_not_used(site, other_site, receiver, django_capture_on_commit_callbacks):
    actions.save_channel(
        other_site.agency, actor=other_site.head, name="教育局渠道", url=receiver.url, secret=SECRET
    )
    publish(site, django_capture_on_commit_callbacks)
    assert Delivery.objects.count() == 0 and receiver.requests == []


def test_receiver_error_schedules_a_retry_with_backoff(
    site, channel, receiver, settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_CHANNEL_RETRY_BASE_SECONDS = 60
    receiver.status = 500
    start = timezone.now()
    item = publish(site, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(item=item)
    assert delivery.status == DeliveryStatus.FAILED
    assert "HTTP 500" in delivery.last_error and "服务暂不可用" in delivery.last_error
    assert dt.timedelta(seconds=59) <= delivery.next_attempt_at - start <= dt.timedelta(seconds=75)

    # not due yet: nothing is sent
    assert actions.deliver_due()[DeliveryStatus.FAILED] == 0
    assert len(receiver.requests) == 1
    with time_machine.travel(delivery.next_attempt_at + dt.timedelta(seconds=1)):
        actions.deliver_due()
        delivery.refresh_from_db()
        assert delivery.attempts == 2 and delivery.status == DeliveryStatus.FAILED
        # the second wait is twice the first
        waited = delivery.next_attempt_at - delivery.last_attempt_at
        assert waited == dt.timedelta(seconds=120)
    receiver.status = 200
    with time_machine.travel(delivery.next_attempt_at + dt.timedelta(seconds=1)):
        assert actions.deliver_due()[DeliveryStatus.SENT] == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.last_error == ""


def test_receiver_down_keeps_the_error(site, closed_port_url, django_capture_on_commit_callbacks):
    actions.save_channel(
        site.agency, actor=site.head, name="已关闭的接收方", url=closed_port_url, secret=SECRET
    )
    item = publish(site, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(item=item)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error.startswith("无法连接接收方")
    event = ChannelEvent.objects.get(delivery=delivery, type=EventType.DELIVERY_FAILED)
    assert event.data["error"] == delivery.last_error


def test_gives_up_after_the_last_attempt_and_staff_can_retry(
    site, closed_port_url, receiver, settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_CHANNEL_MAX_ATTEMPTS = 3
    channel = actions.save_channel(
        site.agency, actor=site.head, name="渠道", url=closed_port_url, secret=SECRET
    )
    item = publish(site, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(item=item)
    for _ in range(2):
        actions.attempt_delivery(delivery.pk, force=True)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP and delivery.attempts == 3
    assert delivery.next_attempt_at is None
    assert actions.attempt_delivery(delivery.pk, force=True).attempts == 3  # no more attempts

    # the receiver is back: staff fix the URL and retry by hand
    channel = actions.save_channel(
        site.agency,
        actor=site.head,
        name="渠道",
        url=receiver.url,
        secret="",
        channel=channel,
        version=channel.version,
    )
    assert channel.config["secret"] == SECRET  # a blank secret keeps the old one
    with django_capture_on_commit_callbacks(execute=True):
        actions.retry_delivery(delivery, actor=site.head, version=delivery.version)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert verify(receiver.requests[0]["body"], SECRET, receiver.requests[0]["headers"][SIGNATURE_HEADER])


def test_a_sent_delivery_cannot_be_retried(site, channel, django_capture_on_commit_callbacks):
    item = publish(site, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(item=item)
    with pytest.raises(ActionError) as error:
        actions.retry_delivery(delivery, actor=site.head)
    assert error.value.code == ErrorCode.DELIVERY_NOT_RETRYABLE
    assert "已推送" in error.value.message


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"name": " "}, ErrorCode.CHANNEL_NAME_REQUIRED),
        ({"url": "ftp://example.org/x"}, ErrorCode.CHANNEL_URL_INVALID),
        ({"url": "javascript:alert(1)"}, ErrorCode.CHANNEL_URL_INVALID),
        ({"secret": "short"}, ErrorCode.CHANNEL_SECRET_TOO_SHORT),
        ({"kind": "wechat"}, ErrorCode.CHANNEL_KIND_UNSUPPORTED),
    ],
)
def test_channel_validation(site, values, code):
    fields = {"name": "渠道", "url": "https://example.org/hook", "secret": SECRET, **values}
    with pytest.raises(ActionError) as error:
        actions.save_channel(site.agency, actor=site.head, **fields)
    assert error.value.code == code


def test_concurrent_channel_edits_are_detected(site, channel):
    actions.save_channel(
        site.agency,
        actor=site.head,
        name="新名称",
        url=channel.config["url"],
        secret="",
        channel=channel,
        version=1,
    )
    with pytest.raises(ActionError) as error:
        actions.save_channel(
            site.agency,
            actor=site.head,
            name="另一个名称",
            url=channel.config["url"],
            secret="",
            channel=channel,
            version=1,
        )
    assert error.value.code == ErrorCode.STALE_VERSION
    event = ChannelEvent.objects.filter(type=EventType.CHANNEL_UPDATED).get()
    assert event.data["changed"] == {"name": ["市政务新媒体平台", "新名称"]}


@pytest.mark.parametrize("role", [Role.EDITOR, Role.FINAL_REVIEWER])
def test_only_the_office_head_manages_channels(site, role):
    user = staff(site.agency, role)
    with pytest.raises(PermissionDenied):
        actions.save_channel(
            site.agency, actor=user, name="渠道", url="https://example.org/hook", secret=SECRET
        )


def test_deliver_pending_command(site, closed_port_url, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    actions.save_channel(site.agency, actor=site.head, name="渠道", url=closed_port_url, secret=SECRET)
    item = publish(site, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(item=item)
    with time_machine.travel(delivery.next_attempt_at + dt.timedelta(seconds=1)):
        call_command("deliver_pending")
    delivery.refresh_from_db()
    assert delivery.attempts == 2


def test_channel_events_are_append_only(channel):
    from gongkai.platform.append_only import AppendOnlyError

    event = ChannelEvent.objects.filter(channel=channel).first()
    assert event is not None
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        ChannelEvent.objects.filter(pk=event.pk).delete()
