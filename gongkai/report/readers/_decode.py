"""Turning the bytes of a text-like file (TXT, HTML) into text, with findings instead of exceptions.

Chinese government sites still publish GBK/GB2312 pages and TXT exports, so the order is: BOM,
a declared charset (HTML), strict UTF-8, strict GB18030 (a superset of GBK and GB2312), then
charset-normalizer; whatever is left is decoded with replacement characters and reported.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from ..findings import Finding

# Reports are a few hundred KB at most; anything far larger is not a report and would only make
# the batch slow.
MAX_TEXT_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats that are sometimes uploaded under a .txt or .html name.
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX/XLSX"),
    (b"\xd0\xcf\x11\xe0", "DOC/XLS"),
    (b"\x89PNG", "PNG图片"),
    (b"\xff\xd8\xff", "JPEG图片"),
    (b"GIF8", "GIF图片"),
)

# GB2312 and GBK pages are decoded as GB18030, which contains both.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "hz-gb-2312": "gb18030",
}


@dataclass
class Decoded:
    text: str | None  # None when the bytes are not text at all
    encoding: str | None = None
    findings: list[Finding] = field(default_factory=list)


def normalise_encoding(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if Python does not know it."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _control_ratio(sample: bytes) -> float:
    """Share of bytes that never occur in text (NUL and C0 controls other than whitespace/ESC)."""
    if not sample:
        return 0.0
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not a Python loop
    return bad / len(sample)


_CONTROL_BYTES = bytes(b for b in range(256) if b < 0x09 or 0x0E <= b < 0x1B or 0x1C <= b < 0x20 or b == 0x7F)


def decode_text(data: bytes, *, declared: str | None = None, path: str | None = None) -> Decoded:
    """Decode `data`; never raises. `declared` is a charset named by the file itself (HTML meta)."""
    where = {"file": path} if path else {}
    if len(data) > MAX_TEXT_BYTES:
        size_mb = len(data) / 1024 / 1024
        return Decoded(
            None,
            findings=[
                Finding(
                    "R.unreadable",
                    f"文件过大（{size_mb:.1f}MB），不像是年度报告的文字文件，未读取。",
                    where,
                    {"bytes": len(data), "limit": MAX_TEXT_BYTES},
                )
            ],
        )
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return Decoded(
                None,
                findings=[
                    Finding(
                        "R.unreadable",
                        f"文件内容是{kind}，不是文字文件，请按实际类型上传。",
                        where,
                        {"kind": kind},
                    )
                ],
            )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError:
                text = data[len(bom) :].decode(encoding, errors="replace")
                return Decoded(text, encoding, [_encoding_finding(encoding, text, where)])
    candidates = [normalise_encoding(declared)] if declared else []
    candidates += ["utf-8", "gb18030"]
    for encoding in dict.fromkeys(c for c in candidates if c):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_ratio(data[:65536]) > 0.02 and "\x00" in text:
            break  # decodes, but is binary (e.g. UTF-16 without BOM or a binary blob)
        return Decoded(text, encoding)
    if _control_ratio(data[:65536]) > 0.05 and not _looks_utf16(data):
        return Decoded(
            None,
            findings=[
                Finding(
                    "R.unreadable",
                    "文件内容不是文字（可能是二进制文件或已损坏）。",
                    where,
                    {"bytes": len(data)},
                )
            ],
        )
    encoding = _guess(data) or "gb18030"
    text = data.decode(encoding, errors="replace")
    findings = [_encoding_finding(encoding, text, where)] if "\ufffd" in text else []
    return Decoded(text, encoding, findings)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    zeros_odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    return max(zeros_even, zeros_odd) > 0.3


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
    except Exception:  # the detector must never stop a batch
        return None
    if best is None:
        return None
    return normalise_encoding(best.encoding)


def _encoding_finding(encoding: str, text: str, where: dict) -> Finding:
    bad = text.count("\ufffd")
    return Finding(
        "R.encoding",
        f"文件按{encoding}编码读取，有{bad}处字符无法识别，已用“\ufffd”代替，其余内容照常读取。",
        where,
        {"encoding": encoding, "replaced": bad},
    )
