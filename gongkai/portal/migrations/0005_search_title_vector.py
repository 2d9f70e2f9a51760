"""PostgreSQL: a second, small generated tsvector over the title's tokens only, so that a query with
thousands of matches can pick its title matches (the candidates it ranks) without reading each match's
big `search_vector`. Kept in the row (storage MAIN: compressed if need be, moved out of line last).
Nothing to do on SQLite, where FTS5 filters on the title column itself. Adding the column rewrites the
table once (about a minute per million rows)."""

from django.db import migrations

POSTGRES_UP = [
    """ALTER TABLE portal_searchdocument ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(title_tokens, ''))) STORED""",
    "ALTER TABLE portal_searchdocument ALTER COLUMN title_vector SET STORAGE MAIN",
]
POSTGRES_DOWN = ["ALTER TABLE portal_searchdocument DROP COLUMN IF EXISTS title_vector"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_page_cache")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP}), _run({"postgresql": POSTGRES_DOWN}), elidable=False
        ),
    ]
