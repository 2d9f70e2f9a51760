"""Who hears about a step: the next stage's reviewers, the publishers, or the report's editors.
Mail is sent after commit and never undoes the step."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from gongkai.agencies import permissions

log = logging.getLogger(__name__)


def _send(emails: list[str], subject: str, body: str) -> None:
    emails = sorted({e for e in emails if e})
    if not emails:
        return

    def deliver():
        try:
            send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), emails)
        except Exception:
            log.exception("annual notification failed: %s", subject)

    transaction.on_commit(deliver)


def _holders(agency, roles) -> list[str]:
    User = get_user_model()
    return list(
        User.objects.filter(memberships__agency=agency, memberships__role__in=list(roles))
        .exclude(email="")
        .values_list("email", flat=True)
    )


def reviewers(record, role: str, stage_label: str) -> None:
    _send(
        _holders(record.agency, [role]),
        f"待{stage_label}：{record.title}",
        f"{record.title}等待{stage_label}。",
    )


def publishers(record) -> None:
    roles = permissions.PERMISSIONS["publish_annual_report"]
    _send(
        _holders(record.agency, roles), f"待发布：{record.title}", f"{record.title}已通过全部审核，等待发布。"
    )


def author(record, subject: str) -> None:
    roles = permissions.PERMISSIONS["edit_annual_report"]
    emails = _holders(record.agency, roles)
    if record.submitted_by_id and record.submitted_by.email:
        emails.append(record.submitted_by.email)
    _send(emails, f"{subject}：{record.title}", f"{record.title}：{subject}，请登录平台查看意见。")
