"""Every permission of the platform, checked server-side here and nowhere else.

A permission names the roles that hold it within one agency. Supervisors hold read
permissions over the agencies they oversee; administrators hold everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from .models import Agency, Membership
from .roles import Role

E, R1, R2, R3, HEAD, SUP = (
    Role.EDITOR,
    Role.FIRST_REVIEWER,
    Role.SECOND_REVIEWER,
    Role.FINAL_REVIEWER,
    Role.OFFICE_HEAD,
    Role.SUPERVISOR,
)
STAFF = (E, R1, R2, R3, HEAD)

PERMISSIONS: dict[str, tuple[str, ...]] = {
    # catalogue
    "view_drafts": STAFF,
    "edit_item": (E, HEAD),
    "submit_item": (E, HEAD),
    "review_first": (R1,),
    "review_second": (R2,),
    "review_final": (R3,),
    "override_blocking": (R3,),
    "withdraw_item": (R3, HEAD),
    "manage_columns": (HEAD,),
    "manage_workflow": (HEAD,),
    "review_as_head": (HEAD,),
    "comment_item": STAFF,
    "publish_item": (R3, HEAD),
    "redact_item": (E, R3, HEAD),
    "change_validity": (E, HEAD),
    # applications
    "view_cases": STAFF,
    "handle_case": (E, HEAD, R1, R2, R3),
    "approve_extension": (HEAD,),
    "edit_letter_templates": (HEAD,),
    "view_applicant": STAFF,  # personal data: never supervisors, every view logged
    # annual report
    "edit_annual_report": (E, HEAD),
    "view_annual_report": STAFF,
    "submit_annual_report": (E, HEAD),
    "override_annual_figure": (E, HEAD),
    "publish_annual_report": (R3, HEAD),
    "import_annual_report": (E, HEAD),
    # portal: publishing channels and their deliveries
    "view_deliveries": STAFF,
    "manage_channels": (HEAD,),
    # supervision (held on the supervising office's own agency)
    "supervise": (SUP, HEAD),
    "manage_annual_deadlines": (SUP, HEAD),  # on the supervising office
    "batch_import_annual": (SUP, HEAD),  # on the supervising office; server folders: administrators only
}

# catalogue: the permission a review stage needs, by the role the agency's workflow assigns to it
STAGE_PERMISSIONS: dict[str, str] = {
    R1: "review_first",
    R2: "review_second",
    R3: "review_final",
    HEAD: "review_as_head",
}


def roles_of(user, agency: Agency) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def is_administrator(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()


def supervises(user, agency: Agency) -> bool:
    """The user works for a supervising office that oversees `agency`."""
    offices = Agency.objects.filter(memberships__user=user, memberships__role__in=(SUP, HEAD)).distinct()
    return any(office.supervised_agencies().filter(pk=agency.pk).exists() for office in offices)


def has(user, permission: str, agency: Agency) -> bool:
    if permission not in PERMISSIONS:
        raise KeyError(permission)
    if not getattr(user, "is_authenticated", False):
        return False
    if is_administrator(user):
        return True
    if roles_of(user, agency) & set(PERMISSIONS[permission]):
        return True
    return permission in ("view_drafts", "view_cases", "view_annual_report") and supervises(user, agency)


def require(user, permission: str, agency: Agency) -> None:
    if not has(user, permission, agency):
        raise PermissionDenied(f"没有权限：{permission}")


def agencies_for(user, permission: str) -> Iterable[Agency]:
    """The agencies where `user` holds `permission` (for listing what they may see)."""
    if is_administrator(user):
        return Agency.objects.all()
    roles = PERMISSIONS[permission]
    return Agency.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()
