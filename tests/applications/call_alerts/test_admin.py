"""The call alerts in the admin: read-only lists, the addresses only for those with the
right, and as many queries for three times the rows."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from applications.call_alerts import services
from tests.factories import CallAlertFactory, PreSessionFactory, SeriesFactory
from tests.query_counts import settled_queries_of

pytestmark = pytest.mark.django_db

ALERTS = reverse("admin:applications_callalert_changelist")
SENT = reverse("admin:applications_callalertdelivery_changelist")


@pytest.fixture
def viewer(django_user_model):
    """Staff who may list the subscriptions, without the right to see their addresses."""
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_callalert", "view_callalertdelivery"])
    )
    return user


def test_a_coordinator_sees_the_addresses_and_can_search_them(client, coordinator):
    CallAlertFactory(email="grace@krn.example.org", countries=["KE", "UG"])
    CallAlertFactory(email="other@example.org", any_country=True, countries=[])
    client.force_login(coordinator)

    page = client.get(ALERTS, {"q": "grace"}).content.decode()

    assert "grace@krn.example.org" in page
    assert "Kenya, Uganda" in page
    assert "other@example.org" not in page


def test_without_the_right_the_addresses_are_neither_shown_nor_searchable(client, viewer):
    alert = CallAlertFactory(email="grace@krn.example.org", countries=["KE"])
    client.force_login(viewer)

    listing = client.get(ALERTS).content.decode()
    searched = client.get(ALERTS, {"q": "grace"}).content.decode()
    detail = client.get(reverse("admin:applications_callalert_change", args=[alert.pk]))

    assert f"#{alert.pk}" in listing and "Kenya" in listing
    assert "krn.example.org" not in listing
    assert 'name="q"' not in listing
    assert "krn.example.org" not in searched
    assert detail.status_code == 200
    assert "krn.example.org" not in detail.content.decode()


def test_nobody_adds_or_edits_a_subscription(client, coordinator):
    alert = CallAlertFactory(email="grace@krn.example.org")
    client.force_login(coordinator)

    add = client.get(reverse("admin:applications_callalert_add"))
    change = client.post(
        reverse("admin:applications_callalert_change", args=[alert.pk]),
        {"email": "attacker@example.org", "language": "en", "countries": ["UG"]},
    )

    assert add.status_code == 403
    assert change.status_code == 403
    alert.refresh_from_db()
    assert (alert.email, alert.country_codes) == ("grace@krn.example.org", ["KE"])


def test_the_alerts_sent_show_their_series_and_status(client, coordinator):
    series = SeriesFactory(session__number=55)
    PreSessionFactory(series=series, country="KE")
    alert = CallAlertFactory(email="grace@krn.example.org", language="fr")
    services.start_call_alerts(series=series)
    services.send_call_alert_batch(series.pk)
    client.force_login(coordinator)

    page = client.get(SENT).content.decode()

    assert "Pre-sessions 55" in page
    assert f"#{alert.pk}" in page
    assert "French" in page
    assert '<td class="field-status">queued</td>' in page


def build(count: int) -> None:
    series = SeriesFactory()
    PreSessionFactory(series=series, country="KE")
    for _n in range(count):
        CallAlertFactory(countries=["KE", "UG"])
    services.start_call_alerts(series=series)
    services.send_call_alert_batch(series.pk)


@pytest.mark.parametrize("url", [ALERTS, SENT])
def test_list_runs_the_same_queries_for_three_times_the_rows(client, coordinator, url):
    client.force_login(coordinator)
    build(1)
    few = settled_queries_of(client, url)

    build(2)

    assert settled_queries_of(client, url) == few
