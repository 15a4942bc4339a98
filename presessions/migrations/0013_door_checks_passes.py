"""The Door group checks passes at the entrance of the room, and nothing else;
coordinators see the check-ins with each accreditation."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, DOOR, grant as grant_to


def grant(apps, schema_editor):
    grant_to(apps, DOOR, "presessions", ["check_pass"])
    grant_to(apps, COORDINATORS, "presessions", ["view_checkin"])


class Migration(migrations.Migration):
    dependencies = [
        ("presessions", "0012_check_ins_and_statement_deadline"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
