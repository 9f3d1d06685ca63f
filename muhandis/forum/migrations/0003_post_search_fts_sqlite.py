"""SQLite only: an FTS5 index of each post's search key, kept by triggers, so that the forum's
search does not scan every post with LIKE. PostgreSQL has its own index (0002).

A later migration that changes ``forum_post`` on SQLite makes Django rebuild the table, which
drops these triggers: such a migration must run ``FORWARD`` again (and ``rebuild``)."""

from django.db import migrations

FORWARD = [
    "CREATE VIRTUAL TABLE forum_post_fts USING fts5("
    "search_text, content='forum_post', content_rowid='id')",
    "CREATE TRIGGER forum_post_fts_insert AFTER INSERT ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER forum_post_fts_delete AFTER DELETE ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER forum_post_fts_update AFTER UPDATE OF search_text ON forum_post BEGIN "
    "INSERT INTO forum_post_fts(forum_post_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO forum_post_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO forum_post_fts(forum_post_fts) VALUES ('rebuild')",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS forum_post_fts_insert",
    "DROP TRIGGER IF EXISTS forum_post_fts_delete",
    "DROP TRIGGER IF EXISTS forum_post_fts_update",
    "DROP TABLE IF EXISTS forum_post_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("forum", "0002_post_search_vector")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
