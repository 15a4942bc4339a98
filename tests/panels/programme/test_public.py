"""The public programme's one door: who it names, in every place the public reads it
(the page in three languages, the print view, the series' and each meeting's calendar),
and how a speaker who leaves after publication disappears from all of them at once."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from applications.access import make_token
from panels.enums import DecisionAction, Outcome, Response
from panels.models import Placement
from panels.programme import calendar, scheduling
from panels.programme import public as public_programme
from panels.selection import services
from presessions.models import OutboundEmail
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory, SpeakerFactory

TUESDAY = dt.date(2027, 3, 23)

# The only names the public may read.
NAMED = ["Confirmed Named Collective", "Brave Consenting Network"]
# Names that must appear nowhere public, whatever the page or the language.
NEVER = [
    "Hidden Reprisal Defenders",  # confirmed, fears reprisals, did not agree to be named
    "Silent Pending Alliance",  # selected, has not answered
    "Declining Voices Union",  # declined
    "Withdrawn Confirmed Coalition",  # confirmed, then withdrew after publication
    "Waiting List Federation",  # waitlisted
    "Unselected Rights Group",  # not selected
    "Pending Andes Network",  # the only speaker of Ecuador, has not answered
]


def speaker(presession, name, *, outcome=Outcome.SELECTED, response=Response.CONFIRMED,
            rank=None, **fields):  # fmt: skip
    application = ApplicationFactory(
        presession=presession,
        organisation_name=name,
        contact_email=f"{name.split()[0].lower()}@example.org",
        **fields,
    )
    return SpeakerFactory(
        application=application,
        outcome=outcome,
        response=response if outcome == Outcome.SELECTED else Response.PENDING,
        waitlist_rank=rank,
        notified_outcome=outcome,
        may_name_publicly=response == Response.CONFIRMED and not fields.get("has_safety_concerns"),
    )


@pytest.fixture
def published(db, coordinator, django_capture_on_commit_callbacks):
    """Series 55: Kenya with speakers in every state, Ecuador whose only speaker has not
    answered; the programme published, then one confirmed speaker withdrew."""
    series = SeriesFactory(
        session__number=55, panel_size=6, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(3)
    )
    kenya = PreSessionFactory(series=series, country="KE", review_order=1)
    ecuador = PreSessionFactory(series=series, country="EC", review_order=2)
    speaker(kenya, "Confirmed Named Collective", speaker_languages=["fr"])
    speaker(kenya, "Hidden Reprisal Defenders", organisation_country="UG",
            has_safety_concerns=True)  # fmt: skip
    brave = speaker(kenya, "Brave Consenting Network", has_safety_concerns=True)
    brave.may_name_publicly = True
    brave.save()
    speaker(kenya, "Silent Pending Alliance", response=Response.PENDING)
    speaker(kenya, "Declining Voices Union", response=Response.DECLINED)
    withdrawn = speaker(kenya, "Withdrawn Confirmed Coalition", speaker_languages=["es"])
    speaker(kenya, "Waiting List Federation", outcome=Outcome.WAITLISTED, rank=1)
    speaker(kenya, "Unselected Rights Group", outcome=Outcome.NOT_SELECTED,
            is_ineligible=True, ineligible_reason="Not a CSO.")  # fmt: skip
    speaker(ecuador, "Pending Andes Network", response=Response.PENDING)
    scheduling.generate_timetable(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=series, by=coordinator)
        services.withdraw_speaker(application=withdrawn.application)
    mail.outbox.clear()
    return series


def public_texts(client, series) -> dict[str, str]:
    """Everything the public can read of the programme, as text: the page in each
    language, the print view, the series' calendar and each meeting's calendar. The
    calendars are read as bytes and unfolded (RFC 5545 folds lines at 75 octets, which
    could cut a name in two)."""
    texts = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            url = reverse("panels:programme", args=[series.number])
        texts[f"page-{language}"] = client.get(url).content.decode()
    with translation.override("en"):
        texts["print"] = client.get(reverse("panels:programme-print", args=[series.number]))
        calendars = {"series.ics": reverse("panels:programme-ics", args=[series.number])}
        for code in ("KEN", "ECU"):
            calendars[f"{code}.ics"] = reverse("panels:meeting-ics", args=[series.number, code])
    texts["print"] = texts["print"].content
    for name, url in calendars.items():
        response = client.get(url)
        assert response.status_code == 200
        texts[name] = response.content.replace(b"\r\n ", b"")
    return {k: v.decode() if isinstance(v, bytes) else v for k, v in texts.items()}


def anonymous_label(country: str, language: str) -> str:
    with translation.override(language):
        return gettext("An organisation from %(country)s") % {"country": gettext(country)}


# The door itself -------------------------------------------------------------------------


def test_programme_names_only_confirmed_speakers_as_they_consented(published):
    programme = public_programme.programme_of(published)

    kenya = programme.meeting_of("KEN")
    assert kenya.organisations == (
        "Confirmed Named Collective", "An organisation from Uganda", "Brave Consenting Network"
    )  # fmt: skip
    assert kenya.speakers_to_be_confirmed is False
    # Only the confirmed speakers' languages count: French, not the withdrawn Spanish.
    assert kenya.interpretation.into_english_from == ("fr",)
    ecuador = programme.meeting_of("ecu")
    assert ecuador.organisations == ()
    assert ecuador.speakers_to_be_confirmed is True


def test_programme_is_frozen_data_in_geneva_time(published):
    programme = public_programme.programme_of(published)

    kenya = programme.meeting_of("KEN")
    assert (kenya.start.tzinfo, kenya.start.time(), kenya.room) == (
        public_programme.GENEVA, dt.time(10, 0), "Room XXIV"
    )  # fmt: skip
    assert [day.date for day in programme.days] == [TUESDAY, TUESDAY + dt.timedelta(1)]
    assert str(programme.series) == "Pre-sessions 55"
    with pytest.raises(AttributeError):
        kenya.room = "Room XX"  # type: ignore[misc]


def test_programme_before_publication_has_no_day(published):
    published.timetable.meetings.update(published_start=None, published_end=None)

    programme = public_programme.programme_of(published)

    assert (programme.is_published, programme.days) == (False, ())


def test_programme_reads_in_three_queries_whatever_its_size(published, django_assert_num_queries):
    # The meetings, their confirmed speakers, the observers' documents.
    with django_assert_num_queries(3):
        public_programme.programme_of(published)
    kenya = published.presessions.get(country="KE")
    for n in range(5):
        speaker(kenya, f"More Voices {n}", has_safety_concerns=n % 2 == 0)
    uganda = PreSessionFactory(series=published, country="UG", review_order=3)
    speaker(uganda, "Kampala Forum")
    scheduling.prepare_timetable(series=published)
    scheduling.generate_timetable(series=published)
    scheduling.publish_programme(series=published, by=None)

    with django_assert_num_queries(3):
        programme = public_programme.programme_of(published)

    assert len(programme.meetings) == 3


def test_programme_pages_run_the_same_queries_whatever_the_size(client, published):
    urls = [
        reverse("panels:programme", args=[55]),
        reverse("panels:programme-print", args=[55]),
        reverse("panels:programme-ics", args=[55]),
        reverse("panels:meeting-ics", args=[55, "KEN"]),
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    kenya = published.presessions.get(country="KE")
    for n in range(4):
        speaker(kenya, f"More Voices {n}")

    # The series, its meetings, their confirmed speakers, the observers' documents (the
    # print view, built under the same version as the page, has the series it read); the
    # calendars also open and release the request's savepoint (the page and the print
    # view run without a transaction, and are kept in the page cache once built).
    assert before == [4, 3, 6, 6]
    assert counts() == before


# Nothing leaks, anywhere the public reads the programme ------------------------------


def test_every_public_view_names_exactly_the_allowed_speakers(client, published):
    texts = public_texts(client, published)

    for where, text in texts.items():
        for name in NAMED:
            # Ecuador's own calendar has only Ecuador's meeting.
            assert (name in text) == (where != "ECU.ics"), (where, name)
        for name in NEVER:
            assert name not in text, (where, name)
    for language in ("en", "fr", "es"):
        assert anonymous_label("Uganda", language) in texts[f"page-{language}"]
    assert anonymous_label("Uganda", "en") in texts["print"]
    assert anonymous_label("Uganda", "en") in texts["KEN.ics"]
    assert "Speakers to be confirmed." in texts["page-en"]
    assert "Speakers to be confirmed." in texts["ECU.ics"]
    assert "Speakers to be confirmed." in texts["print"]


def test_a_confirmed_speaker_who_withdraws_after_publication_leaves_every_view_at_once(
    client, published, coordinator, django_capture_on_commit_callbacks
):
    leaving = Placement.objects.get(application__organisation_name="Confirmed Named Collective")
    with translation.override("en"):
        url = reverse("panels:withdraw", args=[make_token(leaving.application)])

    before = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    for where, text in public_texts(client, published).items():
        assert "Confirmed Named Collective" not in text, where
        assert ("Brave Consenting Network" in text) == (where != "ECU.ics"), where
    leaving.refresh_from_db()
    assert (leaving.outcome, leaving.response, leaving.may_name_publicly) == (
        Outcome.SELECTED, Response.DECLINED, False
    )  # fmt: skip
    sent_after = OutboundEmail.objects.filter(pk__gt=before)
    assert sorted(sent_after.values_list("kind", "to", "status")) == [
        ("application_withdrawn", leaving.application.contact_email, "sent"),
        ("panel_declined", "coordinator@example.org", "sent"),
    ]
    assert [m.to for m in mail.outbox] == [
        [leaving.application.contact_email], ["coordinator@example.org"]
    ]  # fmt: skip
    coordinators = next(m for m in mail.outbox if m.to == ["coordinator@example.org"])
    assert coordinators.subject == f"{leaving.application.reference} withdrew from the panel"
    assert "The programme was already published" in coordinators.body
    assert "Waiting List Federation" in coordinators.body
    assert published.presessions.get(country="KE").panel.decisions.first().action == (
        DecisionAction.WITHDREW
    )
    client.force_login(coordinator)
    panel_page = client.get(reverse("admin:panels_panel_change", args=[leaving.panel_id]))
    field = panel_page.content.decode().split("field-proposed_replacement", 1)[1]
    field = field.split("field-confirmed_by", 1)[0]
    assert "Waiting List Federation" in field
    assert "Invite the proposed replacement" in field


def test_withdrawing_before_confirming_is_a_decline_without_the_programme_sentence(
    published, django_capture_on_commit_callbacks
):
    pending = Placement.objects.get(application__organisation_name="Silent Pending Alliance")

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_speaker(application=pending.application)

    coordinators = next(m for m in mail.outbox if m.to == ["coordinator@example.org"])
    assert coordinators.subject == f"{pending.application.reference} withdrew from the panel"
    assert "The programme was already published" not in coordinators.body


def test_a_waitlisted_applicant_who_withdraws_tells_no_coordinator(
    published, django_capture_on_commit_callbacks
):
    waiting = Placement.objects.get(application__organisation_name="Waiting List Federation")

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_speaker(application=waiting.application)

    assert [m.to for m in mail.outbox] == [[waiting.application.contact_email]]
    assert services.propose_replacement(waiting.panel) is None


def test_a_seat_freed_by_a_withdrawal_goes_to_the_waiting_list(published, coordinator):
    panel = published.presessions.get(country="KE").panel

    # Two seats are free (a decline and a withdrawal) and one applicant waits.
    assert services.propose_replacement(panel).organisation_name == "Waiting List Federation"
    invited = services.invite_replacement(panel=panel, by=coordinator)

    assert (invited.outcome, invited.reason_code) == (Outcome.SELECTED, "replacement")
    assert services.propose_replacement(panel) is None  # nobody else is waiting


# The calendars ---------------------------------------------------------------------------


@override_settings(SITE_URL="https://presessions.example.org")
def test_calendar_has_the_zurich_time_zone_and_uids_of_the_site(client, published):
    raw = client.get(reverse("panels:programme-ics", args=[55])).content

    parsed = Calendar.from_ical(raw)
    assert [str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert b"BEGIN:DAYLIGHT\r\nDTSTART:20270328T030000\r\n" in raw  # summer time in 2027
    events = parsed.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [
        "presession-55-KEN@presessions.example.org",
        "presession-55-ECU@presessions.example.org",
    ]
    assert [e["dtstart"].params["TZID"] for e in events] == ["Europe/Zurich"] * 2
    assert [e["dtend"].params["TZID"] for e in events] == ["Europe/Zurich"] * 2
    assert b"DTSTART;TZID=Europe/Zurich:20270323T100000\r\n" in raw
    assert str(events[0]["url"]) == "https://presessions.example.org/en/series/55/programme/"
    # In March 2027 Geneva is on winter time: 10:00 there is 09:00 UTC.
    assert events[0].decoded("dtstart").astimezone(dt.UTC).hour == 9


def test_calendar_lines_hold_no_control_character(client, published):
    published.timetable.meetings.update(published_room="Room\tXXIV\r\nBuilding E")

    raw = client.get(reverse("panels:meeting-ics", args=[55, "KEN"])).content

    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["location"]) == "Room XXIV Building E, Palais des Nations, Geneva"
    assert b"\t" not in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_event_uid_uses_the_host_without_port_or_scheme():
    with override_settings(SITE_URL="http://127.0.0.1:8000"):
        assert calendar.event_uid(55, "KEN") == "presession-55-KEN@127.0.0.1"


def test_published_slot_is_the_meeting_in_geneva_time_in_one_query(
    published, django_assert_num_queries
):
    kenya = published.presessions.get(country="KE")

    with django_assert_num_queries(1):
        slot = public_programme.published_slot(kenya.pk)

    assert slot is not None
    meeting = public_programme.programme_of(published).meeting_of("KEN")
    assert (slot.start, slot.end, slot.room) == (meeting.start, meeting.end, meeting.room)
    assert slot.start.utcoffset() == dt.timedelta(hours=1)  # March in Geneva: CET


def test_published_slot_is_none_before_the_programme_is_published(db):
    series = SeriesFactory(session__number=56, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(3))
    kenya = PreSessionFactory(series=series, country="KE", review_order=1)
    speaker(kenya, "Early Voices")
    scheduling.generate_timetable(series=series)

    assert public_programme.published_slot(kenya.pk) is None


def test_programme_says_which_other_language_a_confirmed_speaker_asked_for(client, published):
    """ "From which language?" reaches the programme as the language only: whatever else
    the applicant wrote there stays with staff."""
    confirmed = Placement.objects.get(application__organisation_name="Confirmed Named Collective")
    confirmed.application.needs_interpretation = True
    confirmed.application.interpretation_details = "Arabic (our speaker is Amina, from Mombasa)"
    confirmed.application.save()

    texts = public_texts(client, published)

    assert "Arabic into English" in texts["page-en"]
    assert "Arabic into English" in texts["print"]
    for text in texts.values():
        assert "Amina" not in text and "Mombasa" not in text


# The room and the venue in the reader's language -----------------------------------------


def translate_room_and_venue(series, coordinator):
    """The room and the venue get a French name, published again (no slot changes)."""
    series.timetable.rooms.update(name_fr="Salle XXIV")
    series.venue_fr = "Palais des Nations, Genève"
    series.save(update_fields=["venue_fr"])
    assert scheduling.publish_programme(series=series, by=coordinator) == 0


def page_in(client, series, language):
    with translation.override(language):
        url = reverse("panels:programme", args=[series.number])
    return client.get(url).content.decode().replace("\xa0", " ")


def test_the_french_programme_names_the_room_and_the_venue_in_french(
    client, published, coordinator
):
    translate_room_and_venue(published, coordinator)

    french, english, spanish = (page_in(client, published, code) for code in ("fr", "en", "es"))

    assert "Salle : Salle XXIV" in french
    assert "Palais des Nations, Genève" in french
    assert "Room: Room XXIV" in english and "Salle XXIV" not in english
    assert "Palais des Nations, Geneva" in english and "Genève" not in english
    # Not translated into Spanish: the English names.
    assert "Room XXIV" in spanish and "Palais des Nations, Geneva" in spanish


def test_a_room_translated_after_publication_shows_once_published_again(
    client, published, coordinator
):
    published.timetable.rooms.update(name_fr="Salle XXIV")

    before = page_in(client, published, "fr")
    scheduling.publish_programme(series=published, by=coordinator)
    after = page_in(client, published, "fr")

    assert ("Salle XXIV" in before, "Salle XXIV" in after) == (False, True)
    assert mail.outbox == []  # the slots did not change: nobody is told again


def test_the_published_slot_and_the_calendar_read_the_room_in_the_active_language(
    client, published, coordinator
):
    translate_room_and_venue(published, coordinator)
    kenya = published.presessions.get(country="KE")

    with translation.override("fr"):
        slot = public_programme.published_slot(kenya.pk)
        url = reverse("panels:meeting-ics", args=[55, "KEN"])
    raw = client.get(url).content.replace(b"\r\n ", b"")

    assert slot is not None and slot.room == "Salle XXIV"
    with translation.override("en"):
        assert public_programme.published_slot(kenya.pk).room == "Room XXIV"
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["location"]) == "Salle XXIV, Palais des Nations, Genève"
