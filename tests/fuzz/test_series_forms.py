"""The accreditation request, the mailing-list subscription and the event registration."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from hypothesis import event, given
from hypothesis import strategies as st

from presessions.models import Event, OutboundEmail

from .strategies import (
    ERROR_SUMMARY,
    FUZZ,
    Payload,
    apply_changes,
    assert_error_shown,
    assert_kept,
    assert_not_server_error,
    assert_nothing_injected,
    field_changes,
    page,
    post,
    texts,
    wrong_values,
)

_numbers = itertools.count(1)


def values_for(text_fields: tuple, valid: dict | None = None):
    def value_for(name: str):
        if name in text_fields:
            return st.one_of(texts(), texts(), st.lists(texts(), min_size=2, max_size=3))
        choices = st.sampled_from((valid or {}).get(name, [""]))
        return st.one_of(choices, choices, wrong_values(), texts())

    return value_for


def check_form_response(response, sent, changed, text_fields, *, succeeded: bool) -> None:
    assert_not_server_error(response)
    event(f"status {response.status_code}, {'accepted' if succeeded else 'refused'}")
    text = page(response)
    assert_nothing_injected(text, sent.values())
    if succeeded:
        return
    assert_error_shown(response, ERROR_SUMMARY)
    for name in text_fields:
        value = sent.get(name)
        if isinstance(value, Payload) or (isinstance(value, str) and name not in changed):
            assert_kept(text, value)


def check_emails_since(last_pk: int, sent: dict) -> None:
    """The emails the submission queued show what was typed escaped, in one-line subjects."""
    for email in OutboundEmail.objects.filter(pk__gt=last_pk):
        assert_nothing_injected(email.body_html, sent.values())
        assert "\n" not in email.subject and "\r" not in email.subject


def last_email_pk() -> int:
    last = OutboundEmail.objects.order_by("-pk").first()
    return last.pk if last else 0


# The accreditation request -----------------------------------------------------------------

ACCREDITATION_TEXT = ("name", "email", "organisation", "fax_number")
ACCREDITATION_CHOICES = ("category", "country", "days", "media_acknowledged", "consent")
ACCREDITATION_VALID = {
    "category": ["mission", "cso", "nhri", "academia", "un_agency", "other"],
    "country": ["FR", "KE", "XK", "EU"],
    "days": [[], ["2020-01-01"]],
    "media_acknowledged": ["", "on"],
    "consent": ["on", "true"],
}


def accreditation_data(series) -> dict:
    n = next(_numbers)
    first_day = series.starts_on.isoformat()
    return {
        "name": "Ana Reyes",
        "email": f"ana{n}@news.example.org",
        "category": "media",
        "organisation": "Radio Ginebra",
        "country": "ES",
        "days": [first_day],
        "media_acknowledged": "on",
        "consent": "on",
    }


@pytest.mark.django_db
@FUZZ
@given(
    changes=field_changes(
        ACCREDITATION_TEXT + ACCREDITATION_CHOICES,
        values_for(ACCREDITATION_TEXT, ACCREDITATION_VALID),
    )
)
def test_accreditation_request_with_fuzzed_fields_never_fails(
    client, series, changes, django_capture_on_commit_callbacks
):
    url = f"/en/series/{series.number}/accreditation/"
    sent, changed = apply_changes(accreditation_data(series), changes)
    before = last_email_pk()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, url, sent)

    succeeded = response.status_code == 302
    check_form_response(response, sent, changed, ACCREDITATION_TEXT, succeeded=succeeded)
    if succeeded:
        assert response["Location"] == f"/en/series/{series.number}/accreditation/received/"
        received = client.get(response["Location"])
        assert received.status_code == 200
        assert_nothing_injected(page(received), sent.values())
        check_emails_since(before, sent)


# The mailing list ----------------------------------------------------------------------------

MAILING_TEXT = ("email", "name", "mission", "fax_number")


@pytest.mark.django_db
@FUZZ
@given(changes=field_changes(MAILING_TEXT, values_for(MAILING_TEXT)))
def test_mailing_list_subscribe_with_fuzzed_fields_never_fails(
    client, changes, django_capture_on_commit_callbacks
):
    n = next(_numbers)
    base = {"email": f"attache{n}@mission.example.org", "name": "Attaché", "mission": "Mission"}
    sent, changed = apply_changes(base, changes)
    before = last_email_pk()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "/en/mailing-list/", sent)

    succeeded = "Please check your inbox" in page(response)
    check_form_response(response, sent, changed, MAILING_TEXT, succeeded=succeeded)
    if succeeded:
        assert response.status_code == 200
        check_emails_since(before, sent)


# The event registration ----------------------------------------------------------------------

REGISTRATION_TEXT = ("name", "email", "organisation", "fax_number")


@pytest.fixture
def training(series):
    starts = timezone.now() + dt.timedelta(days=20)
    return Event.objects.create(
        series=series, kind="online_training", title="UPR advocacy", starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), capacity=3,
        online_link="https://meet.example.org/secret-room",
    )  # fmt: skip


@pytest.mark.django_db
@FUZZ
@given(changes=field_changes(REGISTRATION_TEXT, values_for(REGISTRATION_TEXT)))
def test_event_registration_with_fuzzed_fields_never_fails(
    client, training, changes, django_capture_on_commit_callbacks
):
    n = next(_numbers)
    base = {"name": "Ana Reyes", "email": f"ana{n}@example.org", "organisation": "Radio"}
    sent, changed = apply_changes(base, changes)
    before = last_email_pk()
    url = f"/en/series/{training.series.number}/events/{training.pk}/register/"

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, url, sent)

    succeeded = "Please check your inbox" in page(response)
    check_form_response(response, sent, changed, REGISTRATION_TEXT, succeeded=succeeded)
    if succeeded:
        assert response.status_code == 200
        check_emails_since(before, sent)
    assert "secret-room" not in page(response)
