"""A confirmed speaker reads on their private page when and where they speak, once the
programme is published, in their own language's date format."""

import pytest
from django.urls import reverse
from django.utils import translation

from applications.access import make_token
from panels.models import Placement
from tests.panels.programme.test_public import published  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def page_of(client, series, name, language="en"):
    application = Placement.objects.get(
        panel__presession__series=series, application__organisation_name=name
    ).application
    with translation.override(language):
        url = reverse("panels:private", args=[make_token(application)])
    return client.get(url).content.decode()


def test_a_confirmed_speaker_sees_the_day_time_and_room_of_the_meeting(client, published):  # noqa: F811
    page = page_of(client, published, "Confirmed Named Collective")

    assert "You have confirmed that your organisation will speak." in page
    assert "Your meeting: Tuesday, March 23, 2027, 10:00–" in page
    assert "(Geneva time), Room XXIV." in page
    assert "We will send you the programme." not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "mardi 23 mars 2027, 10:00–"), ("es", "martes 23 de marzo de 2027, 10:00–")],
)
def test_the_meeting_is_dated_in_the_speakers_language(client, published, language, expected):  # noqa: F811
    assert expected in page_of(client, published, "Confirmed Named Collective", language)


@pytest.mark.parametrize(
    "name",
    ["Silent Pending Alliance", "Declining Voices Union", "Withdrawn Confirmed Coalition",
     "Waiting List Federation"],
)  # fmt: skip
def test_only_a_confirmed_speaker_still_standing_sees_the_meeting(client, published, name):  # noqa: F811
    assert "Your meeting:" not in page_of(client, published, name)
