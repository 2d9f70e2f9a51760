"""Fixtures: a supervising office overseeing two departments and a government; the first department has
staff in every role and a 政府信息公开年报 column. PDFs are faked unless a test asks for `real_pdf`: the
Typst writer takes ≈ 40 ms a report, but the real PDFs still add about a quarter to this package's
CPU time (18.5 s against 14.8 s with `-n 2`), and only the tests about PDFs look at them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gongkai.agencies.factories import AgencyFactory, staff
from gongkai.agencies.roles import AgencyKind, Role
from gongkai.annual import outputs
from gongkai.catalogue.factories import ColumnFactory

FAKE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Setting:
    office: object
    agency: object
    other: object
    government: object
    column: object
    editor: object
    first: object
    second: object
    final: object
    head: object
    supervisor: object
    other_editor: object


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.GONGKAI_CATALOGUE_FILES_DIR = tmp_path / "files"
    settings.GONGKAI_ANNUAL_IMPORT_DIR = tmp_path / "imports"
    settings.REDIS_URL = ""
    return tmp_path


@pytest.fixture(autouse=True)
def fake_pdf(request, monkeypatch):
    if "real_pdf" not in request.fixturenames:
        monkeypatch.setattr(outputs, "render_pdf", lambda report: FAKE_PDF)


@pytest.fixture
def real_pdf():
    """Ask for this fixture to render real PDFs (`outputs.render_pdf` through the Typst writer)."""
    return True


@pytest.fixture
def setting(db) -> Setting:
    office = AgencyFactory(name="测试区政务公开办", code="csq-gkb", kind=AgencyKind.SUPERVISOR)
    government = AgencyFactory(
        name="测试区人民政府", code="csq", kind=AgencyKind.GOVERNMENT, supervisor=office
    )
    agency = AgencyFactory(name="测试区融媒体中心", code="csq-rmt", parent=government, supervisor=office)
    other = AgencyFactory(name="测试区教育局", code="csq-jyj", parent=government, supervisor=office)
    column = ColumnFactory(agency=agency, name="政府信息公开年报", slug="gknb")
    return Setting(
        office=office,
        agency=agency,
        other=other,
        government=government,
        column=column,
        editor=staff(agency, Role.EDITOR, "a-editor"),
        first=staff(agency, Role.FIRST_REVIEWER, "a-r1"),
        second=staff(agency, Role.SECOND_REVIEWER, "a-r2"),
        final=staff(agency, Role.FINAL_REVIEWER, "a-r3"),
        head=staff(agency, Role.OFFICE_HEAD, "a-head"),
        supervisor=staff(office, Role.SUPERVISOR, "a-sup"),
        other_editor=staff(other, Role.EDITOR, "b-editor"),
    )
