"""PostgreSQL full text: a generated `tsvector` (config `simple`, title weighted A, body B) with a
GIN index, over the segmented text; ranked by `ts_rank_cd`."""

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

    def _match(self, terms, where, params, offset, limit):
        query_sql, query_params = tsquery_sql(terms)
        base = (
            f" FROM portal_searchdocument d, (SELECT {query_sql} AS query) q"
            f" WHERE d.search_vector @@ q.query{where}"
        )
        with connection.cursor() as cursor:
            # One pass over the matches ranks them and counts them (`count(*) OVER ()`): each match is
            # a heap row of its own, and reading them twice was most of a common word's time.
            cursor.execute(
                f"SELECT d.id, ts_rank_cd('{WEIGHTS}'::float4[], d.search_vector, q.query) AS score,"
                f" count(*) OVER (){base}"
                " ORDER BY score DESC, d.published_date DESC LIMIT %s OFFSET %s",
                [*query_params, *params, limit, offset],
            )
            found = cursor.fetchall()
            if found:
                total = found[0][2]
            else:  # a page past the last one: no row carries the count
                cursor.execute("SELECT count(*)" + base, [*query_params, *params])
                total = cursor.fetchone()[0]
        return [(pk, float(score)) for pk, score, _ in found], total
