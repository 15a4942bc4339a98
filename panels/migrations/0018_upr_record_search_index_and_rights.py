"""The full-text index of the UPR record (PostgreSQL only), and who may import it."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, REVIEWERS, grant as grant_to

INDEX = "panels_uprrecommendation_search_gin"


def create_search_index(apps, schema_editor):
    # SQLite has no GIN index; there the search falls back to plain matching.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON panels_uprrecommendation "
            "USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def grant(apps, schema_editor):
    grant_to(
        apps,
        COORDINATORS,
        "panels",
        [
            "view_uprrecommendation",
            "view_recordimport",
            "add_recordimport",
            "delete_recordimport",
            "import_record",
        ],
    )
    grant_to(apps, REVIEWERS, "panels", ["view_uprrecommendation"])


class Migration(migrations.Migration):
    dependencies = [("panels", "0017_upr_record")]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
