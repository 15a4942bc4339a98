import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "coordinator", email="coordinator@example.org", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user(
        "reviewer", email="reviewer@example.org", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


@pytest.fixture
def small_series(db):
    """A series with K = 2 and one country with four applications:
    two women and a man of national scope, one international man."""
    series = SeriesFactory(session__number=49, panel_size=2)
    presession = PreSessionFactory(series=series, country="KE", review_order=1)
    start = timezone.now() - dt.timedelta(days=5)
    specs = [
        ("Amani Women", "woman", "national", "fr"),
        ("Haki Network", "man", "national", "es"),
        ("Global Watch", "man", "international", "en"),
        ("Sauti Forum", "woman", "grassroots", "en"),
    ]
    applications = {}
    for n, (name, gender, scope, language) in enumerate(specs):
        application = ApplicationFactory(
            presession=presession,
            organisation_name=name,
            speaker_gender=gender,
            scope=scope,
            language=language,
        )
        application.submitted_at = start + dt.timedelta(hours=n)
        application.save(update_fields=["submitted_at"])
        applications[name] = application
    return presession, applications


@pytest.fixture
def speaker(presession):
    """A speaker who confirmed their seat on the panel of Kenya, series 49."""
    from tests.factories import SpeakerFactory

    return SpeakerFactory(
        application__presession=presession, application__organisation_name="Haki Watch"
    ).application


@pytest.fixture
def past_series(db):
    """Series 48, which took place last month."""
    today = timezone.localdate()
    return SeriesFactory(
        session__number=48,
        session__starts_on=today - dt.timedelta(days=10),
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=37),
        closed=True,
    )
