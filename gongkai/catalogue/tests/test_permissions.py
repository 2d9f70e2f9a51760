"""Permissions per role for every catalogue action, and only inside the role's own agency."""

from __future__ import annotations

import pytest

from gongkai.agencies import permissions
from gongkai.agencies.factories import AgencyFactory, staff
from gongkai.agencies.roles import Role

pytestmark = pytest.mark.django_db

E, R1, R2, R3, HEAD = (
    Role.EDITOR,
    Role.FIRST_REVIEWER,
    Role.SECOND_REVIEWER,
    Role.FINAL_REVIEWER,
    Role.OFFICE_HEAD,
)
TABLE = {
    "view_drafts": {E, R1, R2, R3, HEAD},
    "edit_item": {E, HEAD},
    "submit_item": {E, HEAD},
    "review_first": {R1},
    "review_second": {R2},
    "review_final": {R3},
    "review_as_head": {HEAD},
    "override_blocking": {R3},
    "publish_item": {R3, HEAD},
    "withdraw_item": {R3, HEAD},
    "redact_item": {E, R3, HEAD},
    "change_validity": {E, HEAD},
    "comment_item": {E, R1, R2, R3, HEAD},
    "manage_columns": {HEAD},
    "manage_workflow": {HEAD},
}


@pytest.mark.parametrize("role", [E, R1, R2, R3, HEAD, Role.SUPERVISOR])
def test_each_role_holds_exactly_its_catalogue_permissions(role):
    agency, other = AgencyFactory(), AgencyFactory()
    user = staff(agency, role)
    for permission, roles in TABLE.items():
        assert permissions.has(user, permission, agency) is (role in roles), permission
        assert permissions.has(user, permission, other) is False, permission
