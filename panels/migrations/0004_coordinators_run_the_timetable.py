"""Coordinators build and publish the timetable; reviewers may look at it."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, REVIEWERS, grant as grant_to

MODELS = ["timetable", "timetableday", "room", "meeting"]


def grant(apps, schema_editor):
    grant_to(
        apps,
        COORDINATORS,
        "panels",
        [f"{a}_{m}" for m in MODELS for a in ("view", "add", "change", "delete")]
        + ["publish_programme"],
    )
    grant_to(apps, REVIEWERS, "panels", [f"view_{m}" for m in MODELS])


class Migration(migrations.Migration):
    dependencies = [("panels", "0003_timetable")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
