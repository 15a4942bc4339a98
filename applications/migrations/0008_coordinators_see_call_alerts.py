"""Coordinators see the call alert subscriptions, with their addresses, and what was sent."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, grant as grant_to


def grant(apps, schema_editor):
    grant_to(
        apps,
        COORDINATORS,
        "applications",
        ["view_callalert", "view_callalert_email", "view_callalertdelivery"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0007_call_alerts"),
        ("panels", "0004_coordinators_run_the_timetable"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
