import json

import pytest

from panels.enums import Sharing
from tests.factories import PreSessionFactory, SpeakerFactory, StatementFactory


def get_json(client, url, **headers):
    """(status, the JSON answer, its text as sent) of one GET of the API."""
    response = client.get(url, headers=headers)
    assert response["Content-Type"] == "application/json; charset=utf-8", url
    return response.status_code, json.loads(response.content), response.content.decode()


@pytest.fixture
def kenya(past_series):
    """Series 48's Kenya, with its Mission's address, which is never public."""
    return PreSessionFactory(
        series=past_series, country="KE", mission_email="mission.kenya@secret.example.org"
    )


@pytest.fixture
def unpublished(kenya):
    """A statement that shares everything under its name, but was never published."""
    application = SpeakerFactory(
        application__presession=kenya,
        application__organisation_name="Unpublished Voices Forum",
        application__contact_email="unpublished@secret.example.org",
    ).application
    return StatementFactory(
        application=application,
        position=2,
        text="Forced evictions in Mombasa continue.",
        sharing=Sharing.NAMED,
    )
