"""Who hears about a step: the next stage's reviewers, or the item's author. Mail is sent after commit."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

log = logging.getLogger(__name__)


def _send(emails: list[str], subject: str, body: str) -> None:
    emails = [e for e in emails if e]
    if not emails:
        return

    def deliver():
        try:
            send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), emails)
        except Exception:  # mail trouble never undoes a review step
            log.exception("catalogue notification failed: %s", subject)

    transaction.on_commit(deliver)


def role_holders(agency, role: str) -> list[str]:
    User = get_user_model()
    return list(
        User.objects.filter(memberships__agency=agency, memberships__role=role)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def reviewers(item, role: str, stage_label: str) -> None:
    _send(
        role_holders(item.agency, role),
        f"待{stage_label}：{item.title}",
        f"索引号 {item.index_number} 等待{stage_label}。",
    )


def author(item, subject: str) -> None:
    email = getattr(item.created_by, "email", "") if item.created_by_id else ""
    _send([email], f"{subject}：{item.title}", f"索引号 {item.index_number}：{subject}。")
