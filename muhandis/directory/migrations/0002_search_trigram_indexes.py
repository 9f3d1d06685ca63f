"""On PostgreSQL, trigram GIN indexes on the directory's search keys, so that a name fragment
(``LIKE '%…%'``) does not read every firm and listing; SQLite has no equivalent and scans the
(small, ordered) search-key indexes of 0001.

Written as SQL rather than model indexes because the trigram index is PostgreSQL-only.
"""

from django.db import migrations

INDEXES = {
    "directory_firm_search_trgm": "directory_firmprofile",
    "directory_listing_search_trgm": "directory_engineerlisting",
}


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_key gin_trgm_ops)"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
