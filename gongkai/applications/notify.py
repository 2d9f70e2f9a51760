"""Notices to staff by e-mail through Django's mail settings; failures are logged, never raised,
so a mail outage cannot undo a business action."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail

from gongkai.agencies.models import Membership

log = logging.getLogger(__name__)


def recipients(case) -> list[str]:
    """The assignee, else everyone who may handle cases in the agency."""
    if case.assignee_id and case.assignee.email:
        return [case.assignee.email]
    from gongkai.agencies.permissions import PERMISSIONS

    emails = (
        Membership.objects.filter(agency=case.agency, role__in=PERMISSIONS["handle_case"])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(emails)


def staff(case, subject: str, body: str) -> int:
    to = recipients(case)
    if not to:
        return 0
    base = getattr(settings, "GONGKAI_PUBLIC_BASE_URL", "").rstrip("/")
    link = f"{base}/office/applications/case/{case.pk}/"
    try:
        return send_mail(
            f"[依申请公开] {subject}",
            f"{body}\n\n申请编号：{case.case_number}\n办理页面：{link}\n",
            getattr(settings, "DEFAULT_FROM_EMAIL", None),
            to,
            fail_silently=False,
        )
    except Exception:  # mail is a courtesy: the action stands
        log.exception("mail to %s failed for case %s", to, case.pk)
        return 0
