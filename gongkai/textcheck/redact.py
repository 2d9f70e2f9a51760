"""Redaction (隐藏化处理) of personal data: masked copies, never the original overwritten.

Masking replaces characters one for one (ID 420102********1234), so every offset outside a masked
span stays where it was: a TXT file keeps every other byte, a DOCX keeps every run and its formatting.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.textcheck.codes import Code
from gongkai.textcheck.finding import Finding

_SEPARATORS = set(" -·•・()（）+\u3000")


@dataclass(frozen=True)
class MaskRule:
    """Keep the first `head` and last `tail` maskable characters; separators are never masked."""

    head: int = 0
    tail: int = 0
    char: str = "*"  # replaces ASCII characters
    wide_char: str = "＊"  # replaces other characters: same byte length in UTF-8 and GB18030 as a hanzi
    email: bool = False  # mask the mailbox name only, keep the first character and the domain

    def apply(self, value: str) -> str:
        if self.email and "@" in value:
            local, _, domain = value.partition("@")
            return (
                local[:1]
                + "".join(self.char if c.isascii() else self.wide_char for c in local[1:])
                + "@"
                + domain
            )
        positions = [i for i, ch in enumerate(value) if ch not in _SEPARATORS]
        masked = positions[self.head : len(positions) - self.tail if self.tail else None]
        chars = list(value)
        for i in masked:
            chars[i] = self.char if chars[i].isascii() else self.wide_char
        return "".join(chars)


@dataclass(frozen=True)
class RedactionPolicy:
    """Which finding codes are masked and how. Codes without a rule are left as they are."""

    rules: dict[Code, MaskRule] = field(default_factory=dict)

    @classmethod
    def default(cls) -> RedactionPolicy:
        """ID numbers keep the first 6 and last 4; phones keep 3 + 4; cards the last 4; names the surname.

        Landlines are usually an agency's published number and are not masked by default.
        """
        return cls(
            {
                Code.ID_NUMBER: MaskRule(6, 4),
                Code.ID_NUMBER_INVALID: MaskRule(6, 4),
                Code.MOBILE: MaskRule(3, 4),
                Code.BANK_CARD: MaskRule(0, 4),
                Code.EMAIL: MaskRule(email=True),
                Code.PLATE: MaskRule(2, 0),
                Code.NAME: MaskRule(1, 0, wide_char="某"),  # 张某, as Chinese documents anonymise
            }
        )

    def with_rule(self, code: Code, rule: MaskRule | None) -> RedactionPolicy:
        rules = dict(self.rules)
        if rule is None:
            rules.pop(code, None)
        else:
            rules[code] = rule
        return RedactionPolicy(rules)


@dataclass(frozen=True)
class Redaction:
    """What was masked where; deliberately without the original value."""

    code: Code
    start: int
    end: int
    line: int
    column: int
    masked: str

    def as_dict(self) -> dict:
        return {
            "code": self.code.value,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "masked": self.masked,
        }


@dataclass(frozen=True)
class RedactionResult:
    text: str
    redactions: list[Redaction]


def plan(text: str, findings: Iterable[Finding], policy: RedactionPolicy | None = None) -> list[Redaction]:
    """The masks `policy` asks for, non-overlapping, in text order."""
    policy = policy or RedactionPolicy.default()
    out: list[Redaction] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        rule = policy.rules.get(f.code)
        if rule is None or f.start < last_end or not 0 <= f.start < f.end <= len(text):
            continue
        masked = rule.apply(text[f.start : f.end])
        if masked == text[f.start : f.end]:
            continue
        out.append(Redaction(f.code, f.start, f.end, f.line, f.column, masked))
        last_end = f.end
    return out


def apply(text: str, redactions: Iterable[Redaction]) -> str:
    parts, pos = [], 0
    for r in redactions:
        parts.append(text[pos : r.start])
        parts.append(r.masked)
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


def redact(text: str, findings: Iterable[Finding], policy: RedactionPolicy | None = None) -> RedactionResult:
    """Mask the personal data among `findings` in `text`; returns the masked text and the record."""
    redactions = plan(text, findings, policy)
    return RedactionResult(apply(text, redactions), redactions)


def _refuse_overwrite(src: Path, dst: Path) -> None:
    if dst.exists() and dst.resolve() == src.resolve():
        raise ValueError(f"不得覆盖原文件：{src}")


def redact_txt_file(
    src: str | Path, dst: str | Path, checker, policy: RedactionPolicy | None = None
) -> list[Redaction]:
    """A redacted copy of a text file: same encoding, same line ends, every other byte unchanged."""
    from gongkai.textcheck.extract import decode_text

    src, dst = Path(src), Path(dst)
    _refuse_overwrite(src, dst)
    text, codec = decode_text(src.read_bytes())
    result = redact(text, checker.check(text), policy)
    dst.write_bytes(result.text.encode(codec))
    return result.redactions


def redact_docx(
    src: str | Path, dst: str | Path, checker, policy: RedactionPolicy | None = None
) -> list[Redaction]:
    """A redacted copy of a DOCX: masked characters written into the runs that hold them.

    A match spread over several runs (张 in one run, 三 in a bold one) is masked piece by piece, each
    piece in its own run, so every run keeps its formatting.
    """
    import docx

    from gongkai.textcheck.extract import docx_paragraphs, paragraph_atoms

    src, dst = Path(src), Path(dst)
    _refuse_overwrite(src, dst)
    document = docx.Document(str(src))
    paragraphs = docx_paragraphs(document)
    atoms_per_paragraph = [paragraph_atoms(p) for p in paragraphs]
    texts = ["".join(text for _, text in atoms) for atoms in atoms_per_paragraph]
    full = "\n".join(texts)
    redactions = plan(full, checker.check(full), policy)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    for r in redactions:
        n = bisect.bisect_right(starts, r.start) - 1
        local_start = r.start - starts[n]
        _mask_atoms(atoms_per_paragraph[n], local_start, r.masked)
    document.save(str(dst))
    return redactions


def _mask_atoms(atoms: list, start: int, masked: str) -> None:
    """Write `masked` over characters start… of a paragraph, run text by run text."""
    from docx.oxml.ns import qn

    end = start + len(masked)
    pos = 0
    for element, text in atoms:
        a_start, a_end = pos, pos + len(text)
        pos = a_end
        if a_end <= start or a_start >= end or element.tag != qn("w:t"):
            continue
        text = element.text or ""  # an earlier mask may have written here (same length)
        lo, hi = max(start, a_start), min(end, a_end)
        new = text[: lo - a_start] + masked[lo - start : hi - start] + text[hi - a_start :]
        element.text = new
