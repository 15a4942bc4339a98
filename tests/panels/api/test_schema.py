"""The API against its own served schema: every endpoint, with parameters generated
from the schema, never a server error, every answer as the schema describes it."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from panels.enums import Sharing
from panels.programme import scheduling
from tests.factories import PreSessionFactory, RecommendationFactory, SpeakerFactory
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
    whose recommendation is anonymous, a published programme."""
    row = make_statement(kenya, Sharing.NAMED, Sharing.ANONYMOUS, Sharing.NAMED)
    RecommendationFactory(statement=row, position=2, sharing=Sharing.NAMED)
    uganda = PreSessionFactory(series=kenya.series, country="UG")
    SpeakerFactory(application__presession=uganda)
    scheduling.generate_timetable(series=kenya.series)
    scheduling.publish_programme(series=kenya.series, by=coordinator)


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
