"""The call alerts' services: the double opt-in, the resending under a limit, the
unsubscribing, and which subscriptions a series' countries concern."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from applications.call_alerts import queries, services
from applications.models import CallAlert
from presessions.models import OutboundEmail
from presessions.signing import InvalidLinkError
from tests.factories import CallAlertFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def subscribe(capture, email="grace@krn.example.org", countries=("KE",), any_country=False,
              language="en"):  # fmt: skip
    with capture(execute=True):
        return services.subscribe_to_alerts(
            email=email, countries=countries, any_country=any_country, language=language
        )


def test_subscribing_makes_an_unconfirmed_subscription_and_sends_the_link(
    django_capture_on_commit_callbacks,
):
    alert = subscribe(django_capture_on_commit_callbacks, email=" Grace@KRN.example.org ",
                      countries=["ug", "KE", "KE"], language="fr")  # fmt: skip

    assert (alert.email, alert.language, alert.country_codes) == (
        "grace@krn.example.org", "fr", ["KE", "UG"]
    )  # fmt: skip
    assert alert.confirmed_at is None
    assert [m.to for m in mail.outbox] == [["grace@krn.example.org"]]
    # In French: the link, and the countries' names (django-countries translates them).
    assert services.link(alert, "confirm") in mail.outbox[0].body
    assert "/fr/call-alerts/confirm/" in mail.outbox[0].body
    assert ": Kenya, Ouganda." in mail.outbox[0].body


def test_any_country_keeps_no_list_of_countries(django_capture_on_commit_callbacks):
    alert = subscribe(django_capture_on_commit_callbacks, countries=["KE"], any_country=True)

    assert (alert.any_country, alert.country_codes) == (True, [])


def test_subscribing_without_a_country_is_refused(django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as error:
        subscribe(django_capture_on_commit_callbacks, countries=[])

    assert error.value.messages == ["Choose at least one country, or choose any country above."]
    assert CallAlert.objects.count() == 0
    assert mail.outbox == []


def test_an_address_the_column_cannot_hold_is_refused(django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        subscribe(django_capture_on_commit_callbacks, email="a" * 250 + "@example.org")

    assert CallAlert.objects.count() == 0


def test_asking_again_before_confirming_takes_the_new_choice_and_sends_no_second_link_at_once(
    django_capture_on_commit_callbacks,
):
    subscribe(django_capture_on_commit_callbacks, countries=["KE"])

    alert = subscribe(django_capture_on_commit_callbacks, email="GRACE@krn.example.org",
                      countries=["UG"], language="es")  # fmt: skip

    assert CallAlert.objects.count() == 1
    assert (alert.language, alert.country_codes) == ("es", ["UG"])
    assert len(mail.outbox) == 1


def test_the_link_is_sent_again_once_the_limit_has_passed(django_capture_on_commit_callbacks):
    alert = subscribe(django_capture_on_commit_callbacks)
    CallAlert.objects.filter(pk=alert.pk).update(
        confirmation_sent_at=alert.confirmation_sent_at
        - services.RESEND_AFTER
        - dt.timedelta(seconds=1)
    )

    subscribe(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2
    assert mail.outbox[0].body == mail.outbox[1].body  # the same link: the same key


def test_a_confirmed_address_asking_again_keeps_its_choice_and_is_told(
    django_capture_on_commit_callbacks,
):
    alert = CallAlertFactory(email="grace@krn.example.org", countries=["KE"], language="es")

    subscribe(django_capture_on_commit_callbacks, countries=["UG"], language="en")

    alert.refresh_from_db()
    assert (alert.language, alert.country_codes) == ("es", ["KE"])
    assert [m.to for m in mail.outbox] == [["grace@krn.example.org"]]
    assert OutboundEmail.objects.get().kind == "call_alert_subscribed"
    assert ": Kenia." in mail.outbox[0].body  # in Spanish, the choice kept
    assert services.link(alert, "unsubscribe") in mail.outbox[0].body
    assert "/es/call-alerts/unsubscribe/" in mail.outbox[0].body
    assert "/confirm/" not in mail.outbox[0].body


def test_confirming_twice_keeps_the_first_moment():
    alert = CallAlertFactory(confirmed_at=None)
    services.confirm_alert(alert=alert)
    first = CallAlert.objects.get().confirmed_at

    services.confirm_alert(alert=alert)

    assert first is not None
    assert CallAlert.objects.get().confirmed_at == first


def test_unsubscribing_deletes_only_that_subscription_and_may_be_repeated():
    alert, other = CallAlertFactory(), CallAlertFactory()
    token = services.link(alert, "unsubscribe").rstrip("/").rsplit("/", 1)[1]

    services.unsubscribe_alerts(token=token)
    services.unsubscribe_alerts(token=token)

    assert list(CallAlert.objects.all()) == [other]
    assert services.is_genuine_unsubscribe_token(token)


def test_a_confirm_token_does_not_unsubscribe():
    alert = CallAlertFactory()
    token = services.link(alert, "confirm").rstrip("/").rsplit("/", 1)[1]

    with pytest.raises(InvalidLinkError):
        services.unsubscribe_alerts(token=token)

    assert not services.is_genuine_unsubscribe_token(token)
    assert CallAlert.objects.count() == 1


def test_matching_alerts_are_the_confirmed_ones_for_a_country_or_any():
    kenya = CallAlertFactory(countries=["KE"])
    several = CallAlertFactory(countries=["AE", "UG"])
    anywhere = CallAlertFactory(countries=[], any_country=True)
    CallAlertFactory(countries=["EG"])
    CallAlertFactory(countries=["KE"], confirmed_at=None)
    # "AK,EG": no code of a series matches across the comma ("KE").
    CallAlertFactory(countries=["AL", "KE"], confirmed_at=None)

    found = queries.matching_alerts(["KE", "UG"])

    assert set(found) == {kenya, several, anywhere}


def test_series_with_alerts_due_have_an_open_call_and_countries():
    open_series = PreSessionFactory(country="KE").series
    PreSessionFactory(country="UG", series=open_series)
    SeriesFactory()  # open, but no country announced yet
    PreSessionFactory(series=SeriesFactory(closed=True))

    assert queries.series_with_alerts_due() == [open_series.pk]


def test_the_confirmation_is_recorded_before_it_is_sent(django_capture_on_commit_callbacks):
    subscribe(django_capture_on_commit_callbacks, language="es")

    assert list(OutboundEmail.objects.values_list("to", "kind", "language")) == [
        ("grace@krn.example.org", "call_alert_confirm", "es")
    ]


def test_the_database_refuses_a_subscription_for_no_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        CallAlert.objects.create(email="x@example.org", language="en", countries=[])

    assert CallAlert.objects.count() == 0
