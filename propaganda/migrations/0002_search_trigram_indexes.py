"""On PostgreSQL, trigram indexes answer the library's ``contains`` search at 50,000 documents.

SQLite has no such index and scans; the same query works on both.
"""

from django.db import migrations

INDEXES = (
    ("propaganda_title_search_trgm", "title_search"),
    ("propaganda_body_search_trgm", "body_search"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON propaganda_legaldocument USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("propaganda", "0001_library")]
    operations = [migrations.RunPython(create, drop)]
