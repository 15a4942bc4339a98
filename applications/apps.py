from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Call for applications")

    def ready(self) -> None:
        # The kept choices of the application form follow every change to a theme, in
        # whichever process makes it (the admin, a command, a task).
        from applications import form_choices  # noqa: F401
