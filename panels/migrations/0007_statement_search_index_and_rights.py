"""The full-text index of the statements (PostgreSQL only), and who may publish them."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, REVIEWERS, grant as grant_to

MODELS = ["statement", "recommendation", "material"]
INDEX = "panels_statement_search_gin"


def create_search_index(apps, schema_editor):
    # SQLite has no GIN index; there the search falls back to plain matching.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON panels_statement USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def grant(apps, schema_editor):
    grant_to(
        apps,
        COORDINATORS,
        "panels",
        [f"{a}_{m}" for m in MODELS for a in ("view", "change")] + ["publish_statement"],
    )
    grant_to(apps, REVIEWERS, "panels", [f"view_{m}" for m in MODELS])


class Migration(migrations.Migration):
    dependencies = [("panels", "0006_statements")]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
