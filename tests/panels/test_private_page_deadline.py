"""A confirmed speaker reads by when to send the statement, in Geneva time and in their
language's date format; past that time they are told, and may still hand it in."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from applications.access import make_token
from panels.enums import Response
from panels.models import Statement
from panels.statements import queries
from tests.factories import SpeakerFactory, StatementFactory
from tests.panels.statements.test_forms import form_data

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")
# A Monday, far enough ahead to stay in the future, and one long past.
AHEAD = dt.datetime(2100, 3, 15, 23, 59, tzinfo=GENEVA)
PAST = dt.datetime(2021, 3, 15, 23, 59, tzinfo=GENEVA)


def with_deadline(series, due_at):
    series.statement_deadline = due_at
    series.save(update_fields=["statement_deadline"])


def page(client, application, name="panels:private", language="en"):
    with translation.override(language):
        url = reverse(name, args=[make_token(application)])
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Send your statement by Monday, March 15, 2100, 23:59 (Geneva time)."),
        ("fr", "au plus tard le lundi 15 mars 2100 à 23:59 (heure de Genève)."),
        ("es", "a más tardar el lunes 15 de marzo de 2100, a las 23:59 (hora de Ginebra)."),
    ],
)
def test_a_confirmed_speaker_reads_the_deadline_in_their_language(
    client, speaker, series, language, expected
):
    with_deadline(series, AHEAD)

    assert expected in page(client, speaker, language=language)


def test_the_deadline_is_read_in_geneva_time(client, speaker, series):
    # 22:59 UTC is 23:59 in Geneva in March (winter time).
    with_deadline(series, dt.datetime(2100, 3, 15, 22, 59, tzinfo=dt.UTC))

    assert "Monday, March 15, 2100, 23:59 (Geneva time)" in page(client, speaker)


def test_the_statement_form_says_the_deadline_too(client, speaker, series):
    with_deadline(series, AHEAD)

    assert "Send your statement by Monday, March 15, 2100" in page(
        client, speaker, "panels:statement-edit"
    )


def test_past_the_deadline_the_speaker_is_told_and_what_to_do(client, speaker, series):
    with_deadline(series, PAST)

    text = page(client, speaker)

    assert "The deadline for statements passed on Monday, March 15, 2021, 23:59" in text
    assert "You can still hand in or change your statement here" in text
    assert "Send your statement by" not in text
    assert "Hand in the statement" in text


def test_past_the_deadline_a_statement_is_still_saved(client, speaker, series, theme):
    with_deadline(series, PAST)
    with translation.override("en"):
        url = reverse("panels:statement-edit", args=[make_token(speaker)])

    response = client.post(url, form_data(theme))

    assert response.status_code == 302
    assert Statement.objects.get(application=speaker).text == (
        "Journalists are detained for their work."
    )


def test_no_deadline_no_line(client, speaker):
    text = page(client, speaker)

    assert 'id="statement-deadline"' not in text


def test_only_a_confirmed_speaker_reads_the_deadline(client, presession, series):
    with_deadline(series, AHEAD)
    pending = SpeakerFactory(
        application__presession=presession, response=Response.PENDING
    ).application

    assert "Send your statement by" not in page(client, pending)


def test_once_published_the_deadline_is_no_longer_shown(client, speaker, series):
    with_deadline(series, PAST)
    StatementFactory(application=speaker, position=1, published_at=PAST)

    text = page(client, speaker)

    assert "Published on" in text
    assert 'id="statement-deadline"' not in text


def test_the_deadline_has_passed_from_its_very_minute(speaker, series):
    with_deadline(series, AHEAD)
    before = AHEAD - dt.timedelta(seconds=1)

    assert queries.statement_deadline(speaker, now=before) == queries.StatementDeadline(
        due_at=AHEAD, has_passed=False
    )
    assert queries.statement_deadline(speaker, now=AHEAD).has_passed is True
