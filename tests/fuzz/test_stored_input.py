"""Every public form that stores what is typed, fuzzed field by field with values around
their column's length, long addresses, any Unicode and wrong types: never a server error
(on PostgreSQL as on SQLite), and what is stored is what was typed, cleaned of control
and bidirectional characters, and fits its column."""

import itertools

import pytest
from django.db import models
from django.utils import timezone
from hypothesis import event, given
from hypothesis import strategies as st

from applications.access import make_token
from applications.models import Application
from panels.models import Statement
from panels.statements import search
from presessions.models import Accreditation, Event, Registration, Subscriber
from presessions.text import clean_line, clean_text
from tests.conftest import application_data
from tests.factories import ApplicationFactory

from .strategies import (
    ERROR_SUMMARY,
    FUZZ,
    around_limit,
    assert_error_shown,
    assert_not_server_error,
    long_emails,
    page,
    post,
    post_value,
    texts,
    unicode_texts,
    wrong_values,
)
from .test_statement_form import form_data as statement_data

_numbers = itertools.count(1)

# form: its text fields, each with how it is stored ("line", "name" with its spaces
# collapsed, "text", "statement", "email" lowercased, "address" as typed, "url"
# normalised), and the model.
FORMS = {
    "accreditation": (
        {"name": "line", "email": "email", "organisation": "line"}, Accreditation,
    ),
    "subscribe": ({"email": "email", "name": "line", "mission": "line"}, Subscriber),
    "register": ({"name": "line", "email": "email", "organisation": "line"}, Registration),
    "apply": (
        {"organisation_name": "name", "organisation_website": "url", "contact_email": "email",
         "summary": "text", "speaker_name": "line", "speaker_email": "address",
         "speaker_other_languages": "line", "interpretation_details": "line",
         "funding_reason": "text", "safety_details": "text"},
        Application,
    ),
    "statement": ({"text": "statement"}, Statement),
}  # fmt: skip
FORMS["edit"] = FORMS["apply"]


def _limit(form: str, field: str) -> int:
    return FORMS[form][1]._meta.get_field(field).max_length


def _values(form: str, field: str):
    kind, limit = FORMS[form][0][field], _limit(form, field)
    single = st.one_of(
        around_limit(limit), around_limit(limit), unicode_texts(), texts(), wrong_values()
    )
    if kind in {"email", "address"}:
        single = st.one_of(long_emails(), long_emails(), single)
    return st.one_of(single, st.lists(single, min_size=2, max_size=3))


@st.composite
def fuzzed_fields(draw, form: str):
    field = draw(st.sampled_from(sorted(FORMS[form][0])))
    return field, draw(_values(form, field), label=field)


def received(value) -> str:
    """What the form receives: the last of repeated fields, as text."""
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(post_value(value))


def expected(kind: str, value: str) -> str | None:
    if kind == "line":
        return clean_line(value).strip()
    if kind == "name":
        return " ".join(clean_line(value).split())
    if kind == "text":
        return clean_text(value).strip()
    if kind == "statement":  # also without the search's private-use markers
        return search.clean_text(clean_text(value)).strip()
    if kind == "email":
        return value.strip().lower()
    if kind == "address":
        return value.strip()
    return None  # a URL is normalised by the form (scheme added)


def assert_fits_its_columns(row: models.Model) -> None:
    for column in row._meta.concrete_fields:
        value = getattr(row, column.attname)
        if isinstance(value, str) and column.max_length:
            assert len(value) <= column.max_length, (column.name, len(value))


@pytest.fixture
def event_(series):
    starts = timezone.now() + timezone.timedelta(days=20)
    return Event.objects.create(
        series=series, kind="networking", title="Reception", capacity=10_000,
        starts_at=starts, ends_at=starts + timezone.timedelta(hours=2),
    )  # fmt: skip


def _request(form, series, presession, theme, speaker, event, application):
    """(url, valid data, how success shows, the row that was written or None)."""
    n = next(_numbers)
    email = f"fuzz{n}@example.org"
    if form == "accreditation":
        data = {"name": "Ana", "email": email, "category": "cso", "organisation": "Radio",
                "country": "ES", "consent": "on",
                "days": [series.starts_on.isoformat()]}  # fmt: skip
        return (
            f"/en/series/{series.number}/accreditation/",
            data,
            "redirect",
            (lambda sent: Accreditation.objects.filter(series=series, email=sent).first()),
        )
    if form == "subscribe":
        return (
            "/en/mailing-list/",
            {"email": email, "mission": "Mission"},
            "inbox",
            (lambda sent: Subscriber.objects.filter(email=sent).first()),
        )
    if form == "register":
        return (
            f"/en/series/{series.number}/events/{event.pk}/register/",
            {"name": "Ana", "email": email}, "inbox",
            lambda sent: Registration.objects.filter(event=event, email=sent).first(),
        )  # fmt: skip
    data = application_data(
        presession, theme, organisation_name=f"Network {n}", contact_email=email,
        needs_interpretation="True", interpretation_details="Swahili", needs_funding="True",
        funding_amount="500", funding_reason="Travel",
    )  # fmt: skip
    if form == "apply":
        return (
            f"/en/series/{series.number}/apply/",
            data,
            "redirect",
            (lambda sent: Application.objects.order_by("-pk").first()),
        )
    if form == "edit":
        data = {k: v for k, v in data.items() if k not in {"presession", "consent"}}
        return (
            f"/en/application/{make_token(application)}/edit/",
            data,
            "redirect",
            (lambda sent: Application.objects.get(pk=application.pk)),
        )
    return (
        f"/en/application/{make_token(speaker)}/statement/",
        statement_data(theme),
        "redirect",
        lambda sent: Statement.objects.get(application=speaker),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("form", sorted(FORMS))
@FUZZ
@given(data=st.data())
def test_public_forms_store_fuzzed_text_cleaned_and_within_its_column(
    client, series, presession, theme, speaker, event_, form, data
):
    field, value = data.draw(fuzzed_fields(form))
    kind = FORMS[form][0][field]
    application = None
    if form == "edit":  # numbered apart from those the form gives
        application = ApplicationFactory(
            presession=presession, main_theme=theme, sequence=5000 + next(_numbers)
        )
    url, sent, success, stored_row = _request(
        form, series, presession, theme, speaker, event_, application
    )
    sent[field] = value
    applications = Application.objects.count()

    response = post(client, url, sent)

    assert_not_server_error(response)
    saved = (
        response.status_code == 302
        if success == "redirect"
        else "Please check your inbox" in page(response)
    )
    event(f"{form}: {'saved' if saved else 'refused'}")
    if not saved:
        assert_error_shown(response, ERROR_SUMMARY)
        if form == "apply":
            assert Application.objects.count() == applications
        return
    typed = received(value)
    lookup = expected("email", typed) if kind == "email" else sent.get("email", "")
    row = stored_row(lookup)
    assert row is not None
    assert_fits_its_columns(row)
    if expected(kind, typed) is not None:
        assert getattr(row, field) == expected(kind, typed)
