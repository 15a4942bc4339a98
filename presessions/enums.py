from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class AccreditationCategory(models.TextChoices):
    MISSION = "mission", _("Permanent Mission or State")
    CSO = "cso", _("Civil-society organisation (CSO)")
    NHRI = "nhri", _("National human rights institution (NHRI)")
    ACADEMIA = "academia", _("Academia")
    MEDIA = "media", _("Media")
    UN_AGENCY = "un_agency", _("UN agency")
    OTHER = "other", _("Other")


class AccreditationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for a decision")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("refused")
    REVOKED = "revoked", _("revoked")


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("subscribed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")


class EventKind(models.TextChoices):
    ONLINE_TRAINING = "online_training", _("Online training")
    GENEVA_TRAINING = "geneva_training", _("One-day training in Geneva")
    NETWORKING = "networking", _("Networking event")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("registered")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class MailingKind(models.TextChoices):
    """What a mailing to the missions' list carries: each is sent once per series."""

    INVITATION = "invitation", _("invitation")
    PROGRAMME = "programme", _("programme and observers' documents")
