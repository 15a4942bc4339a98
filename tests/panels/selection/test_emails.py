"""The selection's emails: who gets them, in which language, with what."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from panels.enums import Outcome
from panels.models import Meeting
from panels.programme import scheduling
from panels.selection import emails
from presessions.models import Event, OutboundEmail, StaffPreference
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory, SpeakerFactory


@pytest.fixture
def placement(presession):
    return SpeakerFactory(
        application__presession=presession,
        application__organisation_name="Haki Watch",
        application__contact_email="office@haki.example.org",
        application__language="fr",
    )


@pytest.fixture
def meeting(db):
    """The published meeting of Kenya, series 55, on Tuesday 23 March 2027."""
    series = SeriesFactory(session__number=55, starts_on=dt.date(2027, 3, 23))
    presession = PreSessionFactory(
        series=series, country="KE", mission_email="mission@kenya.example.org"
    )
    SpeakerFactory(application__presession=presession, application__language="es")
    scheduling.generate_timetable(series=series)
    scheduling.publish_programme(series=series, by=None)
    OutboundEmail.objects.all().delete()  # what publication sent is not these tests'
    return Meeting.objects.select_related("presession__series__session", "day", "room").get()


def staff_user(django_user_model, name, *, group="Coordinators", **fields):
    user = django_user_model.objects.create_user(name, password="x", is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize(
    ("outcome", "kind", "subject"),
    [
        (Outcome.SELECTED, "panel_selected", "Vous êtes invité"),
        (Outcome.WAITLISTED, "panel_waitlisted", "liste d'attente"),
        (Outcome.NOT_SELECTED, "panel_not_selected", "Votre candidature"),
    ],
)
def test_queue_outcome_sends_the_template_of_the_outcome_in_the_applicants_language(
    placement, outcome, kind, subject
):
    placement.outcome = outcome
    placement.waitlist_rank = 1 if outcome == Outcome.WAITLISTED else None

    emails.queue_outcome(placement)

    email = OutboundEmail.objects.get()
    assert (email.to, email.kind, email.language) == ("office@haki.example.org", kind, "fr")
    assert subject in email.subject


def test_invitation_before_the_programme_gives_the_dates_of_the_series(placement):
    placement.application.language = "en"

    emails.queue_outcome(placement)

    body = OutboundEmail.objects.get().body_text
    assert "We will send you the day and time of your meeting with the programme." in body
    assert "Palais des Nations, Geneva" in body
    assert "Room:" not in body


def test_invitation_once_the_programme_is_published_gives_the_meeting(meeting):
    speaker = meeting.presession.panel.placements.get()

    emails.queue_outcome(speaker)

    email = OutboundEmail.objects.get()
    assert email.language == "es"
    assert meeting.published_room in email.body_text
    assert "2027" in email.body_text


GUIDE_LINK_TEXT = (
    "Practical information for your stay in Geneva (accommodation, the UN grounds pass, the "
    "rules of the room, what to do if you fear reprisals), with the Pre-session guide and the "
    "statement template:"
)


def test_invitation_links_the_practical_information_in_the_applicants_language(placement):
    number = placement.application.presession.series.number
    link = f"{settings.SITE_URL}/fr/series/{number}/practical-information/"

    emails.queue_outcome(placement)

    email = OutboundEmail.objects.get()
    with translation.override(email.language):
        assert f"{translation.gettext(GUIDE_LINK_TEXT)}\n{link}\n" in email.body_text
    assert f'<a href="{link}">{link}</a>' in email.body_html


@pytest.mark.parametrize("outcome", [Outcome.WAITLISTED, Outcome.NOT_SELECTED])
def test_other_outcomes_do_not_link_the_practical_information(placement, outcome):
    placement.outcome = outcome
    placement.waitlist_rank = 1 if outcome == Outcome.WAITLISTED else None

    emails.queue_outcome(placement)

    assert "practical-information" not in OutboundEmail.objects.get().body_text


def test_coordinator_addresses_are_the_active_coordinators_with_an_email(django_user_model):
    staff_user(django_user_model, "b", email="b@example.org")
    staff_user(django_user_model, "a", email="a@example.org")
    staff_user(django_user_model, "gone", email="gone@example.org", is_active=False)
    staff_user(django_user_model, "blank", email="")
    staff_user(django_user_model, "reviewer", group="Reviewers", email="r@example.org")

    assert emails.coordinator_addresses() == ["a@example.org", "b@example.org"]


def test_decline_notice_goes_to_each_coordinator_with_the_replacement(placement, django_user_model):
    staff_user(django_user_model, "a", email="a@example.org")
    staff_user(django_user_model, "b", email="b@example.org")
    replacement = ApplicationFactory(
        presession=placement.application.presession, organisation_name="Sauti Forum"
    )

    emails.queue_decline_notice(placement, replacement, withdrew=True)

    sent = OutboundEmail.objects.order_by("to")
    assert [(e.to, e.language) for e in sent] == [("a@example.org", "en"), ("b@example.org", "en")]
    first = sent[0]
    assert first.subject == f"{placement.application.reference} withdrew from the panel"
    assert f"Sauti Forum ({replacement.reference})" in first.body_text
    assert f"/admin/panels/panel/{placement.panel_id}/change/" in first.body_text


def test_decline_notice_without_replacement_says_the_waiting_list_is_empty(
    placement, django_user_model
):
    staff_user(django_user_model, "a", email="a@example.org")

    emails.queue_decline_notice(placement, None, was_on_programme=True)

    email = OutboundEmail.objects.get()
    assert email.subject == f"{placement.application.reference} declined the invitation"
    assert "Nobody is left on the waiting list." in email.body_text
    assert "The programme was already published" in email.body_text


def test_slot_and_mission_invitation_give_the_room_and_go_to_their_addresses(meeting):
    speaker = meeting.presession.panel.placements.get()

    emails.queue_slot(speaker, meeting)
    emails.queue_mission_invitation(meeting)

    slot, invitation = OutboundEmail.objects.order_by("pk")
    assert (slot.to, slot.kind, slot.language) == (
        speaker.application.contact_email, "panel_slot", "es"
    )  # fmt: skip
    assert (invitation.to, invitation.kind, invitation.language) == (
        "mission@kenya.example.org", "mission_invitation", "en"
    )  # fmt: skip
    assert meeting.room.name in slot.body_text
    assert meeting.room.name in invitation.body_text
    assert invitation.subject == "Invitation: the Pre-session on Kenya (Pre-sessions 55)"


def test_slot_links_the_practical_information_in_the_speakers_language(meeting):
    speaker = meeting.presession.panel.placements.get()
    link = f"{settings.SITE_URL}/es/series/55/practical-information/"

    emails.queue_slot(speaker, meeting)

    email = OutboundEmail.objects.get()
    with translation.override(email.language):
        assert f"{translation.gettext(GUIDE_LINK_TEXT)}\n{link}\n" in email.body_text
    assert f'<a href="{link}">{link}</a>' in email.body_html


def training(series, title, starts_at):
    return Event.objects.create(
        series=series, kind="online_training", title=title, starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2), capacity=20,
        online_link="https://meet.example.org/secret-room",
    )  # fmt: skip


@pytest.fixture
def refused(presession):
    """A not-selected applicant of Kenya (series 49), one training to come, one past."""
    series = presession.series
    training(series, "UPR advocacy online", dt.datetime(2030, 2, 2, 9, 0, tzinfo=dt.UTC))
    training(series, "Last year's training", timezone.now() - dt.timedelta(days=1))
    return SpeakerFactory(
        application__presession=presession,
        application__contact_email="office@sauti.example.org",
        outcome=Outcome.NOT_SELECTED,
    )


@pytest.mark.parametrize(
    ("language", "date"),
    [("en", "Saturday, Feb. 2, 2030"), ("fr", "samedi 2 février 2030"),
     ("es", "sábado 2 de febrero de 2030")],
)  # fmt: skip
def test_not_selected_email_offers_accreditation_and_the_trainings_to_come(refused, language, date):
    refused.application.language = language
    number = refused.application.presession.series.number

    emails.queue_outcome(refused)

    email = OutboundEmail.objects.get()
    assert (email.to, email.kind, email.language) == (
        "office@sauti.example.org", "panel_not_selected", language
    )  # fmt: skip
    accreditation = f"http://testserver/{language}/series/{number}/accreditation/"
    events = f"http://testserver/{language}/series/{number}/events/"
    for body in (email.body_text, email.body_html):
        assert accreditation in body and events in body
        assert f"UPR advocacy online, {date}, 10:00-12:00" in body
        assert "Last year's training" not in body
        assert "secret-room" not in body
    assert f'<a href="{accreditation}">' in email.body_html


def test_not_selected_email_without_events_links_to_the_events_page(placement):
    placement.outcome = Outcome.NOT_SELECTED
    number = placement.application.presession.series.number

    emails.queue_outcome(placement)

    email = OutboundEmail.objects.get()
    assert f"http://testserver/fr/series/{number}/events/" in email.body_text
    assert "10:00" not in email.body_text


@pytest.mark.parametrize(
    ("language", "phrase"),
    [("en", "Saturday, Feb. 2, 2030"), ("fr", "samedi 2 février 2030"),
     ("es", "sábado 2 de febrero de 2030")],
)  # fmt: skip
def test_waitlist_final_email_in_each_language_has_every_part(refused, language, phrase):
    refused.outcome, refused.waitlist_rank = Outcome.WAITLISTED, 1
    application = refused.application
    application.language = language
    number = application.presession.series.number

    emails.queue_waitlist_final(refused)

    email = OutboundEmail.objects.get()
    assert (email.to, email.kind, email.language) == (
        "office@sauti.example.org", "panel_waitlist_final", language
    )  # fmt: skip
    assert application.reference in email.subject
    if language == "en":
        assert email.subject == f"Your application {application.reference}: the panel is complete"
    accreditation = f"http://testserver/{language}/series/{number}/accreditation/"
    for body in (email.body_text, email.body_html):
        assert application.organisation_name in body
        assert "Kenya" in body or "Kenia" in body
        assert accreditation in body
        assert f"UPR advocacy online, {phrase}, 10:00-12:00" in body
        assert "{%" not in body and "{{" not in body
    assert email.body_html.rstrip().endswith("</html>")


def test_mission_invitation_is_in_the_missions_language_with_the_room_and_venue_in_it(meeting):
    presession = meeting.presession
    presession.mission_language = "fr"
    presession.save(update_fields=["mission_language"])
    meeting.room.name_fr = "Salle XXIV"
    meeting.room.save(update_fields=["name_fr"])
    presession.series.venue_fr = "Palais des Nations, Genève"
    presession.series.save(update_fields=["venue_fr"])

    emails.queue_mission_invitation(meeting)

    invitation = OutboundEmail.objects.get()
    assert invitation.language == "fr"
    assert invitation.subject == (
        "Invitation à la pré-session (Pré-sessions 55, État examiné : Kenya)"
    )
    body = invitation.body_text.replace("\xa0", " ")  # French spaces before a colon
    assert "Salle : Salle XXIV, Palais des Nations, Genève" in body
    assert "mardi" in body
    assert "23 mars 2027" in body
    assert '<html lang="fr">' in invitation.body_html


def test_an_untranslated_room_and_venue_read_in_english_in_a_french_invitation(meeting):
    meeting.presession.mission_language = "fr"

    emails.queue_mission_invitation(meeting)

    body = OutboundEmail.objects.get().body_text.replace("\xa0", " ")
    assert f"Salle : {meeting.room.name}, Palais des Nations, Geneva" in body


def test_the_slot_in_spanish_is_dated_in_spanish(meeting):
    speaker = meeting.presession.panel.placements.get()

    emails.queue_slot(speaker, meeting)

    email = OutboundEmail.objects.get()
    assert email.language == "es"
    assert "martes" in email.body_text
    assert "23 de marzo de 2027" in email.body_text
    assert "23 marzo 2027" not in email.body_text


def test_each_coordinator_gets_one_decline_notice_in_their_own_language(
    placement, django_user_model
):
    french = staff_user(django_user_model, "claire", email="claire@example.org")
    StaffPreference.objects.create(user=french, language="fr")
    staff_user(django_user_model, "ann", email="ann@example.org")  # never chose: English
    replacement = ApplicationFactory(presession=placement.application.presession)

    emails.queue_decline_notice(placement, replacement)

    sent = OutboundEmail.objects.order_by("to")
    assert [(e.to, e.language) for e in sent] == [
        ("ann@example.org", "en"), ("claire@example.org", "fr")
    ]  # fmt: skip
    english, french_notice = sent
    reference = placement.application.reference
    assert english.subject == f"{reference} declined the invitation"
    assert french_notice.subject == f"{reference} a décliné l'invitation"
    assert '<html lang="fr">' in french_notice.body_html
    assert '<html lang="en">' in english.body_html


def test_coordinator_recipients_give_each_address_once_with_its_language(django_user_model):
    spanish = staff_user(django_user_model, "b", email="b@example.org")
    StaffPreference.objects.create(user=spanish, language="es")
    staff_user(django_user_model, "a", email="a@example.org")
    staff_user(django_user_model, "a-again", email="a@example.org")
    staff_user(django_user_model, "gone", email="gone@example.org", is_active=False)
    staff_user(django_user_model, "reviewer", group="Reviewers", email="r@example.org")

    assert emails.coordinator_recipients() == [("a@example.org", "en"), ("b@example.org", "es")]
