"""Fixtures for the applications tests: an agency with its staff, private files in a temporary
directory, mail captured by Django's locmem backend, and a helper to file a case."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.agencies.factories import AgencyFactory, staff
from gongkai.agencies.roles import AgencyKind, Role

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.GONGKAI_PRIVATE_FILES_ROOT = str(tmp_path / "private")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return tmp_path / "private"


def at(day: str, hour: int = 10):
    """An aware moment on `day` (Asia/Shanghai), for time_machine."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def travel():
    """travel("2026-03-02") moves "today" (and keeps the clock still) until the test ends."""
    machines = []

    def go(day: str, hour: int = 10):
        for m in machines:
            m.stop()
        machines.clear()
        m = time_machine.travel(at(day, hour), tick=False)
        m.start()
        machines.append(m)

    yield go
    for m in machines:
        m.stop()


@pytest.fixture
def office():
    supervisor = AgencyFactory(name="示范区政务公开办", code="t-gwgkb", kind=AgencyKind.SUPERVISOR)
    gov = AgencyFactory(
        name="示范区人民政府", code="t-gov", kind=AgencyKind.GOVERNMENT, supervisor=supervisor
    )
    return AgencyFactory(name="示范区融媒体中心", code="t-rmt", parent=gov, supervisor=supervisor)


@pytest.fixture
def people(office):
    from gongkai.agencies.models import Agency

    supervisor_office = Agency.objects.get(code="t-gwgkb")
    other = AgencyFactory(name="另一区教育局", code="t-other")
    users = {
        "editor": staff(office, Role.EDITOR, "t-editor"),
        "head": staff(office, Role.OFFICE_HEAD, "t-head"),
        "reviewer": staff(office, Role.FIRST_REVIEWER, "t-reviewer"),
        "supervisor": staff(supervisor_office, Role.SUPERVISOR, "t-supervisor"),
        "outsider": staff(other, Role.OFFICE_HEAD, "t-outsider"),
    }
    users["editor"].email = "editor@example.org"
    users["editor"].save()
    return users


APPLICANT = {
    "name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "email": "zhangsan@example.org",
    "address": "示范区人民路1号",
}


@pytest.fixture
def file_case(office):
    """file_case(channel="in_person", actor=None, **overrides) → a new case via the action."""
    from gongkai.applications import actions

    counter = {"n": 0}

    def make(actor=None, applicant=None, **kw):
        counter["n"] += 1
        args = {
            "channel": "in_person",
            "applicant_type": "natural_person",
            "applicant": applicant or APPLICANT,
            "request_description": f"2025年度示范区融媒体中心部门预算（第{counter['n']}项）",
            "delivery_form": "electronic",
            "delivery_method": "email",
        }
        args.update(kw)
        case, created = actions.receive_application(kw.pop("agency", office), actor=actor, **{
            k: v for k, v in args.items() if k != "agency"
        })  # fmt: skip
        assert created
        return case

    return make
