"""PostgreSQL full text: a generated `tsvector` (config `simple`, title weighted A, body B) with a
GIN index, over the segmented text; ranked by `ts_rank_cd`, at most the rank limit's candidates
(base.py). A second, small generated `title_vector` (the title's lexemes only) picks the candidates
without reading the big vector of each match."""

from __future__ import annotations

import json

from django.db import connection, transaction

from .base import SearchBackend, count_limit


def tsquery_sql(terms) -> tuple[str, list[str]]:
    """Every query word must be present, as itself or as all of its shorter parts."""
    clauses, params = [], []
    for word, parts in terms:
        sql = "phraseto_tsquery('simple', %s)"
        params.append(word)
        if parts:
            inner = " && ".join("phraseto_tsquery('simple', %s)" for _ in parts)
            params.extend(parts)
            sql = f"({sql} || ({inner}))"
        clauses.append(sql)
    return " && ".join(clauses), params


# weights D, C, B (body), A (title): a title match outweighs several body matches, as bm25 does on SQLite
WEIGHTS = "{0.02, 0.05, 0.1, 1.0}"


# How many rows a date window aims at, as multiples of the rows wanted, tried in turn (`_newest`).
WINDOW_MARGINS = (1.25, 5)
# Below this many times the rows wanted, reading every match is cheaper than a window's date bitmap.
WINDOW_FROM = 8
# Memory for one bitmap of a common word's matches or of a date window (100,000+ rows): with the
# default 4 MB, PostgreSQL keeps only the pages, not the rows, and then reads every row of those pages.
WORK_MEM = "32MB"


class PostgresFtsBackend(SearchBackend):
    vendor = "postgresql"

    def _match(self, terms, where, params, offset, limit, cap, dates=(None, None)):
        query_sql, query_params = tsquery_sql(terms)
        counted = count_limit()
        head_rows, rest_rows = self._spans(offset, limit, cap)
        # `m`: the matches (at most one more than the count limit), read through the GIN index, with
        # only small columns: the date and whether the title alone matches (`title_vector`, a few
        # lexemes). The query is written out in `m` (not only in `q`) so the planner sees its words'
        # frequencies. The big `search_vector` is read for the ranked head only, each row fetched again
        # by its physical address (`ctid`, one page read, stable within the statement) rather than
        # through the primary key's index. Nothing is ranked when `m` reached past the count limit:
        # `_large` answers those.
        sql = f"""
            WITH q AS MATERIALIZED (SELECT {query_sql} AS query),
            m AS MATERIALIZED (
                SELECT d.ctid AS tid, d.id, d.published_date AS day, d.title_vector @@ q.query AS in_title
                FROM portal_searchdocument d, q
                WHERE d.search_vector @@ ({query_sql}){where}
                LIMIT %s
            ),
            head AS MATERIALIZED (
                SELECT tid, id, day FROM m WHERE (SELECT count(*) FROM m) <= %s
                ORDER BY in_title DESC, day DESC NULLS LAST, id DESC LIMIT %s
            ),
            ranked AS (
                SELECT id, score, row_number() OVER (ORDER BY score DESC, day DESC, id DESC) AS pos
                FROM (
                    SELECT h.id, h.day, ts_rank_cd('{WEIGHTS}'::float4[], d.search_vector, q.query) AS score
                    FROM head h JOIN portal_searchdocument d ON d.ctid = h.tid, q
                    ORDER BY score DESC, h.day DESC, h.id DESC LIMIT %s
                ) r
            ),
            rest AS (
                SELECT id, 0.0::float4 AS score, %s + row_number() OVER (ORDER BY day DESC NULLS LAST, id DESC) AS pos
                FROM (
                    SELECT m.id, m.day FROM m
                    WHERE (SELECT count(*) FROM m) <= %s AND NOT EXISTS (SELECT FROM head WHERE head.id = m.id)
                    ORDER BY m.day DESC NULLS LAST, m.id DESC LIMIT %s
                ) r
            )
            SELECT t.total, p.id, p.score
            FROM (SELECT count(*) AS total FROM m) t
            LEFT JOIN (SELECT * FROM ranked UNION ALL SELECT * FROM rest) p ON p.pos > %s
            ORDER BY p.pos LIMIT %s
        """
        args = [*query_params, *query_params, *params, counted + 1, counted, cap, head_rows]
        args += [cap, counted, rest_rows, offset, limit]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            cursor.execute(sql, args)
            found = cursor.fetchall()
            total = found[0][0]
            if total <= counted:
                return [(pk, float(score)) for _, pk, score in found if pk is not None], total, False
            return self._large(cursor, query_sql, query_params, where, params, offset, limit, cap, dates)

    def _large(self, cursor, query_sql, query_params, where, params, offset, limit, cap, dates):
        """More matches than the count limit: the same order (base.py) from the newest title matches
        and the newest matches, each found through a date window (`_newest`) instead of reading every
        match; the total is the planner's estimate."""
        match = (f"d.search_vector @@ ({query_sql}){where}", [*query_params, *params])
        in_title = (f"d.title_vector @@ ({query_sql}){where}", [*query_params, *params])
        total = max(count_limit() + 1, _estimate(cursor, *match))
        head_rows, rest_rows = self._spans(offset, limit, cap)

        def newest(condition, n, estimate=None):
            return _newest(cursor, *condition, n, estimate, dates)

        # The candidates: the newest title matches, then the newest of the others.
        head = [pk for pk, _ in newest(in_title, cap)]
        if len(head) < cap:
            chosen = set(head)
            head += [pk for pk, _ in newest(match, cap, total) if pk not in chosen][: cap - len(head)]
        found: list[tuple[int, float]] = []
        if head_rows:
            cursor.execute(
                f"""SELECT d.id, ts_rank_cd('{WEIGHTS}'::float4[], d.search_vector, q.query) AS score
                FROM portal_searchdocument d, (SELECT {query_sql} AS query) q WHERE d.id = ANY(%s)
                ORDER BY score DESC, d.published_date DESC, d.id DESC""",
                [*query_params, head],
            )
            found = [(pk, float(score)) for pk, score in cursor.fetchall()][offset:head_rows]
        if rest_rows:
            # The rest's first rows are among the newest `cap + rest_rows` matches, of which at most
            # `cap` are candidates.
            chosen = set(head)
            rest = [pk for pk, _ in newest(match, cap + rest_rows, total) if pk not in chosen]
            found += [(pk, 0.0) for pk in rest[:rest_rows][max(0, offset - cap) :]]
        return found[:limit], total, True


def _estimate(cursor, condition: str, params: list) -> int:
    """The planner's number of rows for `condition`, as the column listing's count does (queries.py)."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM portal_searchdocument d WHERE {condition}", params)
    plan = cursor.fetchone()[0]
    plan = (plan if isinstance(plan, list) else json.loads(plan))[0]
    return int(plan["Plan"]["Plan Rows"])


def _newest(cursor, condition: str, params: list, n: int, estimate=None, dates=(None, None)) -> list[tuple]:
    """(id, date) of the newest `n` rows meeting `condition`, newest first (date, nulls last, then id).

    Reading every match only to keep the newest `n` costs one heap page per match. When the planner
    expects at least 8 × `n`, the query first looks only at the newest items of the whole index: a
    window chosen from the date column's statistics to hold about 1.25 × `n` matches (the GIN bitmap
    ANDed with the date index's range, so only the window's matches are read). If the window holds
    `n` matches, they are the newest `n`; otherwise a window four times wider, then no window.
    `dates`: the search's date filters (from, to), which the window's share is taken within."""
    order = f"ORDER BY d.published_date DESC NULLS LAST, d.id DESC LIMIT {int(n)}"
    select = f"SELECT d.id, d.published_date FROM portal_searchdocument d WHERE {condition}"
    expected = estimate if estimate is not None else _estimate(cursor, condition, params)
    for margin in WINDOW_MARGINS if expected >= WINDOW_FROM * n else ():
        if margin * n / expected > 0.5:  # a bitmap over half the index costs more than it saves
            break
        start = _window_start(cursor, margin * n / expected, *dates)
        if start is None:
            break
        cursor.execute(f"{select} AND d.published_date >= %s {order}", [*params, start])
        rows = cursor.fetchall()
        if len(rows) == n:
            return rows
    cursor.execute(f"{select} {order}", params)
    return cursor.fetchall()


def _window_start(cursor, share: float, date_from=None, date_to=None):
    """The date from which the newest `share` of the index's rows (between the dates given) start,
    from the column's statistics (most common dates and histogram); None when there are none or the
    window would be everything."""
    cursor.execute(
        "SELECT most_common_vals::text::date[], most_common_freqs, histogram_bounds::text::date[], null_frac"
        " FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'portal_searchdocument'"
        " AND attname = 'published_date'"
    )
    row = cursor.fetchone()
    if row is None:
        return None
    common, freqs, bounds, nulls = row[0] or [], row[1] or [], row[2] or [], row[3] or 0.0
    points = list(zip(common, freqs, strict=True))
    if len(bounds) > 1:
        # Each histogram bucket holds the same share of the other rows; counted at its lower bound,
        # so that a window reaching that bound holds at least the bucket.
        bucket = max(0.0, 1.0 - nulls - sum(freqs)) / (len(bounds) - 1)
        points += [(day, bucket) for day in bounds[:-1]]
    points = [
        (day, part)
        for day, part in points
        if (date_from is None or day >= date_from) and (date_to is None or day <= date_to)
    ]
    share *= sum(part for _, part in points)
    seen = 0.0
    for day, part in sorted(points, reverse=True):
        seen += part
        if seen >= share:
            return day
    return None
