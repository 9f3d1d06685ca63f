"""PostgreSQL only: a generated ``tsvector`` of each post's search key with a GIN index, for
the forum's full-text search. SQLite keeps the plain ``search_text`` column (matched with
LIKE); the model does not name the column, so the ORM never writes it."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE forum_post ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX forum_post_search_vector ON forum_post USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS forum_post_search_vector",
    "ALTER TABLE forum_post DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
