"""SQLite FTS5 over the segmented text (`unicode61` splits on the spaces), ranked by bm25, at most
the rank limit's candidates (base.py)."""

from __future__ import annotations

from django.db import connection

from .base import SearchBackend

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def match_expression(terms) -> str:
    """Every query word must be present, as itself or as all of its shorter parts."""
    clauses = []
    for word, parts in terms:
        if parts:
            inner = " AND ".join(_quote(p) for p in parts)
            clauses.append(f"({_quote(word)} OR ({inner}))")
        else:
            clauses.append(_quote(word))
    return " AND ".join(clauses)


class SqliteFtsBackend(SearchBackend):
    vendor = "sqlite"

    def _match(self, terms, where, params, offset, limit, cap, dates=(None, None)):
        expression = match_expression(terms)
        head_rows, rest_rows = self._spans(offset, limit, cap)
        # The same rule as PostgreSQL (base.py). A title match is the expression restricted to the
        # title column; bm25 (lower is better) is computed for the ranked head only.
        sql = f"""
            WITH m AS MATERIALIZED (
                SELECT d.id, d.published_date AS day,
                       d.id IN (SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s) AS in_title
                FROM portal_search_fts f JOIN portal_searchdocument d ON d.id = f.rowid
                WHERE portal_search_fts MATCH %s{where}
            ),
            head AS MATERIALIZED (
                SELECT id, day FROM m ORDER BY in_title DESC, day DESC, id DESC LIMIT %s
            ),
            ranked AS (
                SELECT id, score, row_number() OVER (ORDER BY score, day DESC, id DESC) AS pos
                FROM (
                    SELECT h.id, h.day, bm25(portal_search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score
                    FROM portal_search_fts f JOIN head h ON h.id = f.rowid
                    WHERE portal_search_fts MATCH %s
                    ORDER BY score, h.day DESC, h.id DESC LIMIT %s
                )
            ),
            rest AS (
                SELECT id, 0.0 AS score, %s + row_number() OVER (ORDER BY day DESC, id DESC) AS pos
                FROM (
                    SELECT id, day FROM m WHERE id NOT IN (SELECT id FROM head)
                    ORDER BY day DESC, id DESC LIMIT %s
                )
            )
            SELECT t.total, p.id, p.score
            FROM (SELECT count(*) AS total FROM m) t
            LEFT JOIN (SELECT * FROM ranked UNION ALL SELECT * FROM rest) p ON p.pos > %s
            ORDER BY p.pos LIMIT %s
        """
        title_expression = f"title_tokens : ({expression})"
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    title_expression,
                    expression,
                    *params,
                    cap,
                    expression,
                    head_rows,
                    cap,
                    rest_rows,
                    offset,
                    limit,
                ],
            )
            found = cursor.fetchall()
        # bm25 is lower-is-better; report higher-is-better like PostgreSQL
        return [(pk, -score or 0.0) for _, pk, score in found if pk is not None], found[0][0], False
