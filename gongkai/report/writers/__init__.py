"""Writers: one report model out to HTML, DOCX, PDF, XLSX, JSON and CSV, so the copies cannot disagree.

Each module exposes `write(report, findings=()) -> bytes`; labels come from the format definitions.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from ..findings import Finding
from ..model import AnnualReport

OUTPUTS = ("html", "docx", "pdf", "xlsx", "json", "csv", "txt")


def render(report: AnnualReport, to: str, findings: Iterable[Finding] = ()) -> bytes:
    if to not in OUTPUTS:
        raise ValueError(f"不支持的输出格式：{to}（可用：{'、'.join(OUTPUTS)}）")
    module = importlib.import_module(f"gongkai.report.writers.{to}")
    return module.write(report, list(findings))
