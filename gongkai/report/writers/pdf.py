"""The annual report as PDF: the HTML writer's page through WeasyPrint with its print stylesheet.

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
from .html import render_html

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
    serif, sans = font_file(SERIF), font_file(SANS)
    if serif is None:
        raise FontMissing(f"未找到免费中文字体“{SERIF}”，请安装 fonts-noto-cjk（make sysdeps）")
    rules = [f'@font-face {{ font-family: "{SERIF}"; src: url("{serif.as_uri()}"); }}']
    if sans is not None:
        rules.append(f'@font-face {{ font-family: "{SANS}"; src: url("{sans.as_uri()}"); }}')
    # print: only the embedded faces, so no glyph can fall back to an unembedded system font
    rules.append(
        f'body, table.official, h1, code {{ font-family: "{SERIF}", serif; }} '
        f'h2, aside.findings h2 {{ font-family: "{SANS if sans else SERIF}", "{SERIF}", sans-serif; }}'
    )
    return "\n".join(rules)


@lru_cache(maxsize=1)
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    from weasyprint import HTML

    html = render_html(report, findings, extra_css=font_css())
    fonts = _fonts()
    return HTML(string=html, base_url=None).write_pdf(font_config=fonts)
