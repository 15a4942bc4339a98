"""Counting the SQL queries of a page, to check that they do not grow with the data."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_of(client: Client, url: str) -> int:
    """The number of queries one GET of the page runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def settled_queries_of(client: Client, url: str) -> int:
    """The queries of the page once the process-wide caches (content types, the
    session's first save) are warm: the second of two GETs."""
    queries_of(client, url)
    return queries_of(client, url)
