"""Indexes for the public register with many certificates.

- ``(holder_name_latin, number, …)``: the register's order, so a page is read in index order
  instead of sorting every match (both databases). The columns the search filters on follow,
  so that SQLite tests a row against the name and status filters in the index and reads the
  table only for rows that match.
- On PostgreSQL, a trigram GIN index on ``search_name``, so that the name search
  (``LIKE '%…%'``) does not read the whole table; SQLite has no equivalent and scans.

Written as SQL rather than model indexes because the trigram index is PostgreSQL-only.
"""

from django.db import migrations

ORDER_INDEX = "certification_certificate_register_order"
TRIGRAM_INDEX = "certification_certificate_search_trgm"


def create(apps, schema_editor) -> None:
    execute = schema_editor.execute
    execute(
        f"CREATE INDEX IF NOT EXISTS {ORDER_INDEX} "
        "ON certification_certificate "
        "(holder_name_latin, number, search_name, status, expiry_date, holder_id)"
    )
    if schema_editor.connection.vendor == "postgresql":
        execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} "
            "ON certification_certificate USING gin (search_name gin_trgm_ops)"
        )


def drop(apps, schema_editor) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {ORDER_INDEX}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("certification", "0007_certificates_after_issue")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
