"""Reader throughput: documents read per CPU second (one core), per input type.

Each case is (figure name, corpus builder, reader, target). The corpora are generated, not
published reports, and cached under `bench/out/` (git-ignored). Add a reader by adding a case.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import Figure, cpu_rate
from gongkai.report.formats import FORMAT_2021

OUT = Path(__file__).parent / "out"
PARAGRAPH = "本机关坚持以公开为常态、不公开为例外，围绕重点领域持续做好政府信息主动公开工作，" * 3


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]  # one corpus document
    read: Callable[[bytes], object]
    target: str
    unit: str = "docs/s"


def _cached(name: str, build: Callable[[], bytes]) -> bytes:
    path = OUT / name
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build())
    return path.read_bytes()


def build_docx() -> bytes:
    """A full-size 2021 report: six sections with narrative and tables 二/三/四 with merged cells."""
    import docx

    fmt = FORMAT_2021
    d = docx.Document()
    for section in fmt.sections:
        d.add_paragraph(section.heading)
        for _ in range(4):
            d.add_paragraph(PARAGRAPH)
        if section.code == "applications":
            rows = list(fmt.three.data_rows())
            t = d.add_table(rows=len(rows) + 3, cols=10)
            t.cell(0, 0).merge(t.cell(2, 2))
            for i, row in enumerate(rows, 3):
                t.cell(i, 0).merge(t.cell(i, 2)).text = row.label
                for j in range(3, 10):
                    t.cell(i, j).text = str(i + j)
        elif section.code == "reconsideration_litigation":
            t = d.add_table(rows=4, cols=15)
            t.cell(0, 0).merge(t.cell(0, 4)).text = fmt.four.groups[0].label
            for j in range(15):
                t.cell(3, j).text = str(j)
        elif section.code == "proactive":
            t = d.add_table(rows=12, cols=4)
            for i in range(12):
                t.cell(i, 0).text = f"第{i}行"
                t.cell(i, 1).merge(t.cell(i, 3)).text = str(i)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def build_pdf() -> bytes:
    """A 10-page text PDF: narrative and ruled tables, one of them running across pages. Typeset by
    Typst through the PDF writer's compiler, from the markup below; the texts arrive as JSON. The
    line pitch and cell padding are those of the HTML/CSS it replaces (WeasyPrint, `line-height:
    normal`), so it has the same 10 pages, 9 table fragments and 183 blocks."""
    from gongkai.report.writers.pdf import compile_pdf, fonts

    rows = [[r.label, *(str(i + j) for j in range(7))] for i, r in enumerate(FORMAT_2021.three.data_rows())]
    sections = [{"heading": s.heading, "table": s.code != "overview"} for s in FORMAT_2021.sections]
    source = b"""#let d = json(bytes(sys.inputs.data))
#set text(font: d.font, fallback: false, size: 12pt, lang: "zh", region: "cn", top-edge: "ascender", bottom-edge: "descender")
#set page(paper: "a4", margin: 25mm)
#set par(leading: 0.45em, spacing: 1.45em)
#set table(stroke: 0.75pt + black, inset: (x: 2pt, y: 0.225em + 2pt))
#for s in d.sections {
  par(s.heading)
  for _ in range(7) { par(d.paragraph) }
  if s.table { table(columns: (1fr, ..(auto,) * 7), ..d.rows.flatten()) }
}
"""
    data = {"font": fonts()[0], "paragraph": PARAGRAPH, "sections": sections, "rows": rows}
    return compile_pdf(source, data)


def _read_docx(data: bytes) -> object:
    from gongkai.report.readers.docx import read

    return read(data)


def _read_pdf(data: bytes) -> object:
    from gongkai.report.readers.pdf import read

    return read(data)


CASES: list[Case] = [
    Case("reader_docx", build_docx, _read_docx, ">= 30"),
    Case("reader_pdf_10_pages", build_pdf, _read_pdf, ">= 3"),
]


def run() -> list[Figure]:
    figures = []
    for case in CASES:
        data = _cached(f"{case.name}.bin", case.build)
        case.read(data)  # warm up imports and caches
        figures.append(
            Figure(
                case.name, cpu_rate(lambda d=data, c=case: c.read(d), min_seconds=2.0), case.unit, case.target
            )
        )
    return figures
