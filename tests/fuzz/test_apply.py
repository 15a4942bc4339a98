"""The public application form, POST /en/series/49/apply/, fuzzed field by field."""

import html
import itertools
import re

import pytest
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from applications.access import make_token
from applications.models import Application, PendingUpload
from presessions.text import clean_line, clean_text
from tests.conftest import application_data
from tests.factories import ApplicationFactory

from .strategies import (
    ERROR_SUMMARY,
    FUZZ,
    MORE,
    Payload,
    apply_changes,
    assert_error_shown,
    assert_kept,
    assert_not_server_error,
    assert_nothing_injected,
    field_changes,
    marked_payloads,
    page,
    post,
    refused_before_the_view,
    texts,
    uploads,
    wrong_values,
)

APPLY_URL = "/en/series/49/apply/"
# Fields a person types into: whatever is typed must come back, escaped, on a failure.
TEXT_FIELDS = (
    "fax_number",  # the honeypot: a robot fills it, and is told so
    "organisation_name",
    "organisation_website",
    "contact_email",
    "summary",
    "speaker_name",
    "speaker_email",
    "speaker_other_languages",
    "interpretation_details",
    "funding_reason",
    "safety_details",
)
# Fields that expect an id, a number, a boolean or a choice.
CHOICE_FIELDS = (
    "presession",
    "organisation_country",
    "organisation_type",
    "scope",
    "is_national_coalition",
    "submitted_upr_report",
    "main_theme",
    "related_themes",
    "speaker_gender",
    "speaker_languages",
    "needs_interpretation",
    "needs_funding",
    "funding_amount",
    "has_safety_concerns",
    "consent",
    "upr_report_pending",
    "upr_report",
)
ALL_FIELDS = TEXT_FIELDS + CHOICE_FIELDS
_numbers = itertools.count(1)


# Valid values of the fields that expect a choice, so that a change is not always an error.
VALID = {
    "organisation_country": ["FR", "ke", "XK", "EU"],
    "organisation_type": ["cso", "nhri"],
    "scope": ["grassroots", "national", "regional", "international"],
    "is_national_coalition": ["True", "False"],
    "submitted_upr_report": ["False"],
    "related_themes": [[]],
    "speaker_gender": ["woman", "man", "other", "undisclosed"],
    "speaker_languages": [["zh"], ["other", "ar"], ["en", "en"]],
    "needs_interpretation": ["False"],
    "needs_funding": ["False"],
    "funding_amount": ["", "100", "0.5", "999999.99", "1e3", "1_000"],
    "has_safety_concerns": ["True", "False"],
    "consent": ["on", "True", "1"],
}


def _value_for(name: str):
    if name in TEXT_FIELDS:
        # Mostly text; sometimes a list (repeated field) or a file where text is expected.
        return st.one_of(
            texts(), texts(), texts(), st.lists(texts(), min_size=2, max_size=3), uploads()
        )
    valid = st.sampled_from(VALID.get(name, [""]))
    return st.one_of(valid, valid, wrong_values(), texts(), uploads())


def _unique_data(presession, theme) -> dict:
    n = next(_numbers)
    return application_data(
        presession,
        theme,
        organisation_name=f"Kenya Rights Network {n}",
        contact_email=f"contact{n}@krn.example.org",
    )


def _check_success(client, response, sent: dict) -> None:
    """A submission that went through: stored as typed, shown escaped everywhere."""
    assert response["Location"] == reverse("applications:received")
    received = client.get(response["Location"])
    assert received.status_code == 200
    assert_nothing_injected(page(received), sent.values())
    application = Application.objects.latest("pk")
    private = client.get(reverse("panels:private", args=[make_token(application)]))
    assert private.status_code == 200
    text = page(private)
    assert_nothing_injected(text, sent.values())
    for name in ("summary", "speaker_name", "safety_details", "funding_reason"):
        value = sent.get(name)
        if isinstance(value, Payload):
            assert getattr(application, name) == cleaned(name, value.value), name
    value = sent.get("organisation_name")
    if isinstance(value, Payload):
        assert application.organisation_name == cleaned("organisation_name", value.value)
    if application.upr_report:
        # Stored under a random name in its private folder, whatever the name sent.
        assert application.upr_report.name.startswith("applications/application/")
        assert ".." not in application.upr_report.name
        assert "/" not in application.upr_report_name and "\\" not in application.upr_report_name


def cleaned(name: str, value: str) -> str:
    """What is stored of a value typed: without control and bidirectional characters."""
    if name == "organisation_name":
        return " ".join(clean_line(value).split())
    if name in {"summary", "safety_details", "funding_reason"}:
        return clean_text(value).strip()
    return clean_line(value).strip()


def _check_failure(response, sent: dict, changed: set) -> None:
    assert_error_shown(response, ERROR_SUMMARY)
    text = page(response)
    for name in TEXT_FIELDS:
        value = sent.get(name)
        if isinstance(value, Payload) or (isinstance(value, str) and name not in changed):
            assert_kept(text, value)


@pytest.mark.django_db
@MORE
@given(changes=field_changes(ALL_FIELDS, _value_for))
@example(changes=({"related_themes": "9223372036854775808"}, frozenset()))
def test_apply_with_fuzzed_fields_never_fails_and_keeps_the_input(
    client, presession, theme, changes
):
    sent, changed = apply_changes(_unique_data(presession, theme), changes)

    response = post(client, APPLY_URL, sent)

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    assert_nothing_injected(page(response), sent.values())
    if response.status_code == 302:
        _check_success(client, response, sent)
    elif not refused_before_the_view(response, sent):
        _check_failure(response, sent, changed)


@pytest.mark.django_db
@FUZZ
@given(text=texts(), name=st.sampled_from(TEXT_FIELDS))
def test_apply_with_one_fuzzed_text_field_keeps_it_escaped(client, presession, theme, text, name):
    sent = _unique_data(presession, theme)
    sent[name] = text
    sent["consent"] = ""  # so that the form always comes back

    response = post(client, APPLY_URL, sent)

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    assert_error_shown(response, ERROR_SUMMARY)
    assert_nothing_injected(page(response), [text])
    assert_kept(page(response), text)


@pytest.mark.django_db
@FUZZ
@given(upload=uploads(), fail=st.booleans())
def test_apply_with_random_uploads_never_fails(client, presession, theme, upload, fail):
    sent = _unique_data(presession, theme)
    sent["submitted_upr_report"] = "True"
    if fail:
        sent["speaker_name"] = ""
    pending_before = PendingUpload.objects.count()

    response = post(client, APPLY_URL, sent, files={"upr_report": upload})

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    if refused_before_the_view(response, [upload]):
        return
    text = page(response)
    assert_nothing_injected(
        text, [Payload(upload.name, (upload.name,) if "<" in upload.name else ())]
    )
    if response.status_code == 302:
        _check_success(client, response, sent)
        return
    assert_error_shown(response, ERROR_SUMMARY)
    if PendingUpload.objects.count() > pending_before:
        # A valid file is kept, under a random name, and said so.
        kept = PendingUpload.objects.latest("pk")
        assert "File kept:" in text
        assert ".." not in kept.file.name and kept.file.name.startswith("applications/")


@pytest.mark.django_db
@FUZZ
@given(token=st.one_of(st.text(), st.sampled_from(["x:y", "a" * 5000, ":", "None"])))
def test_apply_with_a_forged_kept_file_token_asks_for_the_file(client, presession, theme, token):
    sent = _unique_data(presession, theme)
    sent["submitted_upr_report"] = "True"
    sent["upr_report_pending"] = token

    response = post(client, APPLY_URL, sent)

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    assert_error_shown(response, "Please attach the report you submitted.")


# The edit form has no country, no consent and no honeypot (the link is the proof).
EDIT_FIELDS = tuple(
    name for name in ALL_FIELDS if name not in {"presession", "consent", "fax_number"}
)


@pytest.mark.django_db
@FUZZ
@given(changes=field_changes(EDIT_FIELDS, _value_for))
@example(changes=({"related_themes": "9223372036854775808"}, frozenset()))
def test_application_edit_with_fuzzed_fields_never_fails_and_keeps_the_input(
    client, presession, theme, changes
):
    """The same form through the private link (without the country and the consent)."""
    application = ApplicationFactory(presession=presession, main_theme=theme)
    token = make_token(application)
    base = _unique_data(presession, theme)
    for name in ("presession", "consent"):
        base.pop(name)
    sent, changed = apply_changes(base, changes)

    response = post(client, reverse("applications:edit", args=[token]), sent)

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    text = page(response)
    assert_nothing_injected(text, sent.values())
    if response.status_code == 302:
        assert response["Location"] == reverse("panels:private", args=[token])
        private = client.get(response["Location"])
        assert private.status_code == 200
        assert "Your changes are saved." in page(private)
        assert_nothing_injected(page(private), sent.values())
    elif not refused_before_the_view(response, sent):
        _check_failure(response, sent, changed)


SAVED_TEXT = {
    "organisation_name": 200,
    "summary": 2000,
    "speaker_name": 200,
    "safety_details": 2000,
    "speaker_other_languages": 200,
}


def _acceptable(item) -> bool:
    name, payload = item
    value = cleaned(name, payload.value)
    return bool(value) and len(value) <= SAVED_TEXT[name]


@pytest.mark.django_db
@FUZZ
@given(item=st.tuples(st.sampled_from(sorted(SAVED_TEXT)), marked_payloads()).filter(_acceptable))
def test_apply_saves_any_acceptable_text_as_typed_and_shows_it_escaped(
    client, presession, theme, item
):
    name, text = item
    sent = _unique_data(presession, theme)
    sent[name] = text

    response = post(client, APPLY_URL, sent)

    assert_not_server_error(response)
    assert response.status_code == 302, page(response)[:3000]
    application = Application.objects.latest("pk")
    expected = cleaned(name, text.value)
    assert getattr(application, name) == expected
    private = page(client.get(reverse("panels:private", args=[make_token(application)])))
    assert_nothing_injected(private, [text])
    if name in {"organisation_name", "summary", "speaker_name"}:  # the others: staff only
        for line in re.split(r"\r\n|\r|\n", expected):
            assert html.escape(line) in private, line
