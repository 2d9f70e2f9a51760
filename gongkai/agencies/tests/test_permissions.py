"""Each role holds exactly its permissions, and only inside its own agency."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from gongkai.agencies import permissions
from gongkai.agencies.factories import AgencyFactory, UserFactory, staff
from gongkai.agencies.roles import AgencyKind, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    office = AgencyFactory(name="某区政务公开办", code="gwgkb", kind=AgencyKind.SUPERVISOR)
    gov = AgencyFactory(name="某区人民政府", code="gov", kind=AgencyKind.GOVERNMENT, supervisor=office)
    dept = AgencyFactory(name="某区融媒体中心", code="rmt", parent=gov)
    other = AgencyFactory(name="另一区教育局", code="jyj")
    return office, gov, dept, other


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        (Role.EDITOR, "edit_item", True),
        (Role.EDITOR, "review_first", False),
        (Role.FIRST_REVIEWER, "review_first", True),
        (Role.FIRST_REVIEWER, "review_final", False),
        (Role.SECOND_REVIEWER, "review_second", True),
        (Role.FINAL_REVIEWER, "review_final", True),
        (Role.FINAL_REVIEWER, "override_blocking", True),
        (Role.EDITOR, "override_blocking", False),
        (Role.OFFICE_HEAD, "approve_extension", True),
        (Role.EDITOR, "approve_extension", False),
    ],
)
def test_role_permissions_in_own_agency(tree, role, permission, allowed):
    _, _, dept, other = tree
    user = staff(dept, role)
    assert permissions.has(user, permission, dept) is allowed
    assert permissions.has(user, permission, other) is False


def test_supervisor_reads_the_agencies_it_oversees_but_cannot_edit(tree):
    office, gov, dept, other = tree
    user = staff(office, Role.SUPERVISOR)
    assert permissions.has(user, "view_drafts", dept)
    assert permissions.has(user, "view_drafts", gov)
    assert not permissions.has(user, "edit_item", dept)
    assert not permissions.has(user, "view_drafts", other)


def test_anonymous_has_nothing_and_require_raises(tree):
    _, _, dept, _ = tree
    assert not permissions.has(AnonymousUser(), "view_drafts", dept)
    with pytest.raises(PermissionDenied):
        permissions.require(AnonymousUser(), "view_drafts", dept)


def test_administrator_has_everything(tree):
    _, _, dept, _ = tree
    admin = UserFactory(username="root", is_superuser=True)
    assert permissions.has(admin, "review_final", dept)


def test_subtree_uses_the_materialised_path(tree):
    _, gov, dept, other = tree
    assert set(gov.subtree()) == {gov, dept}
    assert other not in gov.subtree()
