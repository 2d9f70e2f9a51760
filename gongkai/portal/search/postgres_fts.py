"""PostgreSQL full text: a generated `tsvector` (config `simple`, title weighted A, body B) with a
GIN index, over the segmented text; ranked by `ts_rank_cd`, at most the rank limit's candidates
(base.py). A second, small generated `title_vector` (the title's lexemes only) picks the candidates
without reading the big vector of each match."""

from __future__ import annotations

from django.db import connection

from .base import SearchBackend


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


class PostgresFtsBackend(SearchBackend):
    vendor = "postgresql"

    def _match(self, terms, where, params, offset, limit, cap):
        query_sql, query_params = tsquery_sql(terms)
        head_rows, rest_rows = self._spans(offset, limit, cap)
        # `m`: every match, read through the GIN index, with only small columns: the date and whether
        # the title alone matches (`title_vector`, a few lexemes). The big `search_vector` is read for
        # the ranked head only, each row fetched again by its physical address (`ctid`, one page read,
        # stable within the statement) rather than through the primary key's index.
        sql = f"""
            WITH q AS MATERIALIZED (SELECT {query_sql} AS query),
            m AS MATERIALIZED (
                SELECT d.ctid AS tid, d.id, d.published_date AS day, d.title_vector @@ q.query AS in_title
                FROM portal_searchdocument d, q
                WHERE d.search_vector @@ q.query{where}
            ),
            head AS MATERIALIZED (
                SELECT tid, id, day FROM m ORDER BY in_title DESC, day DESC NULLS LAST, id DESC LIMIT %s
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
                    SELECT m.id, m.day FROM m WHERE NOT EXISTS (SELECT FROM head WHERE head.id = m.id)
                    ORDER BY m.day DESC NULLS LAST, m.id DESC LIMIT %s
                ) r
            )
            SELECT t.total, p.id, p.score
            FROM (SELECT count(*) AS total FROM m) t
            LEFT JOIN (SELECT * FROM ranked UNION ALL SELECT * FROM rest) p ON p.pos > %s
            ORDER BY p.pos LIMIT %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*query_params, *params, cap, head_rows, cap, rest_rows, offset, limit])
            found = cursor.fetchall()
        total = found[0][0]
        return [(pk, float(score)) for _, pk, score in found if pk is not None], total
