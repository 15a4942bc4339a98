from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Call for applications")

    def ready(self) -> None:
        # The kept choices of the application form, and the kept empty form, follow
        # every change to a theme or a series, in whichever process makes it (the
        # admin, a command, a task).
        from applications import form_choices, form_page  # noqa: F401
