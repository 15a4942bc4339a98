"""The call alerts' public pages run a fixed, small number of queries, however many
subscriptions there are."""

import pytest

from applications.call_alerts import services
from tests.factories import CallAlertFactory

pytestmark = pytest.mark.django_db

# Each request runs in its transaction (ATOMIC_REQUESTS): a savepoint and its release.
REQUEST = 2


@pytest.fixture
def many():
    """Subscriptions of other people, that no page must read."""
    return CallAlertFactory.create_batch(20, countries=["KE", "UG"])


def path_of(alert, purpose):
    return services.link(alert, purpose).replace("http://testserver", "")


def test_the_form_and_the_inbox_page_read_nothing(client, many, django_assert_num_queries):
    client.get("/en/call-alerts/")

    with django_assert_num_queries(REQUEST):
        form = client.get("/en/call-alerts/")
    with django_assert_num_queries(REQUEST):
        sent = client.get("/en/call-alerts/sent/")

    assert (form.status_code, sent.status_code) == (200, 200)


@pytest.mark.parametrize("purpose", ["confirm", "unsubscribe"])
def test_a_link_page_reads_its_subscription_once(client, many, purpose, django_assert_num_queries):
    alert = CallAlertFactory(confirmed_at=None, email="grace@krn.example.org")
    client.get(path_of(alert, purpose))

    with django_assert_num_queries(REQUEST + 1):
        response = client.get(path_of(alert, purpose))

    assert response.status_code == 200
    assert "grace@krn.example.org" in response.content.decode()
    assert "cso" not in response.content.decode()  # nobody else's address
