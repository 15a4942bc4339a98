from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PresessionsConfig(AppConfig):
    name = "presessions"
    verbose_name = _("Series and calendar")

    def ready(self) -> None:
        # The home page kept in the cache follows every change to a series, in whichever
        # process makes it (the admin, a command, a task).
        from presessions import home_page  # noqa: F401


class StaffAdminConfig(admin_apps.AdminConfig):
    """The admin with a second factor for coordinators (presessions/admin_site.py)."""

    default = False
    default_site = "presessions.admin_site.StaffAdminSite"
