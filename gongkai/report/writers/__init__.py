"""Writers: one report model out to HTML, DOCX, PDF, XLSX, JSON and CSV, so the copies cannot disagree.

Each module exposes `write(report, findings=()) -> bytes`; labels come from the format definitions.
A writer that can say what it could not print (PDF: characters without a glyph) also exposes
`write_checked(report, findings=()) -> (bytes, [Finding])`; `render_checked` returns those findings.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from ..findings import Finding
from ..model import AnnualReport

OUTPUTS = ("html", "docx", "pdf", "xlsx", "json", "csv", "txt")


def _writer(to: str):
    if to not in OUTPUTS:
        raise ValueError(f"不支持的输出格式：{to}（可用：{'、'.join(OUTPUTS)}）")
    return importlib.import_module(f"gongkai.report.writers.{to}")


def render(report: AnnualReport, to: str, findings: Iterable[Finding] = ()) -> bytes:
    return _writer(to).write(report, list(findings))


def render_checked(
    report: AnnualReport, to: str, findings: Iterable[Finding] = ()
) -> tuple[bytes, list[Finding]]:
    """The output and the writer's own findings about it (`O.*`, e.g. `O.glyph_missing`)."""
    module = _writer(to)
    checked = getattr(module, "write_checked", None)
    if checked is None:
        return module.write(report, list(findings)), []
    return checked(report, list(findings))
