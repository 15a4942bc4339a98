"""Coordinators run the trainings and the networking event."""

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
            content_type__app_label="presessions",
            codename__in=[
                f"{action}_{model}"
                for model in ("event", "registration")
                for action in ("view", "add", "change", "delete")
            ],
        )
    )


class Migration(migrations.Migration):
    dependencies = [("presessions", "0009_events")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
