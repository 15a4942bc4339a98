from django.urls import reverse

from panels.enums import MatchStatus
from panels.series_page.uptake import SeriesUptake, UptakeRow, series_uptake
from tests.factories import (
    PreSessionFactory,
    RecommendationFactory,
    RecommendationMatchFactory,
    ThemeFactory,
    UPRRecommendationFactory,
)
from tests.panels.matching.scene import scene


def figures_scene():
    """Kenya: torture (no theme of its own: its statement's) raised by Germany (supported)
    and Chile (noted), education (its own theme) not raised. Uganda: one, raised and
    noted. Another series' confirmed match, not counted."""
    s = scene()
    s.education.theme = ThemeFactory(name="Education")
    s.education.save()
    for row in (s.by_germany, s.by_chile):
        RecommendationMatchFactory(
            recommendation=s.torture, upr_recommendation=row, status=MatchStatus.CONFIRMED
        )
    RecommendationMatchFactory(recommendation=s.education, upr_recommendation=s.unrelated)
    uganda = RecommendationFactory(
        statement__application__presession=s.series.presessions.get(country="UG"),
        statement__application__organisation_country="UG",
    )
    RecommendationMatchFactory(
        recommendation=uganda,
        upr_recommendation=UPRRecommendationFactory(state_under_review="UG", response="noted"),
        status=MatchStatus.CONFIRMED,
    )
    RecommendationMatchFactory(
        recommendation__statement__application__presession=PreSessionFactory(),
        status=MatchStatus.CONFIRMED,
    )
    return s


def test_series_uptake_counts_per_country_and_theme(db):
    s = figures_scene()

    figures = series_uptake(s.series.pk)

    assert figures == SeriesUptake(
        total=UptakeRow("All recommendations", 3, 2, 1),
        by_country=(UptakeRow("Kenya", 2, 1, 1), UptakeRow("Uganda", 1, 1, 0)),
        by_theme=(UptakeRow("Right to health", 2, 2, 1), UptakeRow("Education", 1, 0, 0)),
        proposals_to_decide=1,
    )
    assert figures.by_country[0].matched_share == 50


def test_series_uptake_is_one_query(db, django_assert_num_queries):
    s = figures_scene()
    for _n in range(4):
        RecommendationMatchFactory(
            recommendation=RecommendationFactory(statement=s.statement),
            upr_recommendation=s.unrelated,
            status=MatchStatus.CONFIRMED,
        )

    with django_assert_num_queries(1):
        series_uptake(s.series.pk)


def test_series_page_shows_the_figures(client, coordinator):
    s = figures_scene()
    client.force_login(coordinator)

    page = client.get(reverse("admin:presessions_series_overview", args=[s.series.pk]))

    assert (
        "2 of the 3 recommendations presented were raised at the review (confirmed matches), "
        "1 of them supported." in page.text
    )
    assert '<tr><th scope="row">Uganda</th><td>1</td><td>1 (100 %)</td><td>0</td></tr>' in page.text
    assert "1 recommendation has proposals to decide" in page.text
