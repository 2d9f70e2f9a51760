"""Every refusal of a portal action: a stable code, and its Chinese message in one place."""

from __future__ import annotations

from enum import StrEnum

from gongkai.platform.errors import ActionErrorBase


class ErrorCode(StrEnum):
    STALE_VERSION = "portal.stale_version"
    CHANNEL_NAME_REQUIRED = "portal.channel_name_required"
    CHANNEL_KIND_UNSUPPORTED = "portal.channel_kind_unsupported"
    CHANNEL_URL_INVALID = "portal.channel_url_invalid"
    CHANNEL_SECRET_TOO_SHORT = "portal.channel_secret_too_short"
    DELIVERY_NOT_RETRYABLE = "portal.delivery_not_retryable"
    BAD_DATE = "portal.bad_date"
    DATES_ORDER = "portal.dates_order"
    QUERY_TOO_LONG = "portal.query_too_long"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.STALE_VERSION: "该记录已被他人修改（当前版本{current}，您提交的是版本{given}），请刷新后重新操作。",
    ErrorCode.CHANNEL_NAME_REQUIRED: "请填写渠道名称。",
    ErrorCode.CHANNEL_KIND_UNSUPPORTED: "暂不支持“{kind}”渠道，请选择 HTTP 推送（Webhook）。",
    ErrorCode.CHANNEL_URL_INVALID: "推送地址须以 http:// 或 https:// 开头。",
    ErrorCode.CHANNEL_SECRET_TOO_SHORT: "签名密钥至少{min}个字符。",
    ErrorCode.DELIVERY_NOT_RETRYABLE: "“{status}”状态的推送不能重新推送。",
    ErrorCode.BAD_DATE: "日期“{value}”格式不正确，请按“年-月-日”填写，如 2024-01-31。",
    ErrorCode.DATES_ORDER: "结束日期不能早于开始日期。",
    ErrorCode.QUERY_TOO_LONG: "检索词不能超过{max}个字。",
}


class ActionError(ActionErrorBase):
    """A refused action: `code` for machines, `message` (Chinese) for people, `field` for forms."""

    messages = MESSAGES
