"""Attachments are typed by their bytes, size-limited, and their text is checked like the body."""

from __future__ import annotations

import io

import pytest

from gongkai.catalogue import actions, files
from gongkai.catalogue.errors import ActionError, ErrorCode
from gongkai.catalogue.models import ItemEvent
from gongkai.catalogue.review import is_blocked
from gongkai.catalogue.vocab import AttachmentKind, EventType, ItemStatus

from .conftest import FAKE_ID

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["项目", "金额"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, AttachmentKind.PDF),
        (PNG, AttachmentKind.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, AttachmentKind.JPEG),
        (b"GIF89a" + b"\x00" * 16, AttachmentKind.GIF),
        (None, AttachmentKind.DOCX),
        ("xlsx", AttachmentKind.XLSX),
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04broken", None),
        (b"plain text", None),
    ],
)
def test_kind_is_read_from_the_bytes(data, kind):
    if data is None:
        data = docx_bytes("正文")
    elif data == "xlsx":
        data = xlsx_bytes()
    assert files.sniff(data) == kind


def test_a_pdf_name_on_png_bytes_is_refused_with_a_clear_message():
    with pytest.raises(ActionError) as exc:
        files.validate("通知.pdf", PNG)
    assert exc.value.code == ErrorCode.FILE_TYPE_MISMATCH
    assert "PNG" in exc.value.message and "通知.pdf" in exc.value.message


def test_unknown_content_and_empty_files_are_refused():
    with pytest.raises(ActionError) as exc:
        files.validate("setup.pdf", b"MZ\x90\x00")
    assert exc.value.code == ErrorCode.FILE_TYPE_UNSUPPORTED
    with pytest.raises(ActionError) as exc:
        files.validate("a.pdf", b"")
    assert exc.value.code == ErrorCode.FILE_EMPTY


def test_size_limit_comes_from_settings(settings):
    settings.GONGKAI_CATALOGUE_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(ActionError) as exc:
        files.validate("a.png", PNG + b"\x00" * 100)
    assert exc.value.code == ErrorCode.FILE_TOO_LARGE


@pytest.mark.django_db
def test_docx_text_is_extracted_checked_and_redacted(office, draft, review_all):
    item = draft()
    attachment = actions.add_attachment(
        item, actor=office.editor, name="名单.docx", data=docx_bytes("附件说明", f"身份证号{FAKE_ID}")
    )
    assert attachment.kind == AttachmentKind.DOCX and FAKE_ID in attachment.extracted_text
    assert attachment.path.is_file()
    item.refresh_from_db()
    assert item.revision == 2
    review_all(item)
    assert item.status == ItemStatus.APPROVED and is_blocked(item)
    actions.produce_redacted_copy(item, actor=office.final)
    item.refresh_from_db()
    attachment.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    assert attachment.uses_redacted_copy and attachment.public_path != attachment.path
    from gongkai.textcheck import extract

    assert FAKE_ID not in extract(attachment.public_path).text
    assert FAKE_ID in extract(attachment.path).text  # the original stays as it was


@pytest.mark.django_db
def test_image_attachment_has_no_text_and_says_so(office, draft):
    item = draft()
    attachment = actions.add_attachment(item, actor=office.editor, name="现场.png", data=PNG)
    assert attachment.extracted_text == "" and "图片" in attachment.extract_error


@pytest.mark.django_db
def test_removing_an_attachment_keeps_its_record(office, draft):
    item = draft()
    attachment = actions.add_attachment(item, actor=office.editor, name="a.pdf", data=PDF)
    actions.remove_attachment(item, attachment.pk, actor=office.editor)
    attachment.refresh_from_db()
    assert attachment.removed_at is not None and list(item.active_attachments()) == []
    assert ItemEvent.objects.filter(item=item, type=EventType.ATTACHMENT_REMOVED).count() == 1
    with pytest.raises(ActionError):
        actions.remove_attachment(item, attachment.pk, actor=office.editor)
