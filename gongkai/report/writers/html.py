"""The annual report as one self-contained, accessible HTML page, as it is published on a portal.

`table_html` is also the building block of the web 年报体检 page: it returns one official table
with every data cell addressable (`id`, `data-cell`) and optionally highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from ..findings import Finding, Severity
from ..model import AnnualReport
from .layout import TABLE_NAMES, Grid, build_grid, column_fractions

_TABLE_ALIASES = {"二": "two", "三": "three", "四": "four", "2": "two", "3": "three", "4": "four"}
_SUBHEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
_SUBHEADING_END = re.compile(r"[。：:]")
SUBHEADING_MAX = 40  # a subheading longer than this is a sentence, not a heading

SCREEN_CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f2; color: #111; font-family: "Noto Serif CJK SC", "Source Han Serif SC",
  "FangSong", "STFangsong", serif; font-size: 16pt; line-height: 1.75; }
article.report { max-width: 210mm; margin: 1.5em auto; background: #fff; padding: 2em 2.5em;
  box-shadow: 0 0 4px rgba(0,0,0,.15); }
h1 { font-size: 22pt; text-align: center; font-weight: bold; line-height: 1.5; margin: 0 0 1em; }
h2 { font-size: 16pt; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", sans-serif;
  font-weight: normal; margin: 1em 0 .3em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
strong.sub { font-weight: bold; }
.signoff { margin-top: 2em; text-align: right; }
.signoff p { text-indent: 0; }
table.official { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .6em 0 1em; font-size: 10.5pt; line-height: 1.4; }
table.official th, table.official td { border: 1px solid #000; padding: .25em .35em; vertical-align: middle; }
table.official th { font-weight: normal; text-align: center; }
table.official th[scope=row], table.official th[scope=rowgroup] { text-align: left; }
table.official td { text-align: center; }
table.official td.error { background: #fde0dc; outline: 2px solid #c62828; }
table.official td.warning { background: #fff4d6; outline: 2px solid #b7791f; }
aside.findings { border: 2px solid #c62828; background: #fff5f4; padding: .6em 1em; margin: 0 0 1.5em;
  font-size: 12pt; line-height: 1.5; }
aside.findings h2 { margin: 0 0 .3em; color: #c62828; font-size: 13pt; }
aside.findings li { margin: .15em 0; }
aside.findings code { font-family: inherit; font-weight: bold; }
"""

PRINT_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-size: 14pt;
    font-family: "Noto Serif CJK SC", serif; } }
@media print {
  body { background: none; font-size: 16pt; line-height: 28pt; }
  article.report { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h1 { font-size: 22pt; line-height: 1.4; margin: 0 0 28pt; }
  table.official { page-break-inside: auto; font-size: 10.5pt; line-height: 1.3; }
  table.official thead { display: table-header-group; }
  table.official tr { page-break-inside: avoid; }
  aside.findings { page-break-inside: avoid; }
}
"""


def table_html(report: AnnualReport, table_name: str, *, highlights: dict[str, str] | None = None) -> str:
    """The `<table>` of table 二/三/四 in the official layout of the report's format version.

    `highlights` maps a cell key ("received.total") to a CSS class ("error"/"warning"). Every data
    cell carries `id="t-<table>-<row>-<column>"` and `data-cell="<row>.<column>"`.
    """
    name = _TABLE_ALIASES.get(table_name, table_name)
    if name not in TABLE_NAMES:
        raise ValueError(f"没有这张表：{table_name}")
    grid = build_grid(report.format, name, report)
    return _grid_html(grid, report, highlights or {})


def _grid_html(grid: Grid, report: AnnualReport, highlights: dict[str, str]) -> str:
    section = next(s for s in report.format.sections if s.table == grid.table)
    out = [
        f'<table class="official" id="table-{grid.table}" data-table="{grid.table}" '
        f'data-format="{escape(report.format.version)}" aria-label="{escape(section.heading)}">',
    ]
    out.append(
        "<colgroup>"
        + "".join(f'<col style="width:{f * 100:.2f}%">' for f in column_fractions(grid))
        + "</colgroup>"
    )
    head, body = grid.rows[: grid.header_rows], grid.rows[grid.header_rows :]
    if head:
        out.append("<thead>")
        out.extend(_row_html(row, grid, highlights) for row in head)
        out.append("</thead>")
    out.append("<tbody>")
    out.extend(_row_html(row, grid, highlights) for row in body)
    out.append("</tbody></table>")
    return "\n".join(out)


def _row_html(row, grid: Grid, highlights: dict[str, str]) -> str:
    parts = ["<tr>"]
    for gc in row:
        span = ""
        if gc.rowspan > 1:
            span += f' rowspan="{gc.rowspan}"'
        if gc.colspan > 1:
            span += f' colspan="{gc.colspan}"'
        if gc.header:
            attrs = f' id="{gc.hid}"' if gc.hid else ""
            if gc.scope:
                attrs += f' scope="{gc.scope}"'
            parts.append(f"<th{attrs}{span}>{escape(gc.text)}</th>")
        else:
            key = gc.key or ""
            css = highlights.get(key)
            cls = f' class="{escape(css)}"' if css else ""
            parts.append(
                f'<td id="t-{grid.table}-{key.replace(".", "-")}" data-cell="{escape(key)}" '
                f'headers="{" ".join(gc.headers)}"{cls}{span}>{escape(gc.text)}</td>'
            )
    parts.append("</tr>")
    return "".join(parts)


def findings_html(findings: Iterable[Finding]) -> str:
    """A visible warning block listing the error findings; empty when there are none."""
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if not errors:
        return ""
    items = "".join(f"<li><code>{escape(f.check)}</code> {escape(f.message)}</li>" for f in errors)
    return (
        '<aside class="findings" role="alert" data-gongkai="findings">'
        f"<h2>本报告经体检发现{len(errors)}处错误，发布前请核对修改</h2><ul>{items}</ul></aside>"
    )


def split_subheading(line: str) -> tuple[str, str]:
    """A paragraph opening with a second-level heading (`（一）主动公开情况。…`) as (heading, rest):
    official documents set only the heading apart (GB/T 9704: 楷体; bold in the free fonts), not
    the text that runs on after it. A paragraph without one gives ("", line)."""
    if not _SUBHEADING.match(line):
        return "", line
    end = _SUBHEADING_END.search(line, 0, SUBHEADING_MAX + 1)
    if end is not None:
        return line[: end.end()], line[end.end() :]
    if len(line) <= SUBHEADING_MAX:
        return line, ""
    marker = _SUBHEADING.match(line)
    return line[: marker.end()], line[marker.end() :]


def paragraphs(text: str) -> list[str]:
    """A section's Markdown-light text as paragraphs: one per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def preamble_lines(report: AnnualReport) -> list[str]:
    """The text before section 一 without the title, which readers keep there (often broken
    across lines, e.g. `…2022年政府` / `信息公开工作年度报告`); the writers print it as the title."""
    lines = paragraphs(report.preamble)
    title = re.sub(r"\s+", "", report_title(report))
    joined, skip = "", 0
    for index, line in enumerate(lines[:4]):
        joined += re.sub(r"\s+", "", line)
        if not title.startswith(joined):
            break
        if joined == title:
            skip = index + 1
            break
    return lines[skip:]


def report_title(report: AnnualReport) -> str:
    if report.title:
        return report.title
    agency, year = report.agency or "", f"{report.year}年" if report.year else ""
    return f"{agency}{year}政府信息公开工作年度报告"


def render_body(
    report: AnnualReport, findings: Iterable[Finding] = (), *, title: bool = True, scroll: bool = False
) -> str:
    """The report as an `<article>`. A page that shows the title itself (the portal's item page)
    leaves it out; `scroll` wraps each table so a phone scrolls the table, not the page."""
    heading = f"<h1>{escape(report_title(report))}</h1>" if title else ""
    out = ['<article class="report">', heading, findings_html(findings)]
    for line in preamble_lines(report):
        out.append(f"<p>{escape(line)}</p>")
    for section in report.format.sections:
        rs = report.sections.get(section.code)
        out.append(f'<section id="{section.code}" data-section="{section.code}">')
        out.append(f"<h2>{escape(section.heading)}</h2>")
        for line in paragraphs(rs.text if rs else ""):
            head, rest = split_subheading(line)
            lead = f'<strong class="sub">{escape(head)}</strong>' if head else ""
            out.append(f"<p>{lead}{escape(rest)}</p>")
        if section.table:
            table = table_html(report, section.table)
            if scroll:
                label = escape(section.heading)
                table = (
                    f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0">{table}</div>'
                )
            out.append(table)
        out.append("</section>")
    if report.signed_date is not None:
        d = report.signed_date
        out.append(
            f'<footer class="signoff"><p>{escape(report.agency or "")}</p>'
            f'<p><time datetime="{d.isoformat()}">{d.year}年{d.month}月{d.day}日</time></p></footer>'
        )
    out.append("</article>")
    return "\n".join(x for x in out if x)


def render_html(report: AnnualReport, findings: Iterable[Finding] = (), *, extra_css: str = "") -> str:
    """The whole page: semantic markup, inline screen and print stylesheets, no external resource."""
    title = report_title(report)
    meta = [
        f'<meta name="gongkai:format-version" content="{escape(report.format.version)}">',
    ]
    if report.agency:
        meta.append(f'<meta name="gongkai:agency" content="{escape(report.agency)}">')
    if report.year:
        meta.append(f'<meta name="gongkai:year" content="{report.year}">')
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n" + "\n".join(meta) + "\n"
        f"<style>{extra_css}{SCREEN_CSS}{PRINT_CSS}</style>\n</head>\n<body>\n"
        f"{render_body(report, findings)}\n</body>\n</html>\n"
    )


def write(report: AnnualReport, findings: Iterable[Finding] = ()) -> bytes:
    return render_html(report, findings).encode("utf-8")
