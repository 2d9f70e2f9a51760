"""Annual-report figures for a supervising office with 5,000 agencies: aggregating their reports of a
year (tables 二/三/四, cell by cell), and the p95 of the supervisor's table page (sorted, filtered,
paged server-side) through Django's test client.

PostgreSQL when it is reachable on 127.0.0.1:5432 (a throw-away `gongkai_bench_annual` database),
else SQLite in a temporary directory. Rows are bulk-inserted; reports come from `gongkai.report.synth`.
"""

from __future__ import annotations

import os
import socket
import statistics
import tempfile
import time
from datetime import date, timedelta

from bench.common import Figure

AGENCIES = 5000
YEAR = 2025
DB = "gongkai_bench_annual"


def _pg_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def _setup() -> str:
    if _pg_up():
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB}")
            conn.execute(f"CREATE DATABASE {DB}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
        engine = "PostgreSQL"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
        engine = "SQLite"
    os.environ["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-annual-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.platform.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return engine


def _data():
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Membership
    from gongkai.annual.document import narrative_of, tables_of, to_document
    from gongkai.annual.models import AnnualReportRecord
    from gongkai.report.synth import generate_report

    office = Agency.objects.create(name="基准市政务公开办", code="bench-gkb", kind="supervisor")
    agencies = [
        Agency(name=f"基准市第{i}局", code=f"b{i:05d}", kind="government" if i % 10 == 0 else "department",
               supervisor=office, path=f"/b{i:05d}/")
        for i in range(AGENCIES)
    ]  # fmt: skip
    Agency.objects.bulk_create(agencies, batch_size=1000)
    agencies = list(Agency.objects.filter(supervisor=office).order_by("code"))
    samples = [generate_report(seed, year=YEAR, agency="基准市某局") for seed in range(20)]
    docs = [(to_document(r), tables_of(r), narrative_of(r)) for r in samples]
    records = []
    for i, agency in enumerate(agencies):
        if i % 7 == 0:
            continue  # not started
        document, tables, narrative = docs[i % len(docs)]
        published = date(YEAR + 1, 1, 10) + timedelta(days=i % 40) if i % 3 else None
        records.append(AnnualReportRecord(
            agency=agency, year=YEAR, status="published" if published else ("in_review" if i % 2 else "draft"),
            document=document, tables=tables, narrative=narrative, published_date=published,
            error_count=i % 3, warning_count=i % 5,
        ))  # fmt: skip
    AnnualReportRecord.objects.bulk_create(records, batch_size=500)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    user = get_user_model().objects.create(username="bench-sup")
    Membership.objects.create(user=user, agency=office, role="supervisor")
    return office, user, len(records)


def run() -> list[Figure]:
    engine = _setup()
    from django.test import Client

    from gongkai.annual import aggregate

    office, user, count = _data()
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        agg = aggregate.aggregate(office, YEAR, include_drafts=True)
        timings.append(time.perf_counter() - start)
    assert agg.count == count
    client = Client()
    client.force_login(user)
    queries = ["", "?sort=-published", "?sort=errors", "?status=late", "?status=published&sort=deadline",
               "?kind=government", "?q=第12", "?page=37", "?sort=-warnings&page=5", "?sort=name"]  # fmt: skip
    page_ms = []
    for round_ in range(4):
        for q in queries:
            start = time.perf_counter()
            response = client.get(f"/office/annual/supervise/{YEAR}/{q}")
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, response.status_code
            if round_:  # the first round warms caches and templates
                page_ms.append(elapsed)
    p95 = statistics.quantiles(page_ms, n=20)[-1]
    return [
        Figure(f"annual aggregate of {AGENCIES} agencies' reports ({engine})", min(timings), "s", "<= 5"),
        Figure(f"annual supervisor table page p95, {AGENCIES} agencies ({engine})", p95, "ms", "<= 300"),
    ]
