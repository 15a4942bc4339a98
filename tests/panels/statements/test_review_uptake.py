"""What the review made of a statement's recommendations, on its public page and in the
API: only confirmed matches, only of shared recommendations of published statements."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from panels.enums import MatchStatus
from panels.matching import services
from panels.statements import published
from tests.factories import RecommendationMatchFactory
from tests.panels.matching.scene import scene

LINE = "Raised at the review by"


def page_url(s, language="en"):
    from django.utils import translation

    with translation.override(language):
        return reverse(
            "panels:statement",
            kwargs={"number": 60, "code": "ken", "position": s.statement.position},
        )


def api_url(s):
    return reverse("api:statement", args=[60, "ken", s.statement.position])


def confirm(s, *upr):
    for row in upr:
        RecommendationMatchFactory(
            recommendation=s.torture, upr_recommendation=row, status=MatchStatus.CONFIRMED
        )


def test_page_names_the_states_and_the_response(client, db):
    s = scene()
    confirm(s, s.by_germany)

    page = client.get(page_url(s))

    assert "Raised at the review by Germany; supported" in page.text
    assert page.text.count(LINE) == 1


def test_page_says_mixed_when_responses_differ_and_names_in_order(client, db):
    s = scene()
    confirm(s, s.by_germany, s.by_chile)

    page = client.get(page_url(s))

    assert "Raised at the review by Chile, Germany; partly supported, partly noted" in page.text


def test_page_names_the_states_in_its_language(client, db):
    s = scene()
    confirm(s, s.by_germany)

    page = client.get(page_url(s, "fr"))

    assert "Allemagne" in page.text
    assert "Germany" not in page.text


@pytest.mark.parametrize("status", [MatchStatus.PROPOSED, MatchStatus.REJECTED])
def test_page_shows_nothing_of_undecided_or_rejected_matches(client, db, status):
    s = scene()
    RecommendationMatchFactory(
        recommendation=s.torture, upr_recommendation=s.by_germany, status=status
    )

    page = client.get(page_url(s))

    assert LINE not in page.text
    assert "Germany" not in page.text


def test_private_recommendation_with_a_confirmed_match_shows_nothing(client, db):
    s = scene(torture_sharing="private")
    confirm(s, s.by_germany)
    RecommendationMatchFactory(
        recommendation=s.education,
        upr_recommendation=s.unrelated,  # France's, on a shared recommendation
        status=MatchStatus.CONFIRMED,
    )

    page = client.get(page_url(s))
    api = client.get(api_url(s)).json()

    assert "Raised at the review by France; supported" in page.text
    assert "Germany" not in page.text
    assert "preventive mechanism" not in page.text
    assert [r["position"] for r in api["recommendations"]] == [2]
    assert [c["alpha3"] for c in api["recommendations"][0]["raised_at_review_by"]] == ["FRA"]
    assert "DEU" not in str(api)


def test_unpublished_statement_shows_nothing(client, db):
    s = scene(published=False)
    confirm(s, s.by_germany)

    assert client.get(page_url(s)).status_code == 404
    assert client.get(api_url(s)).status_code == 404


def test_api_gives_the_states_and_the_response(client, db):
    s = scene()
    confirm(s, s.by_germany, s.by_chile)

    api = client.get(api_url(s)).json()

    first = api["recommendations"][0]
    assert [c["alpha3"] for c in first["raised_at_review_by"]] == ["DEU", "CHL"]
    assert first["review_response"] == "mixed"
    assert api["recommendations"][1]["raised_at_review_by"] == []


def test_deciding_a_match_changes_the_cached_page_at_once(
    client, db, django_capture_on_commit_callbacks
):
    s = scene()
    services.propose_matches(series=s.series)
    decider = User.objects.create(username="coordinator")
    germany = s.by_germany.matches.get()
    assert LINE not in client.get(page_url(s)).text  # now kept in the page cache

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_matches(match_ids=[germany.pk], status=MatchStatus.CONFIRMED, by=decider)
    confirmed = client.get(page_url(s)).text
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_matches(match_ids=[germany.pk], status=MatchStatus.REJECTED, by=decider)
    rejected = client.get(page_url(s)).text

    assert "Raised at the review by Germany; supported" in confirmed
    assert LINE not in rejected


def test_statement_detail_reads_two_queries(db, django_assert_num_queries):
    s = scene()
    confirm(s, s.by_germany, s.by_chile)
    RecommendationMatchFactory(
        recommendation=s.education, upr_recommendation=s.unrelated, status=MatchStatus.CONFIRMED
    )

    # The statement, then its items with the confirmed matches of the shared ones.
    with django_assert_num_queries(2):
        statement = published.statement_detail(60, "KE", s.statement.position)

    assert [r.uptake.states if r.uptake else () for r in statement.recommendations] == [
        ("DE", "CL"),
        ("FR",),
    ]
