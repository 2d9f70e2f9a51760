"""SQLite FTS5 over the segmented text (`unicode61` splits on the spaces), ranked by bm25."""

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

    def _match(self, terms, where, params, offset, limit):
        expression = match_expression(terms)
        base = (
            " FROM portal_search_fts f JOIN portal_searchdocument d ON d.id = f.rowid"
            f" WHERE portal_search_fts MATCH %s{where}"
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*)" + base, [expression, *params])
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT d.id, bm25(portal_search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score{base}"
                " ORDER BY score, d.published_date DESC LIMIT %s OFFSET %s",
                [expression, *params, limit, offset],
            )
            # bm25 is lower-is-better; report higher-is-better like PostgreSQL
            rows = [(pk, -score) for pk, score in cursor.fetchall()]
        return rows, total
