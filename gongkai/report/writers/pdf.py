"""The annual report as PDF: the HTML writer's lean print document through WeasyPrint.

The document (`render_print_html`) carries no stylesheet; `PRINT_DOCUMENT_CSS` with the font
faces is parsed once per process and reused, with one shared `FontConfiguration`.

The CJK font is a free-licensed Noto CJK face found on this machine via fontconfig and embedded
(subset) in the PDF, never a network URL and never a proprietary font. `make sysdeps` installs
Debian's fonts-noto-cjk when it is missing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..findings import Finding
from ..model import AnnualReport
from .html import PRINT_DOCUMENT_CSS, render_print_html

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


class FontMissing(RuntimeError):
    """No free CJK font is installed: the PDF would show empty boxes, so none is written."""


@lru_cache(maxsize=4)
def font_file(family: str) -> Path | None:
    """The font file fontconfig resolves `family` to, if it really is that family."""
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{family}", family],
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


def font_css() -> str:
    """The embedded faces, and `font-family` set once: serif on `html`, sans on section headings.

    Only the embedded faces are named, so no glyph can fall back to an unembedded system font.
    """
    serif, sans = font_file(SERIF), font_file(SANS)
    if serif is None:
        raise FontMissing(f"未找到免费中文字体“{SERIF}”，请安装 fonts-noto-cjk（make sysdeps）")
    rules = [f'@font-face {{ font-family: "{SERIF}"; src: url("{serif.as_uri()}"); }}']
    if sans is not None:
        rules.append(f'@font-face {{ font-family: "{SANS}"; src: url("{sans.as_uri()}"); }}')
    rules.append(f'html {{ font-family: "{SERIF}"; }} @page {{ font-family: "{SERIF}"; }}')
    rules.append(f'h2 {{ font-family: "{SANS if sans else SERIF}", "{SERIF}"; }}')
    return "\n".join(rules)


@lru_cache(maxsize=1)
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet():
    """The print stylesheet parsed once (selectors compiled, font faces registered) and reused."""
    from weasyprint import CSS

    return CSS(string=font_css() + PRINT_DOCUMENT_CSS, font_config=_fonts())


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    from weasyprint import HTML

    stylesheet = _stylesheet()
    html = render_print_html(report, findings)
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[stylesheet], font_config=_fonts())
