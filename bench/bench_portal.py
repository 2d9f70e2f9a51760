"""Portal speed on PostgreSQL with generated data (skipped when PostgreSQL is not reachable).

Figures: search p95, column listing p95 (the view, rendered, page cache emptied before each request),
item page requests/s (gunicorn as in the README, started and stopped here on 127.0.0.1, loaded by
`wrk` — or a Python client in its own process when wrk is missing — for a bounded 5 s + 10 s, on the
same cores) with the workers' CPU time per request, and importing 10,000 items (ORM bulk insert of
the items plus segmentation and indexing of each).

Generated items come from a word list drawn from jieba's dictionary with a Zipf-like spread; their
index rows carry those words as tokens, so 1,000,000 rows load by COPY in minutes instead of
segmenting 200 million characters. `GONGKAI_BENCH_PORTAL_ITEMS` sets the size (default 1,000,000);
the data stays in the database `gongkai_bench_portal` between runs. `GONGKAI_BENCH_PORTAL_ONLY=search`
measures only the search figures.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import Process, Queue

from bench.common import Figure

PG = ("127.0.0.1", 5432)
DB = "gongkai_bench_portal"
AGENCIES, COLUMNS = 50, 20
SEED = 20240101
# Among the generated corpus's most frequent words (each in 10–20 % of the items): what a portal's
# most common queries (通知, 工作, 公开) cost.
COMMON_WORDS = ("工作", "发展", "国家", "问题", "经济", "社会")


def _pg_up() -> bool:
    try:
        with socket.create_connection(PG, timeout=1):
            return True
    except OSError:
        return False


def _setup_django() -> None:
    import psycopg

    with psycopg.connect(f"host={PG[0]} port={PG[1]} user=postgres dbname=postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone():
            conn.execute(f'CREATE DATABASE "{DB}"')
    os.environ["DATABASE_URL"] = f"postgres://postgres@{PG[0]}:{PG[1]}/{DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.platform.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _vocabulary(size: int = 6000) -> list[str]:
    import jieba

    path = jieba.get_dict_file().name if hasattr(jieba.get_dict_file(), "name") else None
    words = []
    with open(path or jieba.DEFAULT_DICT, encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split()
            if 2 <= len(word) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                words.append((int(freq), word))
    words.sort(reverse=True)
    return [w for _, w in words[:size]]


def _ensure_data(size: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.catalogue.models import Column, Item
    from gongkai.portal.models import SearchDocument

    if (
        SearchDocument.objects.exclude(agency_code="bench-import").count() == size
        and Item.objects.count() >= size
    ):
        return
    print(f"generating {size} items …", file=sys.stderr, flush=True)
    with connection.cursor() as c:
        c.execute(
            "TRUNCATE portal_delivery, portal_channelevent, portal_searchdocument, catalogue_itemevent,"
            " catalogue_attachment, catalogue_checkrun, catalogue_review, catalogue_item CASCADE"
        )
    get_user_model().objects.get_or_create(username="bench")
    agencies = []
    for a in range(AGENCIES):
        agency, _ = Agency.objects.get_or_create(code=f"bench{a:02d}", defaults={"name": f"基准测试第{a}局"})
        agencies.append(agency)
        for n in range(COLUMNS):
            Column.objects.get_or_create(
                agency=agency, slug=f"col{n:02d}", defaults={"name": f"栏目{n}", "order": n}
            )
    columns = {(c.agency_id, c.slug): c.pk for c in Column.objects.filter(agency__in=agencies)}
    rng = random.Random(SEED)
    vocab = _vocabulary()
    weights = [1 / (rank + 50) for rank in range(len(vocab))]
    now = timezone.now()
    start = dt.date(2015, 1, 1)
    validities = ["valid"] * 8 + ["expired", "repealed"]
    batch_words = 200_000
    pool: list[str] = []
    at = 0
    with connection.cursor() as c:
        c.execute("DROP INDEX IF EXISTS portal_searchdocument_vector_gin")
        raw = c.connection
        t0 = time.perf_counter()
        with raw.cursor() as cur:
            item_cols = (
                "id, agency_id, column_id, title, index_number, document_number, keywords, written_date,"
                " published_date, published_at, validity, disclosure_attribute, withholding_reason, body, status,"
                " version, revision, review_round, withdrawal_reason, redacted_body, late_check, late_detail,"
                " created_at, updated_at"
            )
            doc_cols = (
                "key, item_id, title, body, url, agency_code, agency_name, column_slug, column_name, index_number,"
                " document_number, published_date, validity, title_tokens, body_tokens, indexed_at"
            )
            rows_items, rows_docs = [], []
            for i in range(1, size + 1):
                if at + 50 > len(pool):
                    pool, at = rng.choices(vocab, weights=weights, k=batch_words), 0
                title_words, body_words = pool[at : at + 6], pool[at + 6 : at + 50]
                at += 50
                agency = agencies[i % AGENCIES]
                slug = f"col{(i // AGENCIES) % COLUMNS:02d}"
                day = start + dt.timedelta(days=(i * 7919) % 3650)
                index_number = f"{agency.code}-{day.year}-{i:07d}"
                title, body = "".join(title_words), "，".join(body_words) + "。"
                validity = validities[i % 10]
                rows_items.append(
                    (
                        i,
                        agency.pk,
                        columns[(agency.pk, slug)],
                        title,
                        index_number,
                        "",
                        "",
                        day,
                        day,
                        now,
                        validity,
                        "proactive",
                        "",
                        body,
                        "published",
                        1,
                        1,
                        1,
                        "",
                        "",
                        "",
                        "",
                        now,
                        now,
                    )
                )
                rows_docs.append(
                    (
                        f"item:{i}",
                        i,
                        title,
                        body,
                        f"/{agency.code}/items/{index_number}/",
                        agency.code,
                        agency.name,
                        slug,
                        slug,
                        index_number,
                        "",
                        day,
                        validity,
                        " ".join(title_words),
                        " ".join(body_words),
                        now,
                    )
                )
                if len(rows_items) >= 50_000 or i == size:
                    with cur.copy(f"COPY catalogue_item ({item_cols}) FROM STDIN") as copy:
                        for row in rows_items:
                            copy.write_row(row)
                    with cur.copy(f"COPY portal_searchdocument ({doc_cols}) FROM STDIN") as copy:
                        for row in rows_docs:
                            copy.write_row(row)
                    rows_items, rows_docs = [], []
                    print(f"  {i} rows, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
            cur.execute("SELECT setval(pg_get_serial_sequence('catalogue_item', 'id'), %s)", [size])
        print("building the GIN index …", file=sys.stderr, flush=True)
        c.execute("SET maintenance_work_mem = '1GB'")
        c.execute(
            "CREATE INDEX portal_searchdocument_vector_gin ON portal_searchdocument USING GIN (search_vector)"
        )
        c.execute("ANALYZE catalogue_item")
        c.execute("ANALYZE portal_searchdocument")
    print(f"generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _backend_cpu_ns(pid: int) -> int:
    """CPU time of the PostgreSQL backend serving this connection (Linux schedstat, nanoseconds)."""
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[0])


def _search_p95(size: int) -> list[Figure]:
    """Wall-clock p95 (the target), and the p95 of the CPU one search costs this process plus its
    PostgreSQL backend: the same work, without the waiting for cores other sessions hold. Also the
    p99 and the slowest of the 200 queries, and the slowest of a handful of deliberately very common
    words (100,000–200,000 matches each: page 1, an agency filter, a page past the ranked head)."""
    from django.db import connection

    from gongkai.portal.search import get_backend

    rng = random.Random(7)
    vocab = _vocabulary()
    backend = get_backend()
    queries = []
    for n in range(200):
        words = rng.sample(vocab[200:], 2 if n % 3 == 0 else 1)  # users look for specific words
        filters = {"agency": f"bench{rng.randrange(AGENCIES):02d}"} if n % 4 == 0 else {}
        queries.append((" ".join(words), filters))
    common = [(word, {}) for word in COMMON_WORDS]
    common += [(COMMON_WORDS[0], {"agency": "bench07"}), (COMMON_WORDS[0], {"page": 101})]
    common += [(f"{COMMON_WORDS[0]} {COMMON_WORDS[1]}", {})]
    for q, f in queries[:10]:
        backend.search(q, **f)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pg_pid = cursor.fetchone()[0]

    def measure(batch):
        samples, cpu_samples = [], []
        for q, f in batch:
            t, c, b = time.perf_counter(), time.process_time(), _backend_cpu_ns(pg_pid)
            backend.search(q, **f)
            samples.append((time.perf_counter() - t) * 1000)
            cpu_samples.append((time.process_time() - c) * 1000 + (_backend_cpu_ns(pg_pid) - b) / 1e6)
        return samples, cpu_samples

    samples, cpu_samples = measure(queries)
    common_samples, common_cpu = measure(common)
    k = size // 1000
    return [
        Figure(f"portal.search_p95_ms_{k}k", _p95(samples), "ms", "<= 100"),
        Figure(f"portal.search_cpu_p95_ms_{k}k", _p95(cpu_samples), "ms", "<= 100"),
        Figure(f"portal.search_p99_ms_{k}k", statistics.quantiles(samples, n=100)[-1], "ms", "<= 200"),
        Figure(f"portal.search_max_ms_{k}k", max(samples), "ms", "<= 200"),
        Figure(f"portal.search_common_words_max_ms_{k}k", max(common_samples), "ms", "<= 200"),
        Figure(f"portal.search_common_words_cpu_max_ms_{k}k", max(common_cpu), "ms", "<= 200"),
    ]


def _listing_p95(size: int) -> list[Figure]:
    """The column page rendered (the view, page cache emptied first): wall-clock p95, and the p95 of
    this process's CPU plus its PostgreSQL backend's."""
    from django.db import connection
    from django.test import RequestFactory

    from gongkai.portal import views
    from gongkai.portal.pagecache import page_cache

    rng = random.Random(8)
    factory = RequestFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pg_pid = cursor.fetchone()[0]
    samples, cpu_samples = [], []
    for n in range(220):
        code, slug = f"bench{rng.randrange(AGENCIES):02d}", f"col{rng.randrange(COLUMNS):02d}"
        request = factory.get(f"/{code}/columns/{slug}/", {"page": rng.choice([1, 1, 1, 2, 5, 20])})
        page_cache().clear()  # the rendering is measured, not a cache hit
        t, c, b = time.perf_counter(), time.process_time(), _backend_cpu_ns(pg_pid)
        response = views.column_list(request, agency_code=code, slug=slug)
        assert response.status_code == 200
        if n >= 20:
            samples.append((time.perf_counter() - t) * 1000)
            cpu_samples.append((time.process_time() - c) * 1000 + (_backend_cpu_ns(pg_pid) - b) / 1e6)
    return [
        Figure(f"portal.column_listing_p95_ms_{size // 1000}k", _p95(samples), "ms", "<= 50"),
        Figure(f"portal.column_listing_cpu_p95_ms_{size // 1000}k", _p95(cpu_samples), "ms", "<= 50"),
    ]


def _cpu_seconds(pid: int) -> float:
    """utime + stime of one process (Linux /proc), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _gunicorn_workers(master: int) -> list[int]:
    with open(f"/proc/{master}/task/{master}/children") as f:
        return [int(pid) for pid in f.read().split()]


def _start_gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    """The README's command line, bound to loopback; returns once it answers."""
    command = [
        os.path.join(os.path.dirname(sys.executable), "gunicorn"),
        "gongkai.platform.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--keep-alive=5",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env={**os.environ, "DJANGO_DEBUG": "0"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            if len(_gunicorn_workers(server.pid)) == workers:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _wrk(port: int, paths: list[str], seconds: int, connections: int) -> tuple[int, int, float]:
    """(successful requests, errors, seconds) from wrk, one thread, rotating through `paths`."""
    script = "local paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n"
    script += (
        "local i = 0\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
        "done = function(summary, latency, requests)\n"
        "  local e = summary.errors\n"
        "  io.write(string.format('RESULT %d %d %d\\n', summary.requests,"
        " e.connect + e.read + e.write + e.timeout + e.status, summary.duration))\n"
        "end\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", f.name, f"http://127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            timeout=seconds + 30,
            check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    total, errors, micros = (int(n) for n in out.split("RESULT", 1)[1].split())
    return total - errors, errors, micros / 1e6


def _client(port: int, paths: list[str], seconds: float, threads: int, out: Queue) -> None:
    """Fallback load when wrk is not installed: keep-alive HTTP/1.1 connections, one per thread."""
    ok = errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(n: int):
        nonlocal ok, errors
        i = n
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            try:
                conn.request("GET", paths[i % len(paths)])
                response = conn.getresponse()
                response.read()
                good = response.status == 200
            except (OSError, http.client.HTTPException):
                good = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                if good:
                    ok += 1
                else:
                    errors += 1
            i += threads
        conn.close()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put((ok, errors))


def _load(port: int, paths: list[str], seconds: int) -> tuple[int, int, float]:
    if shutil.which("wrk"):
        return _wrk(port, paths, seconds, connections=16)
    out: Queue = Queue()
    client = Process(target=_client, args=(port, paths, seconds, 16, out))
    t = time.perf_counter()
    client.start()
    client.join()
    ok, errors = out.get()
    return ok, errors, time.perf_counter() - t


def _item_page_rps(size: int) -> list[Figure]:
    """gunicorn (gthread, `GONGKAI_BENCH_WORKERS` processes × 4 threads) started and stopped here,
    loaded by wrk (one thread, 16 keep-alive connections) over 2,000 random item pages: a 15 s warm-up
    fills each worker's page cache (steady state of a portal whose pages are read more than once a
    minute), then 10 s measured. Also the workers' CPU time per request; the cost of a page that is
    not in the cache is `_item_page_uncached_cpu`."""
    from django.db import connections

    from gongkai.portal.models import SearchDocument

    rng = random.Random(9)
    urls = list(
        SearchDocument.objects.filter(item_id__in=[rng.randrange(1, size) for _ in range(2000)]).values_list(
            "url", flat=True
        )
    )
    connections.close_all()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    workers = int(os.environ.get("GONGKAI_BENCH_WORKERS", "2"))
    server = _start_gunicorn(port, workers, threads=4)
    try:
        _load(port, urls, 15)
        pids = _gunicorn_workers(server.pid)
        cpu0 = sum(_cpu_seconds(pid) for pid in pids)
        ok, errors, elapsed = _load(port, urls, 10)
        cpu = sum(_cpu_seconds(pid) for pid in pids) - cpu0
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    budget = 2 * 1000 / 300  # two cores' worth of CPU per request at 300 req/s
    return [
        Figure(f"portal.item_page_rps_{size // 1000}k", ok / elapsed, "req/s", ">= 300"),
        Figure("portal.item_page_errors", errors, "requests", "<= 0"),
        Figure("portal.item_page_server_cpu_ms", cpu * 1000 / max(ok, 1), "ms/request", f"<= {budget:.2f}"),
    ]


def _item_page_uncached_cpu(size: int) -> Figure:
    """CPU time of this process per item page rendered with an empty page cache (the view, in-process)."""
    from django.test import RequestFactory

    from gongkai.portal import views
    from gongkai.portal.models import SearchDocument
    from gongkai.portal.pagecache import page_cache

    rng = random.Random(11)
    rows = list(
        SearchDocument.objects.filter(item_id__in=[rng.randrange(1, size) for _ in range(420)]).values_list(
            "agency_code", "index_number"
        )
    )
    factory, spent = RequestFactory(), 0.0
    for n, (code, number) in enumerate(rows):
        request = factory.get(f"/{code}/items/{number}/")
        page_cache().clear()
        t = time.process_time()
        response = views.item_detail(request, agency_code=code, index_number=number)
        assert response.status_code == 200
        if n >= 20:
            spent += time.process_time() - t
    budget = 2 * 1000 / 300
    return Figure(
        "portal.item_page_uncached_cpu_ms", spent * 1000 / (len(rows) - 20), "ms", f"<= {budget:.2f}"
    )


def _import_10k() -> Figure:
    """10,000 published items: ORM bulk insert into the catalogue, then segmentation + indexing."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.catalogue.models import Column, Item
    from gongkai.portal.indexing import document_for
    from gongkai.portal.models import SearchDocument
    from gongkai.portal.search.base import document_row

    agency, _ = Agency.objects.get_or_create(code="bench-import", defaults={"name": "导入测试局"})
    column, _ = Column.objects.get_or_create(agency=agency, slug="import", defaults={"name": "导入栏目"})
    SearchDocument.objects.filter(agency_code=agency.code).delete()
    with connection.cursor() as c:
        c.execute("DELETE FROM catalogue_item WHERE agency_id = %s", [agency.pk])
    rng = random.Random(10)
    vocab = _vocabulary()
    now = timezone.now()
    t = time.perf_counter()
    with transaction.atomic():
        items = [
            Item(
                agency=agency,
                column=column,
                title="".join(rng.sample(vocab, 6)),
                index_number=f"bench-import-{n:05d}",
                body="，".join(rng.sample(vocab, 60)) + "。",
                status="published",
                published_date=now.date(),
                published_at=now,
            )
            for n in range(10_000)
        ]
        Item.objects.bulk_create(items, batch_size=2000)
        docs = [
            SearchDocument(key=f"item:{i.pk}", **document_row(document_for(i, attachments=[]))) for i in items
        ]
        SearchDocument.objects.bulk_create(docs, batch_size=2000)
    elapsed = time.perf_counter() - t
    return Figure("portal.import_10k_items_s", elapsed, "s", "<= 60")


def run() -> list[Figure]:
    if not _pg_up():
        print("bench_portal: PostgreSQL not reachable on 127.0.0.1:5432, no figures", file=sys.stderr)
        return []
    _setup_django()
    size = int(os.environ.get("GONGKAI_BENCH_PORTAL_ITEMS", "1000000"))
    _ensure_data(size)
    if os.environ.get("GONGKAI_BENCH_PORTAL_ONLY") == "search":
        return _search_p95(size)
    figures = [*_search_p95(size), *_listing_p95(size), _item_page_uncached_cpu(size)]
    figures.extend(_item_page_rps(size))
    figures.append(_import_10k())
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
