"""Coordinators run the missions' mailing list."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, grant as grant_to


def grant(apps, schema_editor):
    grant_to(
        apps,
        COORDINATORS,
        "presessions",
        [
            "view_subscriber",
            "change_subscriber",
            "view_mailing",
            "add_mailing",
            "view_mailingrecipient",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("presessions", "0007_mailing_list")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
