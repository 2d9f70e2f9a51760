"""Fixtures: one agency with a column and staff in every role, attachments under a temporary dir."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gongkai.agencies.factories import AgencyFactory, staff
from gongkai.agencies.roles import Role
from gongkai.catalogue import actions
from gongkai.catalogue.factories import ColumnFactory

# a valid ID number (check digit correct) planted in test texts: fake, nobody's
FAKE_ID = "11010519491231002X"


@dataclass
class Office:
    agency: object
    column: object
    editor: object
    first: object
    second: object
    final: object
    head: object


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.GONGKAI_CATALOGUE_FILES_DIR = tmp_path / "files"
    return settings.GONGKAI_CATALOGUE_FILES_DIR


@pytest.fixture
def office(db) -> Office:
    agency = AgencyFactory(name="测试区融媒体中心", code="csq-rmt")
    column = ColumnFactory(agency=agency, name="政务动态", slug="zwdt")
    return Office(
        agency=agency,
        column=column,
        editor=staff(agency, Role.EDITOR, "t-editor"),
        first=staff(agency, Role.FIRST_REVIEWER, "t-r1"),
        second=staff(agency, Role.SECOND_REVIEWER, "t-r2"),
        final=staff(agency, Role.FINAL_REVIEWER, "t-r3"),
        head=staff(agency, Role.OFFICE_HEAD, "t-head"),
    )


@pytest.fixture
def draft(office):
    def make(**fields):
        values = {
            "title": "示范区融媒体中心开展新闻业务培训",
            "body": "中心组织全体采编人员参加业务培训。",
            "column": office.column,
        }
        values.update(fields)
        return actions.create_item(agency=office.agency, actor=office.editor, **values)

    return make


@pytest.fixture
def review_all(office):
    """Submit and take the item through all three stages."""

    def run(item):
        actions.submit_for_review(item, actor=office.editor)
        for reviewer in (office.first, office.second, office.final):
            actions.approve(item, actor=reviewer)
        item.refresh_from_db()
        return item

    return run
