from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = _("Panels")

    def ready(self) -> None:
        # A changed response in the record renews the statement pages that show it.
        from panels.matching import receivers  # noqa: F401

        # Any change to what the programme reads renews its kept pages.
        from panels.programme import page_cache  # noqa: F401
