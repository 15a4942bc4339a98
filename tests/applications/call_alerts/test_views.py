"""The call alerts' public pages: the form, the same answer for every address, the
confirmation by a button, the one-click unsubscribe of RFC 8058, the broken links."""

import re

import pytest
from django.core import mail
from django.test import Client

from applications.call_alerts import services
from applications.models import CallAlert
from tests.factories import CallAlertFactory, SeriesFactory

pytestmark = pytest.mark.django_db

URL = "/en/call-alerts/"


def main_of(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def press_the_button(client, url):
    """What a person does on the page of a link: open it, then press its one button."""
    page = main_of(client.get(url))
    assert page.count("<form") == 1 and page.count("<button") == 1
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    return client.post(url, {"csrfmiddlewaretoken": token})


def path_of(alert, purpose):
    return services.link(alert, purpose).replace("http://testserver", "")


def post(client, capture, url=URL, **data):
    data = {"email": "grace@krn.example.org", "which": "chosen", "countries": ["KE"], **data}
    with capture(execute=True):
        return client.post(url, data, follow=True)


def test_the_form_offers_any_country_and_the_states(client):
    page = main_of(client.get(URL))

    assert "<h1>Alerts when a call for applications opens</h1>" in page
    assert re.search(r'name="which" value="any"\s+id="id_which_0" required>', page)
    assert re.search(r'name="which" value="chosen"\s+id="id_which_1" required checked>', page)
    assert '<option value="KE">Kenya</option>' in page
    assert page.count("<option") == 193  # the UN Member States
    assert re.search(r'<label\s+for="id_email"', page)
    assert re.search(r'<label\s+for="id_countries"', page)


def test_a_country_of_the_address_is_chosen_already(client):
    page = main_of(client.get(f"{URL}?country=ke"))

    assert '<option value="KE" selected>Kenya</option>' in page


def test_subscribing_answers_check_your_inbox_and_sends_the_link(
    client, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, url="/fr/call-alerts/")

    assert response.redirect_chain == [("/fr/call-alerts/sent/", 302)]
    alert = CallAlert.objects.get()
    assert (alert.email, alert.language, alert.country_codes) == (
        "grace@krn.example.org", "fr", ["KE"]
    )  # fmt: skip
    assert alert.confirmed_at is None
    assert [m.to for m in mail.outbox] == [["grace@krn.example.org"]]


def test_a_known_address_gets_the_same_answer(client, django_capture_on_commit_callbacks):
    CallAlertFactory(email="known@krn.example.org")
    new = post(client, django_capture_on_commit_callbacks, email="new@krn.example.org")

    known = post(Client(), django_capture_on_commit_callbacks, email="KNOWN@krn.example.org")

    assert known.redirect_chain == new.redirect_chain == [("/en/call-alerts/sent/", 302)]
    assert main_of(known) == main_of(new)
    assert "<h1>Please check your inbox</h1>" in main_of(known)
    assert CallAlert.objects.count() == 2


def test_asking_again_at_once_sends_no_second_email(client, django_capture_on_commit_callbacks):
    post(client, django_capture_on_commit_callbacks)

    again = post(client, django_capture_on_commit_callbacks)

    assert again.redirect_chain == [("/en/call-alerts/sent/", 302)]
    assert len(mail.outbox) == 1


def test_no_country_chosen_is_explained_and_keeps_the_address(
    client, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, countries=[])

    page = main_of(response)
    assert response.status_code == 200
    assert "Choose at least one country, or choose any country above." in page
    assert 'value="grace@krn.example.org"' in page
    assert CallAlert.objects.count() == 0
    assert mail.outbox == []


def test_any_country_needs_no_country(client, django_capture_on_commit_callbacks):
    post(client, django_capture_on_commit_callbacks, which="any", countries=[])

    assert CallAlert.objects.get().any_country is True


def test_an_address_too_long_for_its_column_is_a_form_error(
    client, django_capture_on_commit_callbacks
):
    address = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".org"  # valid, 308 characters

    response = post(client, django_capture_on_commit_callbacks, email=address)

    page = main_of(response)
    assert response.status_code == 200
    assert "Ensure this value has at most 254 characters (it has 308)." in page
    assert '<option value="KE" selected>Kenya</option>' in page
    assert CallAlert.objects.count() == 0


def test_too_many_requests_keep_what_was_typed(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE = "1/h"
    post(client, django_capture_on_commit_callbacks, email="first@krn.example.org")

    response = post(client, django_capture_on_commit_callbacks, email="second@krn.example.org",
                    countries=["UG"])  # fmt: skip

    page = main_of(response)
    assert response.status_code == 429
    assert "This form has been sent many times from your connection" in page
    assert 'value="second@krn.example.org"' in page
    assert '<option value="UG" selected>Uganda</option>' in page
    assert list(CallAlert.objects.values_list("email", flat=True)) == ["first@krn.example.org"]


def test_the_honeypot_refuses_robots(client, django_capture_on_commit_callbacks):
    response = post(client, django_capture_on_commit_callbacks, fax_number="+41 22 000")

    assert "the hidden field at its end" in main_of(response)
    assert CallAlert.objects.count() == 0


def test_opening_the_confirmation_link_only_shows_the_button():
    alert = CallAlertFactory(email="grace@krn.example.org", countries=["KE", "UG"],
                             confirmed_at=None)  # fmt: skip
    client = Client()

    # What a mail server's link scanner does: fetch the link, and again.
    first, second = client.get(path_of(alert, "confirm")), client.get(path_of(alert, "confirm"))

    for response in (first, second):
        page = main_of(response)
        assert response.status_code == 200
        assert "<h1>Confirm the call alerts</h1>" in page
        assert "grace@krn.example.org" in page
        assert "<strong>Kenya, Uganda</strong>" in page
        assert ">Confirm the alerts</button>" in page
    assert CallAlert.objects.get().confirmed_at is None


def test_the_button_confirms(django_capture_on_commit_callbacks):
    alert, other = CallAlertFactory(confirmed_at=None), CallAlertFactory(confirmed_at=None)

    response = press_the_button(Client(enforce_csrf_checks=True), path_of(alert, "confirm"))

    assert "<h1>You will receive the call alerts</h1>" in main_of(response)
    assert CallAlert.objects.get(pk=alert.pk).confirmed_at is not None
    assert CallAlert.objects.get(pk=other.pk).confirmed_at is None


def test_the_confirmation_button_needs_the_pages_csrf_token():
    alert = CallAlertFactory(confirmed_at=None)

    response = Client(enforce_csrf_checks=True).post(path_of(alert, "confirm"))

    assert response.status_code == 403
    assert CallAlert.objects.get().confirmed_at is None


def test_a_confirmed_subscription_opening_the_link_again_is_told_so():
    page = main_of(Client().get(path_of(CallAlertFactory(), "confirm")))

    assert "<h1>You will receive the call alerts</h1>" in page
    assert "<form" not in page


@pytest.mark.parametrize("purpose", ["confirm", "unsubscribe"])
def test_a_forged_link_is_a_clear_404_in_the_page_language(purpose):
    alert = CallAlertFactory(confirmed_at=None)
    token = services.link(alert, purpose).rstrip("/").rsplit("/", 1)[1]
    client = Client()

    url = f"/fr/call-alerts/{purpose}/{token[:-2]}xx/"
    responses = [client.get(url), client.post(url, {"List-Unsubscribe": "One-Click"})]

    for response in responses:
        assert response.status_code == 404
        assert '<html lang="fr"' in response.content.decode()
        assert "<h1>Ce lien ne fonctionne pas</h1>" in main_of(response)
    assert CallAlert.objects.get().confirmed_at is None
    assert CallAlert.objects.count() == 1


def test_a_confirm_link_does_not_open_the_unsubscribe_page():
    alert = CallAlertFactory()
    token = services.link(alert, "confirm").rstrip("/").rsplit("/", 1)[1]

    response = Client().get(f"/en/call-alerts/unsubscribe/{token}/")

    assert response.status_code == 404
    assert CallAlert.objects.count() == 1


def test_opening_the_unsubscribe_link_unsubscribes_no_one():
    alert = CallAlertFactory(email="grace@krn.example.org")
    client = Client()

    first, second = (
        client.get(path_of(alert, "unsubscribe")),
        client.get(path_of(alert, "unsubscribe")),
    )

    for response in (first, second):
        page = main_of(response)
        assert "<h1>Unsubscribe from the call alerts</h1>" in page
        assert "grace@krn.example.org" in page
        assert ">Unsubscribe</button>" in page
    assert CallAlert.objects.count() == 1


def test_the_unsubscribe_button_deletes_only_that_subscription():
    alert, other = CallAlertFactory(), CallAlertFactory()

    response = press_the_button(Client(enforce_csrf_checks=True), path_of(alert, "unsubscribe"))

    assert "<h1>You are unsubscribed</h1>" in main_of(response)
    assert list(CallAlert.objects.all()) == [other]


def test_the_unsubscribe_button_needs_the_pages_csrf_token():
    alert = CallAlertFactory()

    response = Client(enforce_csrf_checks=True).post(path_of(alert, "unsubscribe"))

    assert response.status_code == 403
    assert CallAlert.objects.count() == 1


def test_one_click_unsubscribe_needs_no_csrf_token_and_may_be_repeated():
    alert, other = CallAlertFactory(), CallAlertFactory()
    client = Client(enforce_csrf_checks=True)  # a mail client: no cookie, no token
    url = path_of(alert, "unsubscribe")

    first = client.post(url, {"List-Unsubscribe": "One-Click"})
    second = client.post(url, {"List-Unsubscribe": "One-Click"})
    opened = client.get(url)

    for response in (first, second, opened):
        assert response.status_code == 200
        assert "<h1>You are unsubscribed</h1>" in main_of(response)
    assert list(CallAlert.objects.all()) == [other]


def test_the_home_page_and_a_series_not_open_link_to_the_alerts(client):
    series = SeriesFactory(closed=True)

    home = client.get("/en/").content.decode()
    page = client.get(f"/en/series/{series.number}/").content.decode()

    link = '<a href="/en/call-alerts/">Get an email when a call for applications opens'
    assert link in home and link in page
