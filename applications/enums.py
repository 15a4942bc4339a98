from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class OrganisationType(models.TextChoices):
    CSO = "cso", _("Civil-society organisation (CSO)")
    NHRI = "nhri", _("National human rights institution (NHRI)")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class Language(models.TextChoices):
    """Languages a speaker may use; the first three are the meetings' own."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    RUSSIAN = "ru", _("Russian")
    PORTUGUESE = "pt", _("Portuguese")
    OTHER = "other", _("Another language")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")
