import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory


@pytest.fixture
def small_series(db):
    """A series with K = 2 and one country with four applications:
    two women and a man of national scope, one international man."""
    series = SeriesFactory(session__number=49, panel_size=2, closed=True)
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
