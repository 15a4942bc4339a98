"""Helpers for the data migrations that give rights to the staff groups.

Permissions are normally created after all migrations run; the migrations that hand
them to the Reviewers, Coordinators and Door groups need them at once."""

from django.contrib.auth.management import create_permissions

REVIEWERS = "Reviewers"
COORDINATORS = "Coordinators"
# Staff at the entrance of the room: they check passes and see nothing else.
DOOR = "Door"


def ensure_permissions(apps) -> None:
    """Create the permissions of every model known to this migration state."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name: str, app_label: str, codenames) -> None:
    """Add these permissions of one app to a group (created if missing)."""
    ensure_permissions(apps)
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
    group.permissions.add(
        *apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label=app_label, codename__in=list(codenames)
        )
    )
