"""Publishing from the admin: who has not confirmed, and the emails it sends, first."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from panels.enums import TimetableStatus
from panels.models import Meeting, Placement, Timetable
from panels.programme import scheduling
from panels.selection import services
from presessions.models import OutboundEmail
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory


@pytest.fixture
def table(db, coordinator, django_capture_on_commit_callbacks):
    """Kenya: Amani confirmed, Haki invited without an answer, Sauti declined and not
    replaced. Ecuador: its panel confirmed, nobody invited yet."""
    series = SeriesFactory(session__number=55, starts_on=dt.date(2027, 3, 23), closed=True)
    names = {"KE": ["Amani Women", "Haki Network", "Sauti Forum"], "EC": ["Red Andina"]}
    for order, (country, organisations) in enumerate(names.items(), start=1):
        presession = PreSessionFactory(
            series=series, country=country, review_order=order,
            mission_email=f"mission-{country.lower()}@example.org",
        )  # fmt: skip
        for name in organisations:
            ApplicationFactory(presession=presession, organisation_name=name, language="fr")
        panel = services.suggest_panel(presession=presession, by=coordinator)
        services.confirm_panel(panel=panel, by=coordinator)
        if country == "KE":
            with django_capture_on_commit_callbacks(execute=True):
                services.send_outcomes(panel=panel, by=coordinator)
    kenya = {p.application.organisation_name: p.application for p in Placement.objects.all()}
    services.respond_to_invitation(application=kenya["Amani Women"], accept=True)
    services.respond_to_invitation(application=kenya["Sauti Forum"], accept=False)
    scheduling.generate_timetable(series=series)
    mail.outbox.clear()
    return Timetable.objects.get(series=series)


def publish(client, table, **extra):
    return client.post(
        reverse("admin:panels_timetable_changelist"),
        {"action": "publish", "_selected_action": [table.pk], **extra},
    )


def test_unconfirmed_speakers_are_listed_per_meeting(table):
    found = scheduling.unconfirmed_speakers(series=table.series)

    assert found == [
        scheduling.Unconfirmed(
            country="Kenya", not_told=(), no_answer=("Haki Network",), open_seats=1
        ),
        scheduling.Unconfirmed(
            country="Ecuador", not_told=("Red Andina",), no_answer=(), open_seats=0
        ),
    ]


def test_publishing_first_lists_who_has_not_confirmed_and_the_emails(
    client, coordinator, table, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, table)

    page = response.content.decode()
    assert "admin/panels/timetable/confirm_publish.html" in [t.name for t in response.templates]
    assert "the programme will not name them" in page
    assert "Haki Network" in page and "Red Andina" in page
    # Amani's slot (in French), and the invitations of the two missions (in English).
    assert "3 emails to 3 people" in page
    assert [(s.kind, s.language) for s in response.context["preview"].samples] == [
        ("panel_slot", "fr"),
        ("mission_invitation", "en"),
    ]
    assert Timetable.objects.get().status == TimetableStatus.DRAFT
    assert not Meeting.objects.filter(published_start__isnull=False).exists()
    assert OutboundEmail.objects.filter(kind__in=["panel_slot", "mission_invitation"]).count() == 0
    assert mail.outbox == []


def test_publishing_after_confirming_publishes_and_sends_once(
    client, coordinator, table, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, table, post="yes")

    assert response.status_code == 302
    assert Timetable.objects.get().status == TimetableStatus.PUBLISHED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [
            Placement.objects.get(
                application__organisation_name="Amani Women"
            ).application.contact_email,
            "mission-ec@example.org",
            "mission-ke@example.org",
        ]
    )


def test_a_reviewer_cannot_reach_the_publish_page(client, reviewer, table):
    client.force_login(reviewer)

    response = publish(client, table)
    publish(client, table, post="yes")

    assert "emails to" not in response.content.decode()
    assert Timetable.objects.get().status == TimetableStatus.DRAFT
