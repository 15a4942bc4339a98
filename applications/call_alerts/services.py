"""The call alerts: double opt-in, one-click unsubscribe, and one alert per series and
subscription when the series' call for applications opens.

Links carry the subscription's key signed with the site's secret (alert_from_token is
the one door). Subscribing tells nobody whether an address is known: the page is the
same, and the email goes to the address itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries.fields import Country

from applications.call_alerts import queries
from applications.call_alerts.models import CallAlert, CallAlertDelivery
from presessions.models import PreSession, Series
from presessions.outbox import queue_email
from presessions.signing import InvalidLinkError, make_token, row_from_token, value_from_token

_SALT = "applications.call-alerts"
CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"
BATCH_SIZE = 100
# Asking again sends the email again, but not more often than this: the form can be
# sent by anyone, and must not become a way to flood someone's inbox.
RESEND_AFTER = dt.timedelta(minutes=15)


def _token(alert: CallAlert, purpose: str) -> str:
    return make_token(alert.key.hex, salt=f"{_SALT}.{purpose}")


def link(alert: CallAlert, purpose: str) -> str:
    """The absolute confirm or unsubscribe link of a subscription, in its language."""
    with translation.override(alert.language):
        path = reverse(f"applications:alert-{purpose}", kwargs={"token": _token(alert, purpose)})
    return f"{settings.SITE_URL}{path}"


def alert_from_token(token: str, purpose: str) -> CallAlert:
    """The subscription a confirm or unsubscribe token belongs to; InvalidLinkError
    otherwise (a confirm token does not unsubscribe, nor the reverse)."""
    return row_from_token(CallAlert.objects.all(), token, salt=f"{_SALT}.{purpose}", field="key")


def is_genuine_unsubscribe_token(token: str) -> bool:
    """Whether the site made this unsubscribe token, even if its subscription is gone
    (unsubscribed already): unsubscribing again is then no error."""
    try:
        value_from_token(token, salt=f"{_SALT}.{UNSUBSCRIBE}")
    except InvalidLinkError:
        return False
    return True


def _clean_countries(countries: Iterable[str]) -> list[str]:
    return sorted({code.upper() for code in countries})


@transaction.atomic
def subscribe_to_alerts(
    *, email: str, countries: Iterable[str], any_country: bool, language: str
) -> CallAlert:
    """Ask for the alerts of these countries (or of any country).

    Side effects: a subscription waiting for its confirmation (or the existing one);
    an unconfirmed one takes the countries and language of the latest request. The
    address gets the confirmation link, or, when it is confirmed already, a reminder
    of what it receives with the link to unsubscribe; either at most once in
    RESEND_AFTER. Raises ValidationError for no country, or a value the database
    would refuse.
    """
    email = email.strip().lower()
    codes = [] if any_country else _clean_countries(countries)
    if not any_country and not codes:
        message = _("Choose at least one country, or choose any country above.")
        raise ValidationError(message, code="required")
    candidate = CallAlert(email=email, language=language, any_country=any_country, countries=codes)
    candidate.clean_fields(exclude=["key"])
    alert, created = CallAlert.objects.select_for_update().get_or_create(
        email=email,
        defaults={"language": language, "any_country": any_country, "countries": codes},
    )
    if not created and not alert.is_confirmed:
        alert.language, alert.any_country, alert.countries = language, any_country, codes
        alert.save(update_fields=["language", "any_country", "countries"])
    now = timezone.now()
    if alert.confirmation_sent_at and now - alert.confirmation_sent_at < RESEND_AFTER:
        return alert
    if alert.is_confirmed:
        template, context = "call_alert_subscribed", {"unsubscribe_url": link(alert, UNSUBSCRIBE)}
    else:
        template, context = "call_alert_confirm", {"confirm_url": link(alert, CONFIRM)}
    queue_email(
        to=alert.email,
        template=template,
        context={"alert": alert, **context},
        language=alert.language,
    )
    alert.confirmation_sent_at = now
    alert.save(update_fields=["confirmation_sent_at"])
    return alert


def confirm_alert(*, alert: CallAlert) -> None:
    """Side effects: the subscription is confirmed (once: a second press changes
    nothing). The next run of task_send_call_alerts sends it the calls open now."""
    CallAlert.objects.filter(pk=alert.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )


def unsubscribe_alerts(*, token: str) -> None:
    """Side effects: the subscription of this unsubscribe token is deleted, with the
    record of the alerts it was sent (the emails stay in the outbox's record). A token
    whose subscription is gone already changes nothing. Raises InvalidLinkError for a
    token the site did not make."""
    key = value_from_token(token, salt=f"{_SALT}.{UNSUBSCRIBE}")
    try:
        CallAlert.objects.filter(key=key).delete()
    except ValidationError:  # not a key at all: made by the site, so never the case
        raise InvalidLinkError from None


@transaction.atomic
def start_call_alerts(*, series: Series) -> int:
    """Record the alert of this series for every confirmed subscription it concerns
    and that did not get it yet; returns how many were recorded.

    Side effects: one CallAlertDelivery per new subscription (the unique constraint
    keeps it to one, whatever runs at the same time); on commit, the sending in
    batches (task_send_call_alert_batch)."""
    from applications.tasks import task_send_call_alert_batch

    codes = _series_countries(series.pk)
    alerted = CallAlertDelivery.objects.filter(series=series).values("alert")
    new = list(
        queries.matching_alerts(codes)
        .exclude(pk__in=alerted)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    CallAlertDelivery.objects.bulk_create(
        [CallAlertDelivery(alert_id=pk, series=series) for pk in new], ignore_conflicts=True
    )
    if CallAlertDelivery.objects.filter(series=series, queued_at__isnull=True).exists():
        series_id = series.pk
        transaction.on_commit(lambda: task_send_call_alert_batch.delay(series_id))
    return len(new)


def _series_countries(series_id: int) -> list[str]:
    return [
        str(code)
        for code in PreSession.objects.filter(series_id=series_id)
        .order_by("review_order")
        .values_list("country", flat=True)
    ]


def _alert_email(alert: CallAlert, series: Series, codes: list[str]) -> dict[str, Any]:
    """The alert of a series for one subscription: the countries of the series it asked
    for (all of them for any country), the deadline, the form in its language."""
    chosen = set(alert.country_codes) if not alert.any_country else set(codes)
    countries = [Country(code=code) for code in codes if code in chosen]
    with translation.override(alert.language):
        apply_url = settings.SITE_URL + reverse(
            "applications:apply", kwargs={"number": series.number}
        )
    if len(countries) == 1:
        apply_url += f"?country={countries[0].code}"
    return {
        "to": alert.email,
        "template": "call_alert",
        "context": {
            "series": series,
            "countries": countries,
            "apply_url": apply_url,
            "unsubscribe_url": link(alert, UNSUBSCRIBE),
        },
        "language": alert.language,
    }


@transaction.atomic
def send_call_alert_batch(series_id: int) -> int:
    """Queue the emails of the next batch of a series' alerts; returns how many remain.

    Each delivery row is locked and gets its email once, so a batch run twice (or in
    parallel) never sends an alert twice. Side effects: one email per delivery, with
    the List-Unsubscribe headers of RFC 8058 (one-click unsubscribe in mail clients).
    """
    batch = list(
        CallAlertDelivery.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("alert", "series__session")
        .filter(series_id=series_id, queued_at__isnull=True)
        .order_by("pk")[:BATCH_SIZE]
    )
    if batch:
        codes = _series_countries(series_id)
    for delivery in batch:
        message = _alert_email(delivery.alert, delivery.series, codes)
        unsubscribe_url = message["context"]["unsubscribe_url"]
        delivery.email = queue_email(
            **message,
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        delivery.queued_at = timezone.now()
        delivery.save(update_fields=["email", "queued_at"])
    return CallAlertDelivery.objects.filter(series_id=series_id, queued_at__isnull=True).count()
