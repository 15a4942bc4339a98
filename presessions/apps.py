from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresessionsConfig(AppConfig):
    name = "presessions"
    verbose_name = _("Series and calendar")
