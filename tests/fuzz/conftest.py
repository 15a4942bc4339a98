import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.factories import ApplicationFactory, SeriesFactory, SpeakerFactory


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "fuzz-coordinator", email="fuzz-coordinator@example.org", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def speaker(presession):
    """A speaker who confirmed their seat on the panel of Kenya, series 49."""
    return SpeakerFactory(
        application__presession=presession, application__organisation_name="Haki Watch"
    ).application


@pytest.fixture
def someone_else(presession, theme):
    """Another organisation's application, whose data must never leak."""
    return ApplicationFactory(
        presession=presession,
        main_theme=theme,
        organisation_name="Secret Defenders Collective",
        contact_email="hidden@secret.example.org",
        safety_details="Our director was threatened in May.",
    )


@pytest.fixture
def past_series(db):
    """Series 48, which took place last month: its statements can be published."""
    today = timezone.localdate()
    return SeriesFactory(
        session__number=48,
        session__starts_on=today - dt.timedelta(days=10),
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=37),
        closed=True,
    )
