"""From a reader's `Document` to an `AnnualReport`: title, sections, tables, format version.

All label matching happens here, against the format definitions, so every input type
(TXT, HTML, DOCX, PDF, XLSX) is interpreted by the same rules. The steps, in order: `items`
(the document as one flow of lines and rows), `sections`, `title_and_dates`, `tables` (with
`labels`; `wrapped_labels`, `one_cell_per_line` and `table_four_order` for text from PDFs), then
`version`, which decides the format version and has `fill` make the cells.
"""

from __future__ import annotations

from ..findings import Finding
from ..model import AnnualReport, Document
from .headings import match_heading
from .items import _linearise
from .sections import _read_sections
from .tables import _read_tables
from .title_and_dates import _read_title_and_dates, parse_date
from .version import _decide_version


def assemble(doc: Document) -> AnnualReport:
    report = AnnualReport(path=doc.path, source_kind=doc.kind, published_date=doc.published_date)
    report.reader_findings = list(doc.findings)
    items = _linearise(doc)
    if not items:
        report.readable = False
        if not any(f.severity == "error" for f in doc.findings):
            report.reader_findings.append(Finding("R.empty", "文件中没有可读取的文字", {"path": doc.path}))
        return report

    _read_sections(report, items)
    _read_title_and_dates(report, items)
    signals = _read_tables(report, items)
    _decide_version(report, signals)
    if not any(s.found for s in report.sections.values()) and not (
        report.two.found or report.three.found or report.four.found
    ):
        report.reader_findings.append(
            Finding(
                "R.not_a_report",
                "未找到年度报告的六个部分和统计表，这可能不是政府信息公开工作年度报告",
                {"path": doc.path},
            )
        )
    _note_missing_tables(report, doc)
    return report


def _note_missing_tables(report: AnnualReport, doc: Document) -> None:
    """A section found without its table: say so, and whether the file has images it may be in."""
    images = doc.meta.get("images_per_page") or ()
    # readers give a count per page (a list, or a dict by page): any page with an image counts
    has_images = any(images.values() if isinstance(images, dict) else images)
    hint = "，文件中有图片，表格可能以图片形式发布" if has_images else ""
    for section in report.format.sections:
        if section.table and report.sections[section.code].found and not getattr(report, section.table).found:
            report.reader_findings.append(
                Finding(
                    "R.table_missing",
                    f"未能读取表{section.number}{hint}",
                    {"table": section.number, "path": report.path},
                )
            )


__all__ = ["assemble", "match_heading", "parse_date"]
