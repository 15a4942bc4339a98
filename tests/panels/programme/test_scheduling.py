"""The timetable's staff side, the public programme, its calendars and its emails."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from panels.enums import Response, TimetableStatus
from panels.models import Meeting, Placement, Timetable
from panels.programme import scheduling
from panels.programme.interpretation import interpretation_for
from panels.selection import services
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory
from tests.panels.programme.test_interpretation import uses

TUESDAY = dt.date(2027, 3, 23)


@pytest.fixture
def series(db):
    """Two countries with confirmed panels, in a series held Tuesday 23 March 2027."""
    series = SeriesFactory(
        session__number=55,
        starts_on=TUESDAY,
        ends_on=TUESDAY + dt.timedelta(days=3),
        closed=True,
    )
    return series


def panel_of(series, country, order, speakers, coordinator, **application_fields):
    presession = PreSessionFactory(
        series=series, country=country, review_order=order,
        mission_email=f"mission-{country.lower()}@example.org",
    )  # fmt: skip
    for name, gender, languages in speakers:
        ApplicationFactory(
            presession=presession,
            organisation_name=name,
            speaker_gender=gender,
            speaker_languages=languages,
            contact_email=f"{name.split()[0].lower()}@example.org",
            **application_fields.get(name, {}),
        )
    panel = services.suggest_panel(presession=presession, by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)
    services.send_outcomes(panel=panel, by=coordinator)
    return presession


@pytest.fixture
def countries(series, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kenya = panel_of(
            series, "KE", 2,
            [("Amani Women", "woman", ["fr"]), ("Haki Network", "man", ["es"]),
             ("Sauti Forum", "woman", ["sw"])],
            coordinator,
            **{"Sauti Forum": {"has_safety_concerns": True}},
        )  # fmt: skip
        ecuador = panel_of(
            series, "EC", 1,
            [("Red Andina", "woman", ["qu"]), ("Voces Kichwa", "man", ["qu", "es"]),
             ("Pueblo Unido", "man", ["qu"])],
            coordinator,
        )  # fmt: skip
    for placement in Placement.objects.all():
        services.respond_to_invitation(application=placement.application, accept=True)
    mail.outbox.clear()
    return kenya, ecuador


@pytest.fixture
def published(series, countries, coordinator, django_capture_on_commit_callbacks):
    scheduling.generate_timetable(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=series, by=coordinator)
    return series


def programme_url(series, language="en", name="programme"):
    with translation.override(language):
        return reverse(f"panels:{name}", args=[series.number])


# The interpretation a meeting needs ---------------------------------------------------


def test_interpretation_from_french_and_spanish_into_english():
    result = interpretation_for(uses([["fr"], ["es", "pt"], ["en", "fr"]]))

    assert result.into_english_from == ("fr", "es")
    assert result.needs_simultaneous is False


def test_interpretation_flags_a_meeting_where_most_use_none_of_the_three():
    assert interpretation_for(uses([["qu"], ["qu", "es"], ["ar"]])).needs_simultaneous is True
    assert interpretation_for(uses([["qu"], ["en"]])).needs_simultaneous is False
    assert interpretation_for(uses([])).needs_simultaneous is False


# Staff side ------------------------------------------------------------------------------


def test_prepare_timetable_uses_tuesday_to_friday_and_one_meeting_per_panel(series, countries):
    table = scheduling.prepare_timetable(series=series)

    assert [day.date for day in table.days.all()] == [
        TUESDAY, TUESDAY + dt.timedelta(days=1), TUESDAY + dt.timedelta(days=2),
        TUESDAY + dt.timedelta(days=3),
    ]  # fmt: skip
    assert {(d.starts_at, d.ends_at) for d in table.days.all()} == {
        (dt.time(10, 0), dt.time(13, 0))
    }
    assert table.rooms.count() == 1
    assert table.gap_minutes == 10
    assert table.meetings.count() == 2


def test_generate_places_every_meeting_by_the_rule(series, countries, coordinator):
    table = scheduling.generate_timetable(series=series)

    meetings = list(table.meetings.select_related("day", "presession"))
    assert all(m.is_scheduled for m in meetings)
    # Two meetings, four days: one a day, in the Working Group's order (Ecuador first).
    ecuador = next(m for m in meetings if m.presession.country.code == "EC")
    kenya = next(m for m in meetings if m.presession.country.code == "KE")
    assert (ecuador.day.date, kenya.day.date) == (TUESDAY, TUESDAY + dt.timedelta(days=1))
    # Three speakers: 5 + 21 + 15 = 41, rounded up to 45 minutes.
    assert (kenya.starts_at, kenya.ends_at) == (dt.time(10, 0), dt.time(10, 45))


def test_generate_says_why_and_by_how_much_when_it_cannot_fit(series, countries, coordinator):
    table = scheduling.prepare_timetable(series=series)
    table.days.exclude(pk=table.days.first().pk).delete()
    table.days.update(ends_at=dt.time(11, 0))

    with pytest.raises(ValidationError) as excinfo:
        scheduling.generate_timetable(series=series)

    assert excinfo.value.messages == [
        "The meetings need 100 minutes, the mornings hold 60: add a day or lengthen a morning."
    ]


def test_moving_a_meeting_by_hand_is_checked_and_pins_it(series, countries, coordinator):
    table = scheduling.generate_timetable(series=series)
    ecuador = table.meetings.get(presession__country="EC")
    kenya = table.meetings.get(presession__country="KE")

    with pytest.raises(ValidationError) as excinfo:
        scheduling.move_meeting(
            meeting=kenya, day=ecuador.day, room=ecuador.room, starts_at=dt.time(10, 30)
        )
    assert excinfo.value.messages == ["It would overlap another meeting in the same room."]
    with pytest.raises(ValidationError):
        scheduling.move_meeting(
            meeting=kenya, day=ecuador.day, room=ecuador.room, starts_at=dt.time(12, 30)
        )

    moved = scheduling.move_meeting(
        meeting=kenya, day=ecuador.day, room=ecuador.room, starts_at=dt.time(11, 0)
    )
    assert (moved.starts_at, moved.ends_at, moved.is_pinned) == (
        dt.time(11, 0), dt.time(11, 45), True
    )  # fmt: skip


def test_set_unusable_days_saves_the_days_a_country_cannot_use(series, countries):
    table = scheduling.generate_timetable(series=series)
    kenya = table.meetings.get(presession__country="KE")
    other_days = list(table.days.exclude(pk=kenya.day_id))

    scheduling.set_unusable_days(meeting=kenya, days=other_days[:2])

    assert set(kenya.unavailable_days.all()) == set(other_days[:2])
    assert table.meetings.get(presession__country="EC").unavailable_days.count() == 0


def test_set_unusable_days_refuses_the_day_the_meeting_sits_on(series, countries):
    table = scheduling.generate_timetable(series=series)
    kenya = table.meetings.get(presession__country="KE")
    other_day = table.days.exclude(pk=kenya.day_id).first()
    scheduling.set_unusable_days(meeting=kenya, days=[other_day])

    with pytest.raises(ValidationError) as excinfo:
        scheduling.set_unusable_days(meeting=kenya, days=[other_day, kenya.day])

    assert excinfo.value.messages == ["Its country cannot use that day."]
    assert list(kenya.unavailable_days.all()) == [other_day]


def test_set_unusable_days_of_a_meeting_without_a_slot_takes_any_day(series, countries):
    table = scheduling.prepare_timetable(series=series)
    kenya = table.meetings.get(presession__country="KE")

    scheduling.set_unusable_days(meeting=kenya, days=table.days.all())

    assert kenya.unavailable_days.count() == table.days.count() == 4


def test_publishing_tells_speakers_their_slot_and_invites_the_missions(published):
    recipients = sorted(m.to[0] for m in mail.outbox)

    assert recipients == sorted([
        "amani@example.org", "haki@example.org", "sauti@example.org", "red@example.org",
        "voces@example.org", "pueblo@example.org", "mission-ke@example.org",
        "mission-ec@example.org",
    ])  # fmt: skip
    amani = next(m for m in mail.outbox if m.to == ["amani@example.org"])
    assert amani.subject == "Your slot at the Pre-session on Kenya"
    assert "Wednesday, March 24, 2027" in amani.body
    assert "10:00-10:45" in amani.body
    assert "Recording and photography are not permitted" in amani.body
    mission = next(m for m in mail.outbox if m.to == ["mission-ke@example.org"])
    assert "may not take part in the questions" in mission.body
    assert Timetable.objects.get().status == TimetableStatus.PUBLISHED


def test_a_change_after_publication_tells_only_the_affected_speakers(
    published, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    kenya = Meeting.objects.get(presession__country="KE")
    scheduling.move_meeting(meeting=kenya, day=kenya.day, room=kenya.room, starts_at=dt.time(11, 0))

    # Nothing is sent, and the public page does not change, until it is published again.
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=published, by=coordinator)
        scheduling.publish_programme(series=published, by=coordinator)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "amani@example.org", "haki@example.org", "mission-ke@example.org", "sauti@example.org"
    ]  # fmt: skip


def test_publishing_needs_every_meeting_placed(series, countries, coordinator):
    scheduling.prepare_timetable(series=series)

    with pytest.raises(ValidationError):
        scheduling.publish_programme(series=series, by=coordinator)


def test_a_speaker_who_confirms_after_publication_gets_the_slot(
    series, countries, coordinator, django_capture_on_commit_callbacks
):
    amani = Placement.objects.get(application__organisation_name="Amani Women")
    amani.response = Response.PENDING
    amani.save()
    scheduling.generate_timetable(series=series)
    scheduling.publish_programme(series=series, by=coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.respond_to_invitation(application=amani.application, accept=True)

    assert [m.subject for m in mail.outbox] == ["Your slot at the Pre-session on Kenya"]


# Public programme --------------------------------------------------------------------


def test_programme_is_not_shown_before_publication(client, series, countries, coordinator):
    scheduling.generate_timetable(series=series)

    page = client.get(programme_url(series)).content.decode()

    assert "not published yet" in page
    assert "Amani Women" not in page
    assert client.get(programme_url(series, name="programme-ics")).status_code == 404


def test_programme_shows_days_times_countries_rooms_and_interpretation(client, published):
    page = client.get(programme_url(published)).content.decode()

    assert "Tuesday, March 23, 2027" in page
    assert "10:00–10:45 · Ecuador" in page
    assert "Amani Women; Haki Network" in page
    assert "Room: Room XXIV" in page
    assert "French into English, Spanish into English" in page
    assert "simultaneous interpretation is being arranged" in page
    assert "Recording and photography are not permitted" in page
    assert "All times are Geneva time." in page


def test_programme_never_names_a_speaker_at_risk_without_consent(client, published):
    page = client.get(programme_url(published)).content.decode()

    assert "Sauti Forum" not in page
    assert "An organisation from Kenya" in page


def test_programme_names_a_speaker_at_risk_who_consented(client, published):
    Placement.objects.filter(application__organisation_name="Sauti Forum").update(
        may_name_publicly=True
    )

    assert "Sauti Forum" in client.get(programme_url(published)).content.decode()


def test_programme_in_spanish(client, published):
    page = client.get(programme_url(published, "es")).content.decode()

    assert "martes" in page and "23 de marzo de 2027" in page
    assert "Una organización de Kenia" in page
    assert "No se permite grabar ni fotografiar" in page


def test_programme_runs_a_fixed_number_of_queries(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(programme_url(published))


def test_print_view_has_the_programme_without_the_site_navigation(client, published):
    page = client.get(programme_url(published, name="programme-print")).content.decode()

    assert "10:00–10:45 · Ecuador" in page
    assert "language-switcher" not in page


def test_programme_calendar_parses_back(client, published):
    response = client.get(programme_url(published, name="programme-ics"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Pre-session: Ecuador", "Pre-session: Kenya"]
    ecuador = events[0]
    assert ecuador.decoded("dtstart") == timezone.make_aware(dt.datetime(2027, 3, 23, 10, 0))
    assert ecuador.decoded("dtend") == timezone.make_aware(dt.datetime(2027, 3, 23, 10, 45))
    assert "Room XXIV" in str(ecuador["location"])
    assert "Sauti Forum" not in str(events[1]["description"])


def test_meeting_calendar_has_one_event(client, published):
    with translation.override("fr"):
        url = reverse("panels:meeting-ics", args=[published.number, "KEN"])

    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")

    assert len(events) == 1
    assert str(events[0]["summary"]) == "Pré-session : Kenya"
    assert client.get(url.replace("KEN", "FRA")).status_code == 404


def test_an_invitation_sent_after_publication_gives_the_meetings_day_and_time(
    published, django_capture_on_commit_callbacks
):
    from panels.selection.emails import queue_outcome

    mail.outbox.clear()
    amani = Placement.objects.select_related("application").get(
        application__organisation_name="Amani Women"
    )

    with django_capture_on_commit_callbacks(execute=True):
        queue_outcome(amani)

    body = mail.outbox[0].body
    assert "Date: Wednesday, March 24, 2027" in body
    assert "10:00-10:45" in body
