"""Writers: reports rendered per CPU second of this process (one core), per output format (issue 3
targets). CPU time (`time.process_time()`, all of the process's threads, Typst's included), as the
other benchmarks, because the machine is shared. Also the peak RSS after 300 PDF reports."""

from __future__ import annotations

from bench.common import Figure, cpu_rate, peak_rss_mb
from gongkai.report.synth import generate_report
from gongkai.report.writers import render

TARGETS = {"html": ">= 200", "docx": ">= 20", "xlsx": ">= 20", "pdf": ">= 2"}
PDF_ROTATION = 40


def _long(seed: int):
    """A report of about ten printed pages: the synthetic prose repeated in every section."""
    report = generate_report(seed, version="2021")
    for section in report.sections.values():
        section.text = "\n".join([section.text] * 4)
    return report


def run() -> list[Figure]:
    reports = [generate_report(seed, version=("2019", "2021")[seed % 2]) for seed in range(20)]
    figures = []
    for kind in ("html", "docx", "xlsx"):
        render(reports[0], kind)  # warm caches (template, imports)
        state = {"i": 0}

        def one(kind=kind, state=state):
            render(reports[state["i"] % len(reports)], kind)
            state["i"] += 1

        figures.append(Figure(f"writers.{kind}_per_s", cpu_rate(one, 1), "reports/s", TARGETS[kind]))
    # PDF: different 10-page reports in rotation, more of them than Typst's caches keep between
    # compilations (a report compiled again within ≈ 10 compilations is mostly cached), so the
    # figure is that of reports never seen before
    longs = [_long(seed) for seed in range(1, PDF_ROTATION + 1)]
    render(_long(0), "pdf")  # warm: the compiler, fonts, template
    state = {"i": 0}

    def one_pdf():
        render(longs[state["i"] % len(longs)], "pdf")
        state["i"] += 1

    figures.append(
        Figure("writers.pdf_10_pages_per_s", cpu_rate(one_pdf, 1, min_seconds=6), "reports/s", TARGETS["pdf"])
    )
    figures.append(Figure("writers.pdf_peak_rss_300", _pdf_peak_rss(300), "MB", "<= 400"))
    return figures


def _pdf_peak_rss(count: int) -> float:
    """Peak RSS of this process after `count` more different PDF reports (long and short, both
    format versions): Typst's caches must not grow with the number of reports."""
    for seed in range(1000, 1000 + count):
        render(_long(seed) if seed % 2 else generate_report(seed, version="2019"), "pdf")
    return peak_rss_mb()
