"""HTTP webhook: the item's payload as a JSON POST, signed with HMAC-SHA256 of the exact body.

Receivers check `X-Gongkai-Signature: sha256=<hex>` against their copy of the channel secret
(`verify` below is the reference implementation).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request

from django.conf import settings

from ..errors import ActionError, ErrorCode
from .base import Adapter, DeliveryError

SIGNATURE_HEADER = "X-Gongkai-Signature"
MIN_SECRET = 16
MAX_ERROR_BODY = 300


def body_for(delivery) -> bytes:
    return json.dumps(
        {"delivery": delivery.pk, **delivery.payload},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(sign(body, secret), header)


class WebhookAdapter(Adapter):
    kind = "webhook"

    def validate_config(self, config: dict) -> None:
        url = (config.get("url") or "").strip()
        if not url.startswith(("http://", "https://")) or len(url) < 10:
            raise ActionError(ErrorCode.CHANNEL_URL_INVALID, field="url")
        if len(config.get("secret") or "") < MIN_SECRET:
            raise ActionError(ErrorCode.CHANNEL_SECRET_TOO_SHORT, field="secret", min=MIN_SECRET)

    def deliver(self, delivery) -> None:
        config = delivery.channel.config
        body = body_for(delivery)
        request = urllib.request.Request(
            config["url"],
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "gongkai-webhook/1",
                SIGNATURE_HEADER: sign(body, config.get("secret", "")),
                "X-Gongkai-Delivery": str(delivery.pk),
            },
        )
        timeout = float(getattr(settings, "GONGKAI_WEBHOOK_TIMEOUT", 10))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            detail = error.read(MAX_ERROR_BODY).decode("utf-8", "replace").strip()
            raise DeliveryError(
                f"接收方返回 HTTP {error.code}" + (f"：{detail}" if detail else "")
            ) from error
        except urllib.error.URLError as error:
            raise DeliveryError(f"无法连接接收方：{error.reason}") from error
        except TimeoutError as error:
            raise DeliveryError(f"接收方在{timeout:g}秒内未响应") from error
        except OSError as error:
            raise DeliveryError(f"网络错误：{error}") from error
        if not 200 <= status < 300:
            raise DeliveryError(f"接收方返回 HTTP {status}")
