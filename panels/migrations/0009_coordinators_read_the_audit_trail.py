"""Coordinators read the audit trail of applications, panels, timetables and publication."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, grant


def grant_history(apps, schema_editor):
    grant(apps, COORDINATORS, "applications", ["view_historicalapplication"])
    grant(
        apps,
        COORDINATORS,
        "panels",
        [
            f"view_historical{model}"
            for model in ("panel", "placement", "timetable", "meeting", "statement")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_audit_trail"),
        ("panels", "0008_audit_trail"),
    ]

    operations = [migrations.RunPython(grant_history, migrations.RunPython.noop)]
