"""Applications: tables 三/四 over 100,000 cases, recomputing 100,000 open due dates after a
holiday edit, and working-day arithmetic calls per second.

Runs on PostgreSQL when one answers on 127.0.0.1:5432 (database `gongkai_bench_applications`,
created and migrated here), else on a temporary SQLite file.
"""

from __future__ import annotations

import os
import random
import socket
import tempfile
import time
from datetime import date, timedelta

from bench.common import Figure, rate

N = 100_000
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench_applications")


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
            conn.execute("DROP DATABASE IF EXISTS gongkai_bench_applications")
            conn.execute("CREATE DATABASE gongkai_bench_applications")
        os.environ["DATABASE_URL"] = PG_URL
        engine = "PostgreSQL"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
        engine = "SQLite"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.platform.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return engine


def _cases(agency, n: int, *, open_only: bool, rng: random.Random):
    from django.utils import timezone

    from gongkai.applications.models import Application
    from gongkai.applications.vocab import ApplicantType, Outcome

    now = timezone.now()
    types, outcomes = ApplicantType.values, Outcome.values
    rows = []
    for i in range(n):
        received = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
        closed = not open_only and rng.random() < 0.85
        concluded = received + timedelta(days=rng.randrange(1, 60)) if closed else None
        rows.append(Application(
            agency=agency, year=received.year, serial=i + 1, case_number=f"{agency.code}-{i:06d}",
            tracking_code=f"B{i:015d}", channel="in_person", arrived_at=now, received_on=received,
            applicant_type=rng.choice(types), request_description="x", delivery_form="paper", delivery_method="post",
            status="closed" if closed else "in_progress", outcome=rng.choice(outcomes) if closed else "",
            concluded_on=concluded, due_date=received + timedelta(days=28),
        ))  # fmt: skip
    Application.objects.bulk_create(rows, batch_size=5000)


def run() -> list[Figure]:
    from gongkai.workdays import WorkdayCalendar

    cal = WorkdayCalendar()
    starts = [date(2024, 1, 1) + timedelta(days=i) for i in range(700)]
    figures = [
        Figure("applications.add_working_days_per_s",
               rate(lambda: [cal.add_working_days(d, 20) for d in starts], len(starts)), "calls/s", ">= 100000"),
    ]  # fmt: skip
    engine = _setup()
    from gongkai.agencies.models import Agency
    from gongkai.applications import actions, statistics
    from gongkai.applications import calendar as platform_calendar
    from gongkai.applications.factories import AppealFactory  # noqa: F401  (factory_boy loads models)
    from gongkai.applications.models import Appeal, Application

    rng = random.Random(6)
    busy = Agency.objects.create(name="基准测试局", code="bench-tables")
    _cases(busy, N, open_only=False, rng=rng)
    first = Application.objects.filter(agency=busy).first()
    Appeal.objects.bulk_create([
        Appeal(case=first, agency=busy, kind=rng.choice(["reconsideration", "direct_suit", "suit_after_reconsideration"]),
               role="original_agency", filed_on=date(2026, 1, 1) + timedelta(days=rng.randrange(300)), result="pending")
        for _ in range(2000)
    ])  # fmt: skip
    start = time.perf_counter()
    statistics.table_three(busy, 2026)
    statistics.table_four(busy, 2026)
    figures.append(Figure(f"applications.tables_100k_s ({engine})", time.perf_counter() - start, "s", "<= 2"))

    waiting = Agency.objects.create(name="基准测试办", code="bench-open")
    Application.objects.filter(agency=busy, status="in_progress").update(status="closed", outcome="granted",
                                                                          concluded_on=date(2026, 1, 1))  # fmt: skip
    _cases(waiting, N, open_only=True, rng=rng)
    shipped = WorkdayCalendar().arrangement(2026).to_dict()
    shipped["public_holidays"]["2026-03-10"] = "基准测试假日"
    overrides = platform_calendar.latest_overrides() | {2026: shipped}
    start = time.perf_counter()
    new_cal = platform_calendar.build(overrides)
    changed = actions.recompute_open_cases(new_cal)
    elapsed = time.perf_counter() - start
    figures.append(
        Figure(f"applications.recompute_100k_open_s ({engine}, {changed} changed)", elapsed, "s", "<= 30")
    )
    return figures
