"""The annual report as PDF, typeset by Typst (the `typst` package) from a static template.

`templates/report.typ` is fixed; the report reaches it as JSON data (`typst_source.report_json`),
so no report text is ever parsed as Typst markup. One `typst.Compiler` per process, created on
first use and used under a lock (the platform may render from several threads). Its caches do not
grow with the number of reports (300 different reports in one process: resident memory flat at
≈ 178 MB after the first 100; bench/RESULTS.md, writers), so it is never replaced.

The CJK fonts are the free Noto CJK faces fontconfig finds on this machine (serif for the text,
its bold for the title and subheadings, sans for the headings), embedded as subsets: never a
network URL, never a proprietary font, and no fallback to any other face. `make sysdeps` installs
Debian's fonts-noto-cjk when it is missing. A Typst error becomes `PdfError` with a Chinese
message (the Typst diagnostic is chained); `FontMissing` is a `PdfError` too, so a caller catches
one class.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from ..findings import Finding
from ..model import AnnualReport
from .typst_source import report_json, template

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


class PdfError(RuntimeError):
    """No PDF could be written; the message is for people (Chinese), the cause is chained."""


class FontMissing(PdfError):
    """No free CJK font is installed: the PDF would show empty boxes, so none is written."""


@lru_cache(maxsize=8)
def font_file(family: str, style: str = "") -> Path | None:
    """The font file fontconfig resolves `family` (with `style`, e.g. "bold") to, if it really is
    that family."""
    pattern = f"{family}:{style}" if style else family
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, families = out.partition("\n")
    if not path or family not in families.split(","):
        return None
    return Path(path) if Path(path).is_file() else None


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

    def compile(self, data: str) -> bytes:
        import typst

        with self.lock:
            if self.compiler is None:
                _, _, dirs = fonts()
                found = typst.Fonts(
                    include_system_fonts=False, include_embedded_fonts=False, font_paths=list(dirs)
                )
                self.compiler = typst.Compiler(font_paths=found, ignore_system_fonts=True)
            try:
                pdf, warnings = self.compiler.compile_with_warnings(
                    input=template(), sys_inputs={"report": data}
                )
            except typst.TypstError as exc:
                raise PdfError(f"PDF排版失败（Typst：{exc.message}）") from exc
        for warning in warnings:
            # Typst prints nothing in a face it cannot load; such a PDF must not be published
            if "font family" in warning.message:
                raise FontMissing(f"排版引擎无法使用中文字体（Typst：{warning.message}）")
        return pdf


_engine = _Engine()


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    serif, sans, _ = fonts()
    return _engine.compile(report_json(report, findings, serif=serif, sans=sans))


@lru_cache(maxsize=1)
def _fonts():
    """WeasyPrint's font configuration, still used by the application letters (applications/letters.py),
    which render their PDF through WeasyPrint; the annual report no longer does."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()
