"""The demo loaded into an empty database: what its command prints, the emails its
sending leaves once the transaction commits, and a second load that adds nothing. (The
tests that only read the demo share one load, in test_demo.py.)"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from applications.models import Application, CallAlert
from panels.enums import DocumentStatus
from panels.models import (
    Material,
    Meeting,
    ObserverDocument,
    Panel,
    Placement,
    Recommendation,
    RecommendationMatch,
    Statement,
    UPRRecommendation,
)
from presessions.enums import AccreditationStatus, EventKind, RegistrationStatus
from presessions.models import (
    Accreditation,
    Event,
    MailingRecipient,
    OutboundEmail,
    Registration,
    Series,
    Subscriber,
)
from presessions.site.demo import calendar
from tests.presessions.site.test_demo import _status, series


@pytest.mark.django_db
def test_load_demo_opens_the_call_of_series_60_only(capsys):
    call_command("load_demo")

    open_series = Series.objects.with_open_call().get()
    assert open_series.number == calendar.OPEN_SESSION == 60
    assert open_series.presessions.count() == 14
    applications = Application.objects.filter(presession__series=open_series)
    assert applications.count() == 18
    assert not Panel.objects.filter(presession__series=open_series).exists()
    assert Series.objects.count() == 5
    output = capsys.readouterr().out
    assert "user 'coordinator', password '" in output
    assert get_user_model().objects.get(username="coordinator").is_staff


@pytest.mark.django_db
def test_load_demo_gives_series_58_its_trainings_networking_event_and_observers(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")

    after = series(calendar.PROGRAMME_SESSION)
    events = {
        event.kind: event
        for event in Event.objects.filter(series=after).annotate(
            confirmed=Count("registrations", filter=_status(RegistrationStatus.CONFIRMED)),
            waiting=Count("registrations", filter=_status(RegistrationStatus.WAITLISTED)),
        )
    }
    assert set(events) == {
        EventKind.ONLINE_TRAINING,
        EventKind.GENEVA_TRAINING,
        EventKind.NETWORKING,
    }
    assert all(event.starts_at > timezone.now() for event in events.values())
    geneva = events[EventKind.GENEVA_TRAINING]
    assert geneva.confirmed == geneva.capacity
    assert geneva.waiting > 0
    assert events[EventKind.NETWORKING].confirmed > 20
    assert events[EventKind.ONLINE_TRAINING].confirmed > 10
    accreditations = Accreditation.objects.filter(series=after)
    assert accreditations.filter(status=AccreditationStatus.APPROVED).count() == 10
    assert accreditations.filter(status=AccreditationStatus.PENDING).count() == 3
    assert Subscriber.objects.filter(status="confirmed").count() == 8
    assert MailingRecipient.objects.filter(mailing__series=after, email__isnull=False).count() == 8
    # The accredited CSO's documents for the missions approved, the NHRI's waiting.
    documents = ObserverDocument.objects.filter(presession__series=after)
    assert sorted(documents.values_list("accreditation__category", "status")) == [
        ("cso", DocumentStatus.APPROVED), ("cso", DocumentStatus.APPROVED),
        ("nhri", DocumentStatus.PENDING),
    ]  # fmt: skip
    page = client.get(f"/en/series/{after.number}/programme/").content.decode()
    assert page.count("Advocacy note:") == 2 and "Human Rights Network Geneva" in page


@pytest.mark.django_db
def test_load_demo_twice_adds_nothing():
    call_command("load_demo")
    models = [Series, Application, Placement, Meeting, Statement, Recommendation, Material,
              OutboundEmail, Event, Registration, Accreditation, Subscriber,
              UPRRecommendation, RecommendationMatch, CallAlert]  # fmt: skip
    before = {model.__name__: model._default_manager.count() for model in models}

    call_command("load_demo")

    assert {model.__name__: model._default_manager.count() for model in models} == before
