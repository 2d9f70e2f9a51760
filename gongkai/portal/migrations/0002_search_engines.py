"""The engine-specific half of the search index: FTS5 + triggers on SQLite, a generated tsvector
with a GIN index on PostgreSQL. Each vendor runs only its own SQL."""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE portal_search_fts USING fts5(
        title_tokens, body_tokens,
        content='portal_searchdocument', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER portal_search_fts_ai AFTER INSERT ON portal_searchdocument BEGIN
        INSERT INTO portal_search_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
    """CREATE TRIGGER portal_search_fts_ad AFTER DELETE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    END""",
    """CREATE TRIGGER portal_search_fts_au AFTER UPDATE ON portal_searchdocument BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO portal_search_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
    "INSERT INTO portal_search_fts(portal_search_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS portal_search_fts_au",
    "DROP TRIGGER IF EXISTS portal_search_fts_ad",
    "DROP TRIGGER IF EXISTS portal_search_fts_ai",
    "DROP TABLE IF EXISTS portal_search_fts",
]
POSTGRES_UP = [
    """ALTER TABLE portal_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, coalesce(title_tokens, '')), 'A')
            || setweight(to_tsvector('simple'::regconfig, coalesce(body_tokens, '')), 'B')
        ) STORED""",
    "CREATE INDEX portal_searchdocument_vector_gin ON portal_searchdocument USING GIN (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS portal_searchdocument_vector_gin",
    "ALTER TABLE portal_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
            elidable=False,
        ),
    ]
