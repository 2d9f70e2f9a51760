"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from .models import Agency, Membership
from .roles import AgencyKind, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "demo-pass")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:  # keep the hashed password set by the post-generation hook
            instance.save(update_fields=["password"])


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试区第{n}局")
    code = factory.Sequence(lambda n: f"agency{n}")
    kind = AgencyKind.DEPARTMENT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.EDITOR


def staff(agency: Agency, role: str, username: str | None = None):
    """A user holding `role` in `agency`."""
    user = UserFactory(username=username) if username else UserFactory()
    MembershipFactory(user=user, agency=agency, role=role)
    return user
