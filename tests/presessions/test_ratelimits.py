"""Protection of the public forms: rate limits per client, the spam trap, and uploads
refused as they arrive."""

import re

import pytest
from django.urls import reverse

from applications.models import Application
from presessions.models import Subscriber
from tests.conftest import application_data
from tests.documents import PDF_BYTES, upload


@pytest.fixture
def low_limit(settings):
    settings.PUBLIC_FORM_RATE = "3/h"


def test_apply_is_limited_per_client_and_keeps_what_was_typed(client, presession, theme, low_limit):
    url = reverse("applications:apply", args=[49])
    for n in range(3):
        data = application_data(
            presession, theme, organisation_name=f"Org {n}", contact_email=f"o{n}@example.org"
        )
        assert client.post(url, data).status_code == 302

    limited = client.post(url, application_data(presession, theme, organisation_name="Late"))

    assert limited.status_code == 429
    page = limited.content.decode()
    assert "This form has been sent many times from your connection" in page
    assert 'value="Late"' in page
    assert Application.objects.count() == 3


def test_the_limit_counts_each_client_address_apart(client, presession, theme, low_limit):
    url = reverse("applications:apply", args=[49])
    for n in range(3):
        client.post(url, application_data(presession, theme, organisation_name=f"O{n}"))

    other = client.post(
        url,
        application_data(presession, theme, organisation_name="Other", contact_email="x@x.org"),
        REMOTE_ADDR="10.0.0.2",
    )

    assert other.status_code == 302


@pytest.mark.parametrize(
    ("url_name", "args", "data"),
    [
        ("mailing-subscribe", [], {"email": "a@mission.example.org"}),
        ("applications:alert-subscribe", [], {"email": "a@mission.example.org", "which": "any"}),
    ],
)
def test_other_public_forms_are_limited(client, db, low_limit, url_name, args, data):
    url = reverse(url_name, args=args)
    for _attempt in range(3):
        client.post(url, data)

    limited = client.post(url, data)

    assert limited.status_code == 429
    assert "a@mission.example.org" in limited.content.decode()


def test_gets_are_never_limited(client, series, low_limit):
    for _attempt in range(5):
        assert client.get(reverse("applications:apply", args=[49])).status_code == 200


def test_the_spam_trap_refuses_a_filled_hidden_field_and_keeps_the_rest(client, presession, theme):
    data = application_data(presession, theme, fax_number="+41 22 000 00 00")

    response = client.post(reverse("applications:apply", args=[49]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "meant to catch automated spam, was filled in" in page
    assert 'value="Kenya Rights Network"' in page
    assert not Application.objects.exists()


def test_the_spam_trap_is_hidden_from_people(client, series):
    page = client.get(reverse("applications:apply", args=[49])).content.decode()

    assert re.search(r'class="honeypot"\s+aria-hidden="true"', page)
    assert 'name="fax_number"' in page
    assert 'tabindex="-1"' in page


def test_mailing_list_spam_trap(client, db):
    response = client.post(
        reverse("mailing-subscribe"), {"email": "bot@example.org", "fax_number": "x"}
    )

    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_an_oversized_upload_is_dropped_as_it_arrives_and_the_form_says_why(
    client, presession, theme, settings
):
    settings.MAX_UPLOAD_SIZE = 1000
    data = application_data(
        presession,
        theme,
        submitted_upr_report="True",
        upr_report=upload("big.pdf", PDF_BYTES + b"0" * 5000),
    )

    response = client.post(reverse("applications:apply", args=[49]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "The file is larger than 1000" in page
    assert 'value="Kenya Rights Network"' in page
    assert not Application.objects.exists()


def test_a_request_far_beyond_any_form_is_refused_unread(client, series, settings):
    settings.MAX_REQUEST_SIZE = 10_000

    response = client.post(
        reverse("applications:apply", args=[49]),
        {"upr_report": upload("huge.pdf", PDF_BYTES + b"0" * 20_000)},
    )

    assert response.status_code == 413
    assert "Files too large" in response.content.decode()


def test_the_size_limiting_handler_reads_uploads_first(settings):
    assert settings.FILE_UPLOAD_HANDLERS[0] == "presessions.uploads.SizeLimitedUploadHandler"
