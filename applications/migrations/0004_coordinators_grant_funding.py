"""Coordinators review the funding requests and record what is granted."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, grant as grant_to


def grant(apps, schema_editor):
    grant_to(apps, COORDINATORS, "applications", ["view_fundingrequest", "change_fundingrequest"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_funding"),
        # After the groups are made: their migration sets the coordinators' rights anew.
        ("panels", "0004_coordinators_run_the_timetable"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
