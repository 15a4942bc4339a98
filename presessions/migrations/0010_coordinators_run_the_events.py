"""Coordinators run the trainings and the networking event."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, grant as grant_to


def grant(apps, schema_editor):
    grant_to(
        apps,
        COORDINATORS,
        "presessions",
        [
            f"{action}_{model}"
            for model in ("event", "registration")
            for action in ("view", "add", "change", "delete")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("presessions", "0009_events")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
