"""Staff pages for publishing channels: channel settings and the delivery outbox with its errors.
Mounted by the platform at /office/channels/ (`gongkai.portal.office_urls`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency

from . import actions
from .errors import ActionError
from .models import Channel, Delivery

RECENT = 100


class ChannelForm(forms.Form):
    name = forms.CharField(label="渠道名称", max_length=100, error_messages={"required": "请填写渠道名称。"})
    url = forms.CharField(label="推送地址", max_length=500, error_messages={"required": "请填写推送地址。"})
    secret = forms.CharField(
        label="签名密钥",
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text="用于 HMAC-SHA256 签名；修改渠道时留空表示不变。",
    )
    enabled = forms.BooleanField(label="启用", required=False, initial=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


@login_required
def channels_home(request):
    agencies = list(permissions.agencies_for(request.user, "view_deliveries"))
    if not agencies:
        raise PermissionDenied("没有权限：view_deliveries")
    channels = Channel.objects.filter(agency__in=agencies).select_related("agency")
    deliveries = (
        Delivery.objects.filter(channel__agency__in=agencies)
        .select_related("channel", "item")
        .order_by("-created_at", "-id")[:RECENT]
    )
    managed = {a.pk for a in agencies if permissions.has(request.user, "manage_channels", a)}
    return render(
        request,
        "portal/office/channels.html",
        {"channels": channels, "deliveries": deliveries, "agencies": agencies, "managed": managed},
    )


def _channel_form_page(request, agency: Agency, channel: Channel | None):
    permissions.require(request.user, "manage_channels", agency)
    if request.method == "POST":
        form = ChannelForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.save_channel(
                    agency,
                    actor=request.user,
                    name=data["name"],
                    url=data["url"],
                    secret=data["secret"],
                    enabled=data["enabled"],
                    channel=channel,
                    version=data["version"] if channel else None,
                )
            except ActionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "渠道已保存。")
                return redirect("portal-office:channels")
    elif channel is not None:
        form = ChannelForm(
            initial={
                "name": channel.name,
                "url": channel.config.get("url", ""),
                "enabled": channel.enabled,
                "version": channel.version,
            }
        )
    else:
        form = ChannelForm()
    return render(
        request, "portal/office/channel_form.html", {"form": form, "agency": agency, "channel": channel}
    )


@login_required
def channel_new(request, agency_code: str):
    agency = get_object_or_404(Agency, code=agency_code)
    return _channel_form_page(request, agency, None)


@login_required
def channel_edit(request, pk: int):
    channel = get_object_or_404(Channel.objects.select_related("agency"), pk=pk)
    return _channel_form_page(request, channel.agency, channel)


@login_required
@require_POST
def delivery_retry(request, pk: int):
    delivery = get_object_or_404(Delivery.objects.select_related("channel__agency"), pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        actions.retry_delivery(delivery, actor=request.user, version=version)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已重新推送。")
    return redirect("portal-office:channels")
