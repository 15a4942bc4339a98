"""The API against its own served schema: every endpoint, with parameters generated
from the schema, never a server error, every answer as the schema describes it."""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from panels.enums import Sharing
from panels.programme import scheduling
from panels.record import services as record_services
from panels.record.importing import Defaults
from tests.factories import PreSessionFactory, RecommendationFactory, SpeakerFactory
from tests.panels.record.conftest import csv_bytes
from tests.panels.statements.test_published import make_statement


@pytest.fixture
def wsgi_requests_keep_the_connection():
    """As Django's test client does: a request's end must not close the database
    connection, which holds the test's transaction (on PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def published_data(db, kenya, unpublished, coordinator, wsgi_requests_keep_the_connection):
    """The served schema, with something behind each endpoint: a published statement
    whose recommendation is anonymous, a published programme, recommendations in the
    UPR record (one without a response, action category or theme)."""
    row = make_statement(kenya, Sharing.NAMED, Sharing.ANONYMOUS, Sharing.NAMED)
    RecommendationFactory(statement=row, position=2, sharing=Sharing.NAMED)
    uganda = PreSessionFactory(series=kenya.series, country="UG")
    SpeakerFactory(application__presession=uganda)
    scheduling.generate_timetable(series=kenya.series)
    scheduling.publish_programme(series=kenya.series, by=coordinator)
    rows = [
        ["Abolish the death penalty.", "Uruguay", "Kenya", "49", "4", "Noted", "Death penalty",
         "5"],
        ["Protect human rights defenders.", "Holy See", "Kenya", "35", "", "", "", ""],
    ]  # fmt: skip
    record_services.import_file(
        handle=io.BytesIO(csv_bytes(rows)), name="export.csv", defaults=Defaults(), dry_run=False
    )


# Served by the application itself (no database is needed to serve the schema).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


# The fixture's data is read only, so the examples may share it (the health check would
# reject a function-scoped fixture); a few examples per endpoint keep it well under a minute.
@schema.parametrize()
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_api_answers_as_its_schema_says(case, published_data):
    case.call_and_validate()
