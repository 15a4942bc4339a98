"""The two staff groups of PRODUCT.md, user 2.

Reviewers see the applications, rate them and write notes; they decide, send and
export nothing. Coordinators do everything on series, applications and panels.
"""

from django.db import migrations

from presessions.staff_groups import ensure_permissions

REVIEWERS = "Reviewers"
COORDINATORS = "Coordinators"

REVIEWER_PERMISSIONS = [
    ("applications", "view_application"),
    ("applications", "review_application"),
    ("presessions", "view_workinggroupsession"),
    ("presessions", "view_series"),
    ("presessions", "view_presession"),
    ("presessions", "view_theme"),
    ("panels", "view_panel"),
    ("panels", "view_placement"),
]
COORDINATOR_APPS = {
    "applications": ["application"],
    "presessions": ["workinggroupsession", "series", "presession", "theme"],
    "panels": ["panel", "placement", "decision"],
}
COORDINATOR_EXTRA = [
    ("applications", "review_application"),
    ("panels", "decide_panel"),
    ("panels", "send_outcomes"),
    ("panels", "export_data"),
    ("presessions", "view_outboundemail"),
    ("presessions", "change_outboundemail"),
]


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.set([permission(*p) for p in REVIEWER_PERMISSIONS])
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    wanted = [
        permission(app_label, f"{action}_{model}")
        for app_label, models in COORDINATOR_APPS.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    ]
    coordinators.permissions.set(wanted + [permission(*p) for p in COORDINATOR_EXTRA])


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[REVIEWERS, COORDINATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("applications", "0002_review"),
        ("presessions", "0002_themes"),
        ("panels", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
