import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from presessions.models import Theme

from .factories import PreSessionFactory, SeriesFactory, SpeakerFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def _staff_logins_pass_the_second_factor(monkeypatch):
    """In these tests force_login stands for a complete staff login: the password and,
    for those who need one, the authenticator's code. The real login, with its code, is
    tested in tests/presessions/test_staff_login.py."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if user.is_staff:
            device, _created = TOTPDevice.objects.get_or_create(
                user=user, name="Test authenticator", defaults={"confirmed": True}
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a request in another language leaves that language
    active in the thread, which would change the URLs the next test reverses."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def series(db):
    return SeriesFactory(session__number=49)


@pytest.fixture
def presession(series):
    return PreSessionFactory(series=series, country="KE", review_order=1)


@pytest.fixture
def theme(db):
    return Theme.objects.get(name="Right to health")


@pytest.fixture
def other_theme(db):
    return Theme.objects.get(name="Women's rights")


@pytest.fixture
def speaker(presession):
    """A speaker who confirmed their seat on the panel of Kenya, series 49."""
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


def application_data(presession, theme, /, **overrides):
    """The POST data of a complete, valid application form."""
    data = {
        "presession": presession.pk,
        "organisation_name": "Kenya Rights Network",
        "organisation_country": "KE",
        "organisation_website": "https://krn.example.org",
        "organisation_type": "cso",
        "scope": "national",
        "is_national_coalition": "True",
        "contact_email": "contact@krn.example.org",
        "submitted_upr_report": "False",
        "main_theme": theme.pk,
        "summary": "We will present the situation of the right to health.",
        "speaker_name": "Grace Wanjiru",
        "speaker_email": "grace@krn.example.org",
        "speaker_gender": "woman",
        "speaker_languages": ["en", "fr"],
        "speaker_other_languages": "",
        "needs_interpretation": "False",
        "interpretation_details": "",
        "needs_funding": "False",
        "funding_amount": "",
        "funding_reason": "",
        "has_safety_concerns": "False",
        "safety_details": "",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def pytest_configure(config):
    # The translated pages are tested: make sure the catalogues are compiled.
    from presessions.management.commands.compile_catalogues import compile_catalogues

    compile_catalogues()


def pytest_collection_modifyitems(config, items):
    """Tests of PostgreSQL's own features run in the suite's PostgreSQL run (see .ci/run);
    on SQLite they are deselected, not skipped, and the fallback is tested instead."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgres")]
    if postgres_only:
        config.hook.pytest_deselected(items=postgres_only)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of the test's own, on a free port (tests/live/stack.py), stopped
    after it: the cache's tests and the fault tests, which stop and restart it."""
    from tests.live.stack import PrivateRedis

    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


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
