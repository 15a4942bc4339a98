"""The limits of the public forms with fuzzed input: too many submissions (429), a file
too large (dropped as it arrives, the form says so), a request far too large (413)."""

import itertools

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from applications.access import make_token
from applications.models import Application
from presessions.attendance.accreditation import pass_token
from presessions.models import Accreditation, Event
from tests.conftest import application_data

from .strategies import (
    ERROR_SUMMARY,
    FUZZ,
    Upload,
    assert_error_shown,
    assert_kept,
    assert_not_server_error,
    assert_nothing_injected,
    page,
    post,
    texts,
)
from .test_statement_form import form_data as statement_data

TOO_MANY = "This form has been sent many times from your connection in a short while."
_numbers = itertools.count(1)


def _forms(series, presession, theme, speaker, event):
    """(url, valid data, the text field to fuzz) of every public form."""
    n = next(_numbers)
    return {
        "apply": (
            f"/en/series/{series.number}/apply/",
            application_data(presession, theme, contact_email=f"c{n}@example.org"),
            "summary",
        ),
        "edit": (
            f"/en/application/{make_token(speaker)}/edit/",
            {
                k: v
                for k, v in application_data(presession, theme).items()
                if k not in {"presession", "consent"}
            },
            "speaker_name",
        ),
        "accreditation": (
            f"/en/series/{series.number}/accreditation/",
            {
                "name": "Ana",
                "email": f"ana{n}@example.org",
                "category": "cso",
                "organisation": "Radio",
                "country": "ES",
                "days": [series.starts_on.isoformat()],
                "consent": "on",
            },
            "organisation",
        ),
        "subscribe": ("/en/mailing-list/", {"email": f"a{n}@mission.example.org"}, "mission"),
        "register": (
            f"/en/series/{series.number}/events/{event.pk}/register/",
            {"name": "Ana", "email": f"ana{n}@example.org"},
            "name",
        ),
        "statement": (
            f"/en/application/{make_token(speaker)}/statement/",
            statement_data(theme),
            "text",
        ),
        "observer-documents": (
            f"/en/accreditation/pass/{pass_token(_observer(series, n))}/documents/",
            {"presession": presession.pk, "title": "Note", "named": "yes"},
            "title",
        ),
    }


def _observer(series, n):
    return Accreditation.objects.create(
        series=series, name="Amel", email=f"amel{n}@example.org", category="cso",
        organisation="Tunis League", country="TN", language="en", status="approved",
    )  # fmt: skip


@pytest.fixture
def event(series):
    from django.utils import timezone

    starts = timezone.now() + timezone.timedelta(days=20)
    return Event.objects.create(
        series=series, kind="networking", title="Reception", capacity=50, starts_at=starts,
        ends_at=starts + timezone.timedelta(hours=2),
    )  # fmt: skip


@pytest.mark.django_db
@FUZZ
@given(
    name=st.sampled_from(
        [
            "apply",
            "edit",
            "accreditation",
            "subscribe",
            "register",
            "statement",
            "observer-documents",
        ]
    ),
    text=texts(),
)
def test_public_forms_sent_too_often_say_so_and_keep_the_input(
    client, settings, series, presession, theme, speaker, event, name, text
):
    settings.PUBLIC_FORM_RATE = "1/h"
    cache.clear()
    url, data, field = _forms(series, presession, theme, speaker, event)[name]
    data[field] = text
    applications = Application.objects.count()
    post(client, url, data)  # the one allowed

    response = post(client, url, data)

    assert_not_server_error(response)
    assert response.status_code == 429
    assert_error_shown(response, TOO_MANY)
    assert_nothing_injected(page(response), [text])
    assert_kept(page(response), text)
    assert Application.objects.count() <= applications + 1


@pytest.mark.django_db
@FUZZ
@given(
    name=st.sampled_from(["apply", "edit", "statement", "observer-documents"]),
    size=st.integers(min_value=1, max_value=6000),
    text=texts(),
)
def test_public_forms_with_a_file_too_large_say_so_and_keep_the_input(
    client, settings, series, presession, theme, speaker, event, name, size, text
):
    settings.MAX_UPLOAD_SIZE = 2048
    url, data, field = _forms(series, presession, theme, speaker, event)[name]
    data[field] = text
    file_field = "file" if name in ("statement", "observer-documents") else "upr_report"
    if file_field == "upr_report":
        data["submitted_upr_report"] = "True"
    upload = Upload("report.pdf", b"%PDF-1.4\n" + b"x" * size, "application/pdf")

    response = post(client, url, data, files={file_field: upload})

    assert_not_server_error(response)
    if len(upload.content) > settings.MAX_UPLOAD_SIZE:
        assert_error_shown(response, "The file is larger than 2.0\xa0KB")
        assert_error_shown(response, ERROR_SUMMARY)
        assert_kept(page(response), text)
    assert_nothing_injected(page(response), [text])


@pytest.mark.django_db
@FUZZ
@given(
    name=st.sampled_from(
        [
            "apply",
            "edit",
            "accreditation",
            "subscribe",
            "register",
            "statement",
            "observer-documents",
        ]
    ),
    size=st.integers(min_value=5000, max_value=20000),
)
def test_public_forms_with_a_request_far_too_large_are_refused_with_a_message(
    client, settings, series, presession, theme, speaker, event, name, size
):
    settings.MAX_REQUEST_SIZE = 4096
    url, data, _field = _forms(series, presession, theme, speaker, event)[name]

    response = post(client, url, data, files={"file": Upload("big.pdf", b"%PDF-" + b"x" * size)})

    assert response.status_code == 413
    assert "Files too large" in page(response)
