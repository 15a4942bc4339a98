from django.urls import reverse

from panels.enums import MatchStatus
from panels.matching import services
from panels.models import RecommendationMatch
from tests.factories import RecommendationMatchFactory
from tests.query_counts import queries_of

from .scene import scene

LIST = reverse("admin:panels_recommendationmatch_changelist")
SERIES = reverse("admin:presessions_series_changelist")


def test_coordinator_proposes_then_confirms_and_rejects(
    client, coordinator, django_capture_on_commit_callbacks
):
    s = scene()
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SERIES, {"action": "propose_matches", "_selected_action": [s.series.pk]})

    page = client.get(LIST)
    assert page.status_code == 200
    assert "set up a national preventive mechanism" in page.text  # the review's words
    assert "establish an independent national preventive mechanism" in page.text  # the CSO's
    assert "Germany" in page.text
    assert "Chile" in page.text
    assert f"{s.statement.application.reference}, recommendation 1" in page.text
    germany = RecommendationMatch.objects.get(upr_recommendation=s.by_germany)
    chile = RecommendationMatch.objects.get(upr_recommendation=s.by_chile)

    client.post(LIST, {"action": "confirm_matches", "_selected_action": [germany.pk]})
    client.post(LIST, {"action": "reject_matches", "_selected_action": [chile.pk]})

    germany.refresh_from_db()
    chile.refresh_from_db()
    assert (germany.status, germany.decided_by) == (MatchStatus.CONFIRMED, coordinator)
    assert (chile.status, chile.decided_by) == (MatchStatus.REJECTED, coordinator)


def test_proposing_for_a_series_without_its_record_says_why(client, coordinator):
    s = scene()
    s.series.session.number = 61
    s.series.session.save()
    client.force_login(coordinator)

    response = client.post(
        SERIES, {"action": "propose_matches", "_selected_action": [s.series.pk]}, follow=True
    )

    assert "holds no recommendation made at session 61" in response.text
    assert RecommendationMatch.objects.count() == 0


def test_reviewer_cannot_decide_nor_propose(client, reviewer):
    s = scene()
    services.propose_matches(series=s.series)
    match = RecommendationMatch.objects.get(upr_recommendation=s.by_germany)
    client.force_login(reviewer)

    client.post(LIST, {"action": "confirm_matches", "_selected_action": [match.pk]})
    client.post(SERIES, {"action": "propose_matches", "_selected_action": [s.series.pk]})

    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert RecommendationMatch.objects.count() == 2


def test_change_page_offers_the_other_decision(client, coordinator):
    match = RecommendationMatchFactory(status=MatchStatus.CONFIRMED)
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_recommendationmatch_change", args=[match.pk]))

    assert "Reject the selected matches" in page.text
    assert "Confirm the selected matches" not in page.text


def test_match_list_query_count_does_not_grow(client, coordinator):
    client.force_login(coordinator)
    RecommendationMatchFactory()
    few = queries_of(client, LIST)
    for _n in range(5):
        RecommendationMatchFactory()

    assert queries_of(client, LIST) == few


def test_match_list_filters_by_series(client, coordinator):
    ours = RecommendationMatchFactory()
    other = RecommendationMatchFactory()
    client.force_login(coordinator)
    series = ours.recommendation.statement.presession.series

    page = client.get(LIST, {"series": series.pk})

    assert [m.pk for m in page.context["cl"].result_list] == [ours.pk]
    assert other.pk != ours.pk
