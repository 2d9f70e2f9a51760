"""Attachment files: the kind read from the bytes (never the name), size limits, text extraction."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from pathlib import Path

from django.conf import settings

from gongkai.textcheck import ExtractError, extract

from .errors import ActionError, ErrorCode
from .models.items import attachment_root
from .vocab import AttachmentKind

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
EXTENSIONS = {
    AttachmentKind.PDF: (".pdf",),
    AttachmentKind.DOCX: (".docx",),
    AttachmentKind.XLSX: (".xlsx",),
    AttachmentKind.PNG: (".png",),
    AttachmentKind.JPEG: (".jpg", ".jpeg"),
    AttachmentKind.GIF: (".gif",),
}
IMAGE_KINDS = (AttachmentKind.PNG, AttachmentKind.JPEG, AttachmentKind.GIF)


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_CATALOGUE_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} 字节"


def sniff(data: bytes) -> AttachmentKind | None:
    """The file's kind from its magic bytes; a ZIP is DOCX or XLSX only by the parts inside it."""
    if data.startswith(b"%PDF-"):
        return AttachmentKind.PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return AttachmentKind.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return AttachmentKind.JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return AttachmentKind.GIF
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return AttachmentKind.DOCX
        if "xl/workbook.xml" in names:
            return AttachmentKind.XLSX
    return None


def validate(name: str, data: bytes) -> AttachmentKind:
    """The kind of an upload, or an ActionError saying in Chinese what is wrong with it."""
    if not data:
        raise ActionError(ErrorCode.FILE_EMPTY, field="files", name=name)
    limit = max_bytes()
    if len(data) > limit:
        raise ActionError(
            ErrorCode.FILE_TOO_LARGE,
            field="files",
            name=name,
            size=human_size(len(data)),
            limit=human_size(limit),
        )
    kind = sniff(data)
    if kind is None:
        raise ActionError(ErrorCode.FILE_TYPE_UNSUPPORTED, field="files", name=name)
    extension = Path(name).suffix.lower()
    if extension not in EXTENSIONS[kind]:
        raise ActionError(
            ErrorCode.FILE_TYPE_MISMATCH,
            field="files",
            name=name,
            actual=kind.label,
            extension=extension or "无扩展名",
        )
    return kind


def store(data: bytes, kind: AttachmentKind) -> tuple[str, str]:
    """Write the bytes under the attachment root; returns (stored name, sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    stored = f"{digest[:2]}/{uuid.uuid4().hex}{EXTENSIONS[kind][0]}"
    path = attachment_root() / stored
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return stored, digest


def extract_text(path: Path, kind: AttachmentKind) -> tuple[str, str]:
    """(text, note): the text for checks and search, or why there is none."""
    if kind in IMAGE_KINDS:
        return "", "图片无法提取文字，请人工核对图片内容"
    if kind == AttachmentKind.XLSX:
        return _xlsx_text(path)
    try:
        return extract(path).text, ""
    except ExtractError as exc:
        return "", exc.code.message


def _xlsx_text(path: Path) -> tuple[str, str]:
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        lines = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None and str(v).strip()]
                if cells:
                    lines.append("\t".join(cells))
        book.close()
        return "\n".join(lines), ""
    except Exception:  # a broken workbook is a note for the reviewer, not a crash
        return "", "表格无法读取或已损坏"
