"""A subscription to the call alerts, and each alert sent on it.

Only what sending needs is kept: no name, no organisation (a CSO may be at risk of
reprisals). Unsubscribing deletes the subscription, and with it the record of what it
was sent."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField

from presessions.countries import UNMemberStates
from presessions.models import OutboundEmail, Series


class CallAlert(models.Model):
    """An email address that wants to hear when a call for applications opens."""

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language of the page they subscribed on: the alerts are written in it."),
    )
    any_country = models.BooleanField(_("any country"), default=False)
    # Stored as "KE,UG": two-letter codes joined by commas (see queries.matching_alerts).
    # django-countries' stub types the field as a CharField of str: with multiple=True it
    # takes codes and reads a list of Country.
    countries: models.CharField[Sequence[str | Country] | str, list[Country]] = CountryField(
        _("States under Review"), countries=UNMemberStates, multiple=True, blank=True
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(
        _("last confirmation email"), null=True, blank=True, editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("call alert subscription")
        verbose_name_plural = _("call alert subscriptions")
        permissions = [("view_callalert_email", _("Can see the addresses of call alerts"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(any_country=True) | ~models.Q(countries=""),
                name="call_alert_has_countries",
            )
        ]

    def __str__(self) -> str:
        return _("Call alert %(number)s") % {"number": self.pk}

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def country_codes(self) -> list[str]:
        return [country.code for country in self.countries]


class CallAlertDelivery(models.Model):
    """The alert of one series sent to one subscription: at most one, whatever runs again."""

    alert = models.ForeignKey(
        CallAlert,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("call alert subscription"),
    )
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="+", verbose_name=_("series")
    )
    email = models.ForeignKey(
        OutboundEmail,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("email"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set when its email is queued. Not the email itself: the email's record may be
    # deleted (personal data erased), and the alert must still count as sent.
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("call alert sent")
        verbose_name_plural = _("call alerts sent")
        constraints = [
            models.UniqueConstraint(fields=["alert", "series"], name="one_call_alert_per_series")
        ]

    def __str__(self) -> str:
        return f"{self.alert} ({self.series})"
