"""Imports: a past report from its file, and the office's batch import from a ZIP or a folder, every
file audited; unreadable files are listed with their codes, never a traceback."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from gongkai.annual import actions
from gongkai.annual.errors import ActionError
from gongkai.annual.models import AnnualReportRecord, ImportJob
from gongkai.report.synth import generate_report
from gongkai.report.writers import render

from .helpers import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY)


def report_bytes(agency_name: str, year: int, to: str = "html", seed: int = 3) -> bytes:
    return render(generate_report(seed, year=year, agency=agency_name), to)


def test_a_past_report_imported_from_html_feeds_the_cross_year_checks(setting):
    record = actions.import_report(setting.agency, actor=setting.editor, data=report_bytes(setting.agency.name, 2025),
                                   filename="2025年报.html")  # fmt: skip
    assert record.status == "published" and record.imported_from == "2025年报.html"
    assert record.year == 2025 and record.events.get().type == "imported"
    draft = actions.create_draft(setting.agency, 2026, actor=setting.editor)
    ran = {n["check"] for n in draft.not_run}
    assert "T3.carry_continuity" not in ran  # the previous year is there now


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.pdf", "annual.file_unreadable"),
        (b"PK\x03\x04not a zip at all", "broken.docx", "annual.file_unreadable"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old word", "old.doc", "annual.file_unreadable"),
    ],
)
def test_corrupt_files_are_refused_with_their_codes(setting, data, name, code):
    with pytest.raises(ActionError) as err:
        actions.import_report(setting.agency, actor=setting.editor, data=data, filename=name)
    assert err.value.code == code
    assert err.value.params["codes"]
    assert not AnnualReportRecord.objects.exists()


def test_a_year_that_does_not_match_the_file_is_refused(setting):
    with pytest.raises(ActionError) as err:
        actions.import_report(setting.agency, actor=setting.editor, data=report_bytes(setting.agency.name, 2025),
                              filename="x.html", year=2024)  # fmt: skip
    assert err.value.code == "annual.file_year_mismatch"


def test_another_agencys_staff_cannot_import_for_it(setting):
    with pytest.raises(PermissionDenied):
        actions.import_report(setting.agency, actor=setting.other_editor, data=b"x", filename="x.txt")


def make_zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_batch_import_of_a_zip_with_junk(setting, django_capture_on_commit_callbacks):
    data = make_zip({
        "报告/融媒体中心2025.html": report_bytes(setting.agency.name, 2025),
        "报告/教育局2025.docx": report_bytes(setting.other.name, 2025, "docx", seed=4),
        "报告/外单位2025.html": report_bytes("某市某局", 2025),
        "报告/损坏.pdf": b"%PDF-1.4 garbage",
        "报告/说明.exe": b"MZ junk",
        "../逃逸.txt": b"nothing",
        "__MACOSX/._x.html": b"junk",
    })  # fmt: skip
    client = Client()
    client.force_login(setting.supervisor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/office/annual/supervise/imports/", {"upload": SimpleUploadedFile("年报.zip", data)}
        )
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200
    job = ImportJob.objects.get()
    assert job.status == "done" and job.done == job.total == 6
    outcomes = {r["file"]: r["outcome"] for r in job.results}
    assert outcomes["融媒体中心2025.html"] == "imported"
    assert outcomes["教育局2025.docx"] == "imported"
    assert outcomes["外单位2025.html"] == "no_agency"
    assert outcomes["损坏.pdf"] == "unreadable"
    assert outcomes["说明.exe"] == "unreadable"
    page = response.content.decode()
    assert "无法读取" in page and "R." in page
    assert AnnualReportRecord.objects.filter(year=2025).count() == 2


def test_a_zip_that_is_not_a_zip(setting):
    with pytest.raises(ActionError) as err:
        actions.start_import_job(
            setting.office, actor=setting.supervisor, upload=b"not a zip", upload_name="x.zip"
        )
    assert err.value.code == "annual.zip_invalid"


def test_folders_are_for_administrators_only(setting, tmp_path, django_capture_on_commit_callbacks):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_bytes(report_bytes(setting.agency.name, 2025))
    with pytest.raises(PermissionDenied):
        actions.start_import_job(setting.office, actor=setting.supervisor, folder=str(tmp_path / "in"))
    from gongkai.agencies.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True)
    with pytest.raises(ActionError):
        actions.start_import_job(setting.office, actor=admin, folder=str(tmp_path / "missing"))
    with django_capture_on_commit_callbacks(execute=True):
        job = actions.start_import_job(setting.office, actor=admin, folder=str(tmp_path / "in"))
    job.refresh_from_db()
    assert job.status == "done" and job.results[0]["outcome"] == "imported"
    assert AnnualReportRecord.objects.get().imported_from == "a.html"
