"""`gongkai audit` speed per input type (read + assemble + every check), and the memory of a
10,000-report batch.

Corpora: 200 generated reports per type (`gongkai.report.synth`, both format versions), written
with gongkai's own writers and cached under `bench/out/` (git-ignored). 10-page PDFs are slow to
make, so their corpus is smaller (PDF_CORPUS) and cycled. Rates are reports per CPU second of one
process: a per-core figure that other load on the machine does not distort.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Figure
from gongkai.report import api, synth
from gongkai.report.writers import render

OUT = Path(__file__).parent / "out" / "audit"
CORPUS = 200
PDF_CORPUS = 20
BATCH = 10_000
TARGETS = {
    "txt": ">= 100",
    "html": ">= 100",
    "docx": ">= 30",
    "xlsx": ">= 10",
    "pdf": ">= 3",
}  # xlsx: our own


def corpus(kind: str, size: int) -> list[bytes]:
    path = OUT / f"{kind}-{size}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    OUT.mkdir(parents=True, exist_ok=True)
    docs = []
    for seed in range(size):
        report = synth.generate_report(seed, version="2019" if seed % 5 == 0 else "2021")
        if kind == "pdf":  # ten pages: repeat the narrative
            for section in report.sections.values():
                section.text = "\n".join([section.text] * 6)
        docs.append(render(report, kind))
    path.write_bytes(pickle.dumps(docs))
    return docs


def audit_rate(kind: str, docs: list[bytes], min_seconds: float = 3.0) -> float:
    name = f"report.{kind}"
    api.audit_bytes(docs[0], name)  # imports and caches
    count, start = 0, time.process_time()
    while time.process_time() - start < min_seconds:
        for data in docs:
            result = api.audit_bytes(data, name)
            assert result.report.three.found
            count += 1
            if time.process_time() - start >= min_seconds and count >= len(docs) // 4:
                break
    return count / (time.process_time() - start)


def batch_peak_rss_mb() -> tuple[float, float]:
    """Peak RSS (parent, largest worker) of `gongkai audit --summary` over 10,000 TXT files."""
    folder = OUT / "batch"
    files = sorted(folder.glob("*.txt")) if folder.exists() else []
    if len(files) < BATCH:
        folder.mkdir(parents=True, exist_ok=True)
        docs = corpus("txt", CORPUS)
        for i in range(BATCH):
            (folder / f"r{i:05d}.txt").write_bytes(docs[i % len(docs)])
    code = (
        "import resource, sys; from gongkai.cli import main; "
        "status = main(['audit', '--summary', '--jobs', '2', sys.argv[1]]); "
        "print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=False
    )
    line = [x for x in proc.stderr.splitlines() if x.startswith("RSS")][-1]
    _, parent, child = line.split()
    lines = proc.stdout.count("\n")
    assert lines >= BATCH, f"audit printed {lines} lines"
    return int(parent) / 1024, int(child) / 1024


def run() -> list[Figure]:
    figures = []
    for kind in ("txt", "html", "docx", "xlsx", "pdf"):
        docs = corpus(kind, PDF_CORPUS if kind == "pdf" else CORPUS)
        figures.append(Figure(f"audit_{kind}_per_core", audit_rate(kind, docs), "reports/s", TARGETS[kind]))
    start = time.perf_counter()
    parent, child = batch_peak_rss_mb()
    elapsed = time.perf_counter() - start
    figures.append(Figure("audit_batch_10000_peak_rss_parent", parent, "MB", "<= 300"))
    figures.append(Figure("audit_batch_10000_peak_rss_worker", child, "MB", "<= 300"))
    figures.append(Figure("audit_batch_10000_seconds", elapsed, "s", "<= 3600"))
    return figures
