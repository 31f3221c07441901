"""PostgreSQL only: a trigram GIN index so ``search_key LIKE '%word%'`` does not scan the whole people table.

Needs the pg_trgm extension (shipped with PostgreSQL's contrib; creating it needs a superuser or a trusted-extension
grant — see docs/operations.md). SQLite uses the covering (search_key, sort_key) index instead.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS org_person_search_trgm ON org_person USING gin (search_key gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS org_person_search_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("org", "0002_person_search_index")]
    operations = [migrations.RunPython(forward, backward)]
