"""The 年报体检 upload form, its limits, and an upload handler that never touches the disk.

Limits come from settings so an operator can tune them; each limit violation is a
`ValidationError` with a stable code and a Chinese message naming the limit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

ACCEPTED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".xlsx", ".yaml", ".yml", ".json")
PASTE_NAME = "粘贴的文本.txt"


@dataclass(frozen=True)
class Limits:
    max_files: int
    max_file_bytes: int
    max_total_bytes: int
    max_paste_chars: int

    @property
    def max_file_size_text(self) -> str:
        return size_text(self.max_file_bytes)

    @classmethod
    def from_settings(cls) -> Limits:
        per_file = getattr(settings, "GONGKAI_AUDIT_MAX_FILE_BYTES", settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
        return cls(
            max_files=settings.GONGKAI_AUDIT_MAX_FILES,
            max_file_bytes=per_file,
            max_total_bytes=getattr(settings, "GONGKAI_AUDIT_MAX_TOTAL_BYTES", 4 * per_file),
            max_paste_chars=getattr(settings, "GONGKAI_AUDIT_MAX_PASTE_CHARS", 2_000_000),
        )


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB" if n % (1024 * 1024) == 0 else f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} 字节"


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keeps uploads in memory only (the page promises nothing is stored).

    Past the per-file or per-request byte limit, or past the file-count limit, the bytes are
    dropped but still counted, so the form can name the limit instead of the request failing."""

    def __init__(self, request, limits: Limits) -> None:
        super().__init__(request)
        self.limits = limits
        self.total = 0
        self.files = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.files += 1
        self.buffer = io.BytesIO()
        self.size = 0
        # One extra file is allowed for the prior-year report.
        self.dropped = self.files > self.limits.max_files + 1

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.size += len(raw_data)
        self.total += len(raw_data)
        if self.dropped:
            return None
        if self.size > self.limits.max_file_bytes or self.total > self.limits.max_total_bytes:
            self.dropped = True
            self.buffer = io.BytesIO()
            return None
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        upload = InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        upload.dropped = self.dropped  # type: ignore[attr-defined]
        upload.request_total = self.total  # type: ignore[attr-defined]
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (Django's documented pattern)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class AuditForm(forms.Form):
    files = MultipleFileField(
        label="上传年度报告",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    text = forms.CharField(
        label="或粘贴报告全文",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    prior = forms.FileField(
        label="上一年度报告（可选）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )

    def __init__(self, *args, limits: Limits | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits or Limits.from_settings()
        # Empty uploads are reported per file (R.empty) rather than refused by the form.
        self.fields["files"].allow_empty_file = True
        self.fields["prior"].allow_empty_file = True

    def clean(self):
        data = super().clean()
        files = [f for f in data.get("files") or [] if f]
        text = data.get("text") or ""
        prior = data.get("prior")
        limits = self.limits
        if not files and not text.strip():
            raise forms.ValidationError("请选择要检查的报告文件，或粘贴报告全文。", code="nothing")
        count = len(files) + (1 if text.strip() else 0)
        if count > limits.max_files:
            raise forms.ValidationError(
                f"一次最多检查{limits.max_files}份报告，本次提交了{count}份。请分批检查。",
                code="too_many_files",
            )
        if len(text) > limits.max_paste_chars:
            raise forms.ValidationError(
                f"粘贴的文字共{len(text)}字，超过{limits.max_paste_chars}字的上限。请改为上传文件。",
                code="paste_too_large",
            )
        uploads = [*files, *([prior] if prior else [])]
        total = sum(f.size for f in uploads)
        for f in uploads:
            if f.size > limits.max_file_bytes:
                raise forms.ValidationError(
                    f"文件“{f.name}”大小为{size_text(f.size)}，超过每份{size_text(limits.max_file_bytes)}的上限。",
                    code="file_too_large",
                )
        if total > limits.max_total_bytes or any(getattr(f, "dropped", False) for f in uploads):
            raise forms.ValidationError(
                f"本次上传的文件共{size_text(total)}，超过{size_text(limits.max_total_bytes)}的上限。请分批检查。",
                code="upload_too_large",
            )
        data["files"] = files
        return data
