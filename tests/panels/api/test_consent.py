"""What the API shows of statements, the programme and the series: the consent matrix of
the pages (tests/panels/statements/test_published.py), through every endpoint, with
what must not appear present in the database."""

import pytest
from django.urls import reverse
from django.utils import translation

from panels.enums import Outcome, Response, Sharing
from panels.programme import scheduling
from panels.selection import services as selection
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory, SpeakerFactory
from tests.panels.statements.test_published import COMBINATIONS, ORGANISATION, make_statement

from .conftest import get_json

# In the database, never public: whom to write to, who speaks, what was typed privately.
PRIVATE = [
    "mission.kenya@secret.example.org",
    "unpublished@secret.example.org",
    "Unpublished Voices Forum",
    "Forced evictions in Mombasa",
    "Amina Benali",  # every speaker's name
    "@example.org",  # every contact's and speaker's address
    "HakiWatch",  # the uploaded files' names
]


def api_texts(client) -> dict[str, tuple[int, str]]:
    """Every endpoint that could show the statement: (status, the JSON as sent)."""
    statements = reverse("api:statements")
    urls = [
        statements,
        f"{statements}?q=sedition",
        f"{statements}?q=Nairobi",
        f"{statements}?country=KEN",
        f"{statements}?series=48&country=ke",
        f"{statements}?organisation=Haki+Watch",
        reverse("api:recommendations"),
        reverse("api:recommendations") + "?country=KE",
        reverse("api:statement", args=[48, "ken", 1]),
        reverse("api:statement", args=[48, "ken", 2]),
        reverse("api:series-list"),
        reverse("api:series", args=[48]),
    ]
    return {url: get_json(client, url)[::2] for url in urls}


@pytest.mark.parametrize(("statement", "recommendation", "material"), COMBINATIONS)
def test_api_shows_only_what_was_shared(
    client, kenya, unpublished, statement, recommendation, material
):
    make_statement(kenya, statement, recommendation, material)
    shared = {
        "statement": statement != Sharing.PRIVATE,
        "recommendation": recommendation != Sharing.PRIVATE,
        "material": material != Sharing.PRIVATE,
    }
    anything = any(shared.values())
    named = anything and Sharing.ANONYMOUS not in (statement, recommendation, material)

    texts = api_texts(client)
    everything = "".join(text for _status, text in texts.values())
    detail_status, detail = texts[reverse("api:statement", args=[48, "ken", 1])]

    assert detail_status == (200 if anything else 404)
    assert texts[reverse("api:statement", args=[48, "ken", 2])][0] == 404
    assert ("Journalists face arbitrary detention" in everything) == shared["statement"]
    assert ("Repeal the sedition law" in everything) == shared["recommendation"]
    assert ("Detention factsheet" in everything) == shared["material"]
    assert (ORGANISATION in everything) == named
    assert ("n organisation from Kenya" in everything) == (anything and not named)
    assert [text for text in PRIVATE if text in everything] == []
    assert ("presession-48-KEN-statement-1.pdf" in detail) == shared["statement"]
    assert ("presession-48-KEN-statement-1-material-1.docx" in detail) == shared["material"]
    # Filtering on a name never finds a statement that may not be named.
    by_name = texts[reverse("api:statements") + "?organisation=Haki+Watch"][1]
    assert ('"count":1' in by_name) == named
    assert ("/en/statements/48/ken/1/" in texts[reverse("api:statements") + "?q=Nairobi"][1]) == (
        shared["statement"]
    )


def test_api_statement_lists_the_public_parts_as_the_page_does(client, kenya, unpublished):
    make_statement(kenya, Sharing.NAMED, Sharing.ANONYMOUS, Sharing.PRIVATE)

    status, data, _text = get_json(client, reverse("api:statement", args=[48, "ken", 1]))

    assert status == 200
    assert {
        key: data[key] for key in ("series", "position", "organisation", "organisation_named")
    } == {
        "series": 48,
        "position": 1,
        "organisation": "An organisation from Kenya",
        "organisation_named": False,
    }
    assert data["country"] == {"code": "KE", "alpha3": "KEN", "name": "Kenya"}
    assert data["recommendations"] == [
        {
            "position": 1,
            "text": "Repeal the sedition law by 2028.",
            "theme": "",
            "raised_at_review_by": [],
            "review_response": "",
        }
    ]
    assert data["materials"] == []
    # Anonymous: the statement's file only as its copy without the author's details.
    assert data["file"] == {
        "title": "Statement",
        "file_name": "presession-48-KEN-statement-1.pdf",
        "url": "http://testserver/en/statements/48/ken/1/file/",
    }
    assert data["url"] == "http://testserver/en/statements/48/ken/1/"


# The programme -----------------------------------------------------------------------------

NAMED = ["Confirmed Named Collective"]
NEVER = [
    "Hidden Reprisal Defenders",  # confirmed, fears reprisals, did not agree to be named
    "Silent Pending Alliance",  # selected, has not answered
    "Declining Voices Union",  # declined
    "Withdrawn Confirmed Coalition",  # confirmed, then withdrew after publication
    "Waiting List Federation",  # waitlisted
    "@example.org",
    "Amina Benali",
]


def speaker(presession, name, *, outcome=Outcome.SELECTED, response=Response.CONFIRMED, **fields):
    application = ApplicationFactory(presession=presession, organisation_name=name, **fields)
    return SpeakerFactory(
        application=application,
        outcome=outcome,
        response=response if outcome == Outcome.SELECTED else Response.PENDING,
        waitlist_rank=1 if outcome == Outcome.WAITLISTED else None,
        notified_outcome=outcome,
        may_name_publicly=response == Response.CONFIRMED and not fields.get("has_safety_concerns"),
    )


@pytest.fixture
def programme_series(db, coordinator, django_capture_on_commit_callbacks):
    """Series 55: Kenya with speakers in every state, Ecuador whose only speaker has not
    answered; the programme published, then one confirmed speaker withdrew."""
    series = SeriesFactory(session__number=55, panel_size=6)
    kenya = PreSessionFactory(series=series, country="KE", review_order=1)
    ecuador = PreSessionFactory(series=series, country="EC", review_order=2)
    speaker(kenya, "Confirmed Named Collective")
    speaker(kenya, "Hidden Reprisal Defenders", organisation_country="UG", has_safety_concerns=True)
    speaker(kenya, "Silent Pending Alliance", response=Response.PENDING)
    speaker(kenya, "Declining Voices Union", response=Response.DECLINED)
    withdrawn = speaker(kenya, "Withdrawn Confirmed Coalition")
    speaker(kenya, "Waiting List Federation", outcome=Outcome.WAITLISTED)
    speaker(ecuador, "Pending Andes Network", response=Response.PENDING)
    scheduling.generate_timetable(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=series, by=coordinator)
        selection.withdraw_speaker(application=withdrawn.application)
    return series


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_api_programme_names_only_confirmed_speakers_as_they_consented(
    client, programme_series, language
):
    url = reverse("api:programme", args=[55]) + f"?lang={language}"
    status, data, text = get_json(client, url)

    with translation.override(language):
        uganda = translation.gettext("An organisation from %(country)s") % {
            "country": translation.gettext("Uganda")
        }
    meetings = [meeting for day in data["days"] for meeting in day["meetings"]]
    assert (status, data["published"]) == (200, True)
    assert [(m["country"]["alpha3"], m["organisations"]) for m in meetings] == [
        ("KEN", [*NAMED, uganda]),
        ("ECU", []),
    ]
    assert [m["speakers_to_be_confirmed"] for m in meetings if m["country"]["code"] == "EC"] == [
        True
    ]
    assert [name for name in [*NEVER, "Pending Andes Network"] if name in text] == []


def test_api_programme_before_publication_has_no_days(client, past_series):
    kenya = PreSessionFactory(series=past_series, country="KE")
    SpeakerFactory(application__presession=kenya, application__organisation_name="Early Bird Group")

    status, data, text = get_json(client, reverse("api:programme", args=[48]))

    assert (status, data["published"], data["days"]) == (200, False, [])
    assert "Early Bird Group" not in text


def test_api_series_shows_countries_but_not_the_missions_addresses(client, kenya):
    PreSessionFactory(
        series=kenya.series, country="UG", review_order=0, mission_email="ug@secret.example.org"
    )

    status, data, text = get_json(client, reverse("api:series", args=[48]))

    assert status == 200
    assert [c["alpha3"] for c in data["countries"]] == ["UGA", "KEN"]
    assert "secret.example.org" not in text
    assert data["programme"] == "http://testserver/api/v1/series/48/programme"
