"""The annual report as PDF, typeset by Typst (the `typst` package) from a static template.

`templates/report.typ` is fixed; the report reaches it as JSON data (`typst_source.report_data`),
so no report text is ever parsed as Typst markup. One `typst.Compiler` per process, created on
first use and used under a lock (the platform may render from several threads). Its caches do not
grow with the number of reports (300 different reports in one process: resident memory flat at
≈ 178 MB after the first 100; bench/RESULTS.md, writers), so it is never replaced. Other fixed
templates (the application letters) go through the same compiler with `compile_pdf`.

The CJK fonts are the free Noto CJK faces fontconfig finds on this machine (serif for the text,
its bold for the title and subheadings, sans for the headings), embedded as subsets: never a
network URL, never a proprietary font, and no fallback to any other face. `make sysdeps` installs
Debian's fonts-noto-cjk when it is missing. A Typst error becomes `PdfError` with a Chinese
message (the Typst diagnostic is chained); `FontMissing` is a `PdfError` too, so a caller catches
one class.

Without a fallback, a character the faces have no glyph for (emoji, CJK Extension B such as 𠀀)
prints as an empty box and is missing from the text layer. `write_checked` says so: one
`O.glyph_missing` finding per part of the report (title, section text, table…) naming the
characters, found from the cmaps of the faces in use (read once per process). `write` logs them.
"""

from __future__ import annotations

import json
import logging
import subprocess
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..model import AnnualReport
from .typst_source import report_data, template

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"

log = logging.getLogger(__name__)
_TABLE_CN = {"two": "二", "three": "三", "four": "四"}


class PdfError(RuntimeError):
    """No PDF could be written; the message is for people (Chinese), the cause is chained."""


class FontMissing(PdfError):
    """No free CJK font is installed: the PDF would show empty boxes, so none is written."""


@lru_cache(maxsize=8)
def font_face(family: str, style: str = "") -> tuple[Path, int] | None:
    """(file, face index in it: a .ttc holds several faces) fontconfig resolves `family` (with
    `style`, e.g. "bold") to, if it really is that family."""
    pattern = f"{family}:{style}" if style else family
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}\n%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, rest = out.partition("\n")
    index, _, families = rest.partition("\n")
    if not path or family not in families.split(","):
        return None
    return (Path(path), int(index or 0)) if Path(path).is_file() else None


def font_file(family: str, style: str = "") -> Path | None:
    """The font file fontconfig resolves `family` (with `style`) to, if it really is that family."""
    face = font_face(family, style)
    return face[0] if face else None


@cache
def fonts() -> tuple[str, str, tuple[str, ...]]:
    """(serif family, heading family, font directories) — the directories of the Noto CJK files
    only; Typst is given no system or bundled font besides them."""
    serif = font_file(SERIF)
    if serif is None:
        raise FontMissing(f"未找到免费中文字体“{SERIF}”，请安装 fonts-noto-cjk（make sysdeps）")
    sans = font_file(SANS)
    files = [serif, font_file(SERIF, "bold"), sans]
    dirs = tuple(dict.fromkeys(str(f.parent) for f in files if f is not None))
    return SERIF, SANS if sans is not None else SERIF, dirs


class _Engine:
    """The process's Typst compiler, created lazily, used by one thread at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.compiler = None

    def compile(self, source: bytes, inputs: dict[str, str]) -> bytes:
        import typst

        with self.lock:
            if self.compiler is None:
                _, _, dirs = fonts()
                found = typst.Fonts(
                    include_system_fonts=False, include_embedded_fonts=False, font_paths=list(dirs)
                )
                self.compiler = typst.Compiler(font_paths=found, ignore_system_fonts=True)
            try:
                pdf, warnings = self.compiler.compile_with_warnings(input=source, sys_inputs=inputs)
            except typst.TypstError as exc:
                raise PdfError(f"PDF排版失败（Typst：{exc.message}）") from exc
        for warning in warnings:
            # Typst prints nothing in a face it cannot load; such a PDF must not be published
            if "font family" in warning.message:
                raise FontMissing(f"排版引擎无法使用中文字体（Typst：{warning.message}）")
        return pdf


_engine = _Engine()


def compile_pdf(source: bytes | Path, data: Mapping[str, Any] | str, *, name: str = "data") -> bytes:
    """A fixed Typst template (its text, or its file) compiled to PDF with `data` (a mapping, or
    its JSON text) as the string `sys.inputs.<name>`, which the template reads with
    `json(bytes(sys.inputs.<name>))`: no text of the data is parsed as markup. Only the Noto CJK
    faces of `fonts()` are available (their family names: `fonts()[0]` and `[1]`). Raises
    `PdfError`, or `FontMissing` without the fonts."""
    fonts()
    if isinstance(source, Path):
        source = source.read_bytes()
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _engine.compile(source, {name: text})


# ---------------------------------------------------------------- characters without a glyph

# variation selectors: invisible, never printed as a box
_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


@lru_cache(maxsize=8)
def coverage(family: str, style: str = "") -> frozenset[str]:
    """The characters the face fontconfig resolves `family`/`style` to has a glyph for, from its
    cmap table only (≈ 20 ms a face, once per process); empty when the face is not installed."""
    face = font_face(family, style) or (font_face(family) if style else None)
    if face is None:
        return frozenset()
    from fontTools.ttLib import TTFont

    path, index = face
    font = TTFont(str(path), fontNumber=index if path.suffix.lower() in (".ttc", ".otc") else -1, lazy=True)
    try:
        codes = _cmap_format_12(font.reader["cmap"])
        if codes is None:  # no 32-bit Unicode subtable: let fontTools decode the others
            codes = set(font["cmap"].getBestCmap())
        return frozenset(map(chr, codes))
    finally:
        font.close()


def _cmap_format_12(table: bytes) -> set[int] | None:
    """The code points of the cmap's Unicode full-repertoire subtable (format 12, platform 3/10 or
    0/4), read from the raw table: fontTools' own decoding names every glyph, which for a CID-keyed
    CJK face means parsing its CFF table (≈ 0.1 s and 100 MB at peak per face)."""
    import struct

    (count,) = struct.unpack_from(">H", table, 2)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
        if (platform, encoding) not in ((3, 10), (0, 4), (0, 6)):
            continue
        if struct.unpack_from(">H", table, offset)[0] != 12:
            continue
        (groups,) = struct.unpack_from(">I", table, offset + 12)
        codes: set[int] = set()
        for start, end, glyph in struct.iter_unpack(">III", table[offset + 16 : offset + 16 + 12 * groups]):
            codes.update(range(start + (glyph == 0), end + 1))  # glyph 0 is .notdef: no glyph
        return codes
    return None


def _invisible(ch: str) -> bool:
    """Whitespace and format characters (zero-width space, joiners, BOM…): no glyph expected."""
    if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
        return True
    return any(lo <= ord(ch) <= hi for lo, hi in _SELECTORS)


def missing_glyphs(text: str, family: str = SERIF, style: str = "") -> list[str]:
    """The characters of `text` the face has no glyph for, in order of first appearance."""
    absent = set(text) - coverage(family, style)
    if not absent:
        return []
    return [ch for ch in dict.fromkeys(text) if ch in absent and not _invisible(ch)]


def describe_glyphs(chars: Iterable[str]) -> str:
    """“𠀀”（U+20000）、“😀”（U+1F600）"""
    return "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars)


def glyph_message(where: str, chars: Iterable[str]) -> str:
    return (
        f"{where}中的{describe_glyphs(chars)}在PDF所用字体中没有字形，PDF中显示为空框，"
        "复制或检索时会丢失；请改用常用字或文字说明。"
    )


def _parts(
    data: dict[str, Any], report: AnnualReport
) -> Iterator[tuple[str, dict[str, Any], list[tuple[str, str]]]]:
    """(where, location, [(text, face style)]) for each part of the printed report, in print order;
    face style: "" serif, "bold" serif bold, "sans" the heading face."""
    yield "标题", {"part": "title"}, [(data["title"], "bold")]
    block = data["findings"]
    if block is not None:
        texts = [(block["heading"], "sans")]
        for check, message in block["items"]:
            texts += [(check, "bold"), (message, "")]
        yield "错误提示", {"part": "findings"}, texts
    if data["preamble"]:
        yield "引言", {"part": "preamble"}, [(line, "") for line in data["preamble"]]
    for section, printed in zip(report.format.sections, data["sections"], strict=True):
        loc = {"section": section.code, "heading": section.heading}
        texts = [(printed["heading"], "sans")]
        texts += [text for head, rest in printed["paras"] for text in ((head, "bold"), (rest, ""))]
        yield f"“{section.heading}”", loc, texts
        if printed["table"] is not None:
            tname = _TABLE_CN[section.table]
            cells = [(cell["t"], "") for row in printed["table"]["rows"] for cell in row]
            yield f"“{section.heading}”表{tname}", {**loc, "table": tname}, cells
    if data["signoff"]:
        yield "落款", {"part": "signoff"}, [(line, "") for line in data["signoff"]]


def glyph_findings(data: dict[str, Any], report: AnnualReport) -> list[Finding]:
    """One `O.glyph_missing` finding per part of the report whose text has characters the face
    printing it has no glyph for. Fast when there are none: one set difference per face."""
    serif, sans = data["fonts"]["serif"], data["fonts"]["sans"]
    faces = {"": (serif, ""), "bold": (serif, "bold"), "sans": (sans, "")}
    out = []
    for where, location, texts in _parts(data, report):
        chars: dict[str, None] = {}
        for text, style in texts:
            chars.update(dict.fromkeys(missing_glyphs(text, *faces[style])))
        if chars:
            found = list(chars)
            out.append(
                Finding(
                    "O.glyph_missing",
                    glyph_message(where, found),
                    location,
                    {"chars": found, "codepoints": [f"U+{ord(ch):04X}" for ch in found]},
                )
            )
    return out


# ---------------------------------------------------------------- the writer


def write_checked(report: AnnualReport, findings: Iterable[Finding] = ()) -> tuple[bytes, list[Finding]]:
    """The PDF and the writer's own findings about it (`O.glyph_missing`)."""
    serif, sans, _ = fonts()
    data = report_data(report, findings, serif=serif, sans=sans)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    pdf = _engine.compile(template(), {"report": text})
    return pdf, glyph_findings(data, report)


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    pdf, notes = write_checked(report, findings)
    for note in notes:
        log.warning("[%s] %s", note.check, note.message)
    return pdf
