from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The shell: the root URLconf, the series page, the demo and the erasure of personal
    data across the apps. It may import every app; nothing imports it."""

    name = "presessions.site"
    label = "presessions_site"
    verbose_name = _("Site")
