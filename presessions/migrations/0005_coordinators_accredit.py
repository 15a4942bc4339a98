"""Coordinators decide accreditations and check passes at the door."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, grant as grant_to


def grant(apps, schema_editor):
    grant_to(
        apps,
        COORDINATORS,
        "presessions",
        ["view_accreditation", "change_accreditation", "decide_accreditation", "check_pass"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("presessions", "0004_accreditation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # After the groups are made: their migration sets the coordinators' rights anew.
        ("panels", "0004_coordinators_run_the_timetable"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
