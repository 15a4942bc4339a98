"""Coordinators build and publish the timetable; reviewers may look at it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["timetable", "timetableday", "room", "meeting"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    panels = Permission.objects.filter(content_type__app_label="panels")
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    coordinators.permissions.add(
        *panels.filter(
            codename__in=[f"{a}_{m}" for m in MODELS for a in ("view", "add", "change", "delete")]
            + ["publish_programme"]
        )
    )
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(*panels.filter(codename__in=[f"view_{m}" for m in MODELS]))


class Migration(migrations.Migration):
    dependencies = [("panels", "0003_timetable")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
