"""The API's answers are kept in the page cache under the pages' versions: a withdrawal
of consent, an unpublication or a new series renews them at once."""

import pytest
from django.urls import reverse
from django.utils import timezone

from panels.enums import Sharing
from panels.models import Statement
from panels.statements import services
from tests.factories import RecommendationFactory, SeriesFactory, StatementFactory

from .conftest import get_json

DETAIL = ("api:statement", [48, "ken", 1])


@pytest.fixture
def named(kenya):
    row = StatementFactory(
        application__presession=kenya,
        application__organisation_name="Haki Watch",
        position=1,
        sharing=Sharing.NAMED,
        published_at=timezone.now(),
    )
    RecommendationFactory(statement=row, text="Repeal the sedition law.", sharing=Sharing.NAMED)
    return row


def cached_texts(client, django_assert_num_queries) -> list[str]:
    """The statement, the list, a search and the recommendations, each asked twice: the
    second time from the cache, without a query."""
    urls = [
        reverse(DETAIL[0], args=DETAIL[1]),
        reverse("api:statements"),
        reverse("api:statements") + "?q=sedition",
        reverse("api:recommendations"),
    ]
    texts = [client.get(url).content.decode() for url in urls]
    with django_assert_num_queries(0):
        again = [client.get(url).content.decode() for url in urls]
    assert again == texts
    return texts


def test_taking_back_the_name_renews_every_answer(client, named, django_assert_num_queries):
    before = cached_texts(client, django_assert_num_queries)

    services.restrict_publication(statement=named, withdraw_all=False)
    after = cached_texts(client, django_assert_num_queries)

    assert ["Haki Watch" in text for text in before] == [True] * 4
    assert ["Haki Watch" in text for text in after] == [False] * 4
    assert ["An organisation from Kenya" in text for text in after] == [True] * 4


def test_withdrawing_everything_renews_every_answer(client, named, django_assert_num_queries):
    cached_texts(client, django_assert_num_queries)

    services.restrict_publication(statement=named, withdraw_all=True)
    status, _data, _text = get_json(client, reverse(DETAIL[0], args=DETAIL[1]))
    _status, listing, _text = get_json(client, reverse("api:statements"))
    _status, recommendations, _text = get_json(client, reverse("api:recommendations"))

    assert (status, listing["count"], recommendations["count"]) == (404, 0, 0)


def test_unpublishing_renews_every_answer(client, named, django_assert_num_queries):
    cached_texts(client, django_assert_num_queries)

    services.unpublish_statements(statements=Statement.objects.filter(pk=named.pk))
    status, _data, _text = get_json(client, reverse(DETAIL[0], args=DETAIL[1]))
    _status, listing, text = get_json(client, reverse("api:statements") + "?q=sedition")

    assert (status, listing["count"], "Haki Watch" in text) == (404, 0, False)


def test_a_new_series_renews_the_series(client, kenya, django_assert_num_queries):
    url = reverse("api:series-list")
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)

    SeriesFactory(session__number=49)
    _status, data, _text = get_json(client, url)

    assert [s["number"] for s in data["items"]] == [49, 48]


def test_answers_are_kept_per_language(client, named):
    url = reverse(DETAIL[0], args=DETAIL[1])

    english = client.get(url).json()
    french = client.get(url, headers={"accept-language": "fr"}).json()

    assert (english["url"], french["url"]) == (
        "http://testserver/en/statements/48/ken/1/",
        "http://testserver/fr/statements/48/ken/1/",
    )
