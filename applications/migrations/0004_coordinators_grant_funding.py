"""Coordinators review the funding requests and record what is granted."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    coordinators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="applications",
            codename__in=["view_fundingrequest", "change_fundingrequest"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_funding"),
        # After the groups are made: their migration sets the coordinators' rights anew.
        ("panels", "0004_coordinators_run_the_timetable"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
