"""The public figures of what the review made of a series' recommendations: only the
recommendations the public may read count, as numbers by State and theme, never a name;
the page in three languages, a sentence while there is nothing to count, and a fixed
number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from panels.enums import MatchStatus
from panels.statements import services as statement_services
from panels.statements.public_uptake import PublicUptake, UptakeRow, series_uptake
from tests.factories import (
    ApplicationFactory,
    RecommendationFactory,
    RecommendationMatchFactory,
    StatementFactory,
    ThemeFactory,
    UPRRecommendationFactory,
)
from tests.panels.matching.scene import scene

SECRET_ORGANISATION = "Rights Defenders at Risk"


def confirm(recommendation, upr=None, **upr_fields):
    return RecommendationMatchFactory(
        recommendation=recommendation,
        upr_recommendation=upr or UPRRecommendationFactory(**upr_fields),
        status=MatchStatus.CONFIRMED,
    )


def review_over(s):
    """The review of the scene's series (session 60) ended yesterday."""
    session = s.series.session
    session.starts_on = timezone.localdate() - dt.timedelta(days=12)
    session.ends_on = timezone.localdate() - dt.timedelta(days=1)
    session.save()


def published_statement(presession, *, sharing="named", published=True, **application):
    return StatementFactory(
        application=ApplicationFactory(presession=presession, **application),
        sharing=sharing,
        published_at=timezone.now() if published else None,
    )


def consent_scene():
    """Kenya, published and named: torture raised by Germany (supported) and Chile
    (noted), education not raised. Each of the others has a confirmed match that must
    not count, or counts only as what the public sees:
    - a private recommendation of the Kenyan statement (not counted);
    - a recommendation of a Kenyan statement not published (not counted);
    - a withdrawn speaker who took back every item (not counted), and one who withdrew
      from the panel but left the published statement shared (counted);
    - an anonymous speaker at risk, in Uganda (counted, never named)."""
    s = scene()
    review_over(s)
    kenya, uganda = s.series.presessions.get(country="KE"), s.series.presessions.get(country="UG")
    confirm(s.torture, s.by_germany)
    confirm(s.torture, s.by_chile)
    confirm(RecommendationFactory(statement=s.statement, sharing="private"))
    confirm(RecommendationFactory(statement=published_statement(kenya, published=False)))
    took_back = published_statement(kenya, organisation_name="Took It All Back")
    confirm(RecommendationFactory(statement=took_back, sharing="named"))
    statement_services.restrict_publication(statement=took_back, withdraw_all=True)
    took_back.application.status = "withdrawn"
    took_back.application.save()
    left = published_statement(kenya, status="withdrawn")
    confirm(RecommendationFactory(statement=left, sharing="named"), response="noted")
    at_risk = published_statement(
        uganda, sharing="anonymous", organisation_name=SECRET_ORGANISATION
    )
    confirm(
        RecommendationFactory(
            statement=at_risk, sharing="anonymous", theme=ThemeFactory(name="Education")
        ),
        state_under_review="UG",
    )
    return s


def test_public_uptake_counts_only_what_the_public_may_read(db):
    s = consent_scene()

    figures = series_uptake(60)

    assert figures == PublicUptake(
        series_number=60,
        total=UptakeRow("All recommendations", 4, 3, 2),
        by_country=(
            UptakeRow("Kenya", 3, 2, 1, country="KE"),
            UptakeRow("Uganda", 1, 1, 1, country="UG"),
        ),
        by_theme=(
            UptakeRow("Right to health", 3, 2, 1, theme_id=s.statement.theme_id),
            UptakeRow("Education", 1, 1, 1, theme_id=figures.by_theme[1].theme_id),
        ),
    )
    assert figures.has_figures
    assert figures.by_country[0].raised_share == 67


def test_public_uptake_of_a_series_with_nothing_public_is_empty(db):
    s = scene(published=False)
    confirm(s.torture, s.by_germany)

    figures = series_uptake(60)

    assert figures.total == UptakeRow("All recommendations", 0, 0, 0)
    assert figures.by_country == figures.by_theme == ()
    assert not figures.has_figures


def test_public_uptake_counts_a_recommendation_once_whatever_its_matches(db):
    s = scene()
    confirm(s.torture, s.by_germany)
    confirm(s.torture, s.by_chile)
    RecommendationMatchFactory(recommendation=s.education, upr_recommendation=s.unrelated)

    figures = series_uptake(60)

    # Supported by one State, noted by the other: supported. A proposal is not raised.
    assert figures.total == UptakeRow("All recommendations", 2, 1, 1)


def test_public_uptake_follows_a_decision_at_once(
    db, coordinator, django_capture_on_commit_callbacks
):
    from panels.matching import services as matching

    s = scene()
    match = RecommendationMatchFactory(recommendation=s.torture, upr_recommendation=s.by_germany)
    assert series_uptake(60).total.raised == 0

    with django_capture_on_commit_callbacks(execute=True):
        matching.decide_matches(match_ids=[match.pk], status=MatchStatus.CONFIRMED, by=coordinator)

    assert series_uptake(60).total.raised == 1


def test_public_uptake_names_themes_and_states_in_the_language(db):
    consent_scene()

    with translation.override("fr"):
        figures = series_uptake(60)

    assert [row.label for row in figures.by_country] == ["Kenya", "Ouganda"]
    assert figures.total.label == "Toutes les recommandations"


# The page ---------------------------------------------------------------------------------


def page_url(language="en", number=60):
    with translation.override(language):
        return reverse("panels:review-uptake", args=[number])


def in_language(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values


@pytest.mark.parametrize(
    ("language", "uganda"), [("en", "Uganda"), ("fr", "Ouganda"), ("es", "Uganda")]
)
def test_page_shows_the_figures_in_each_language(client, db, language, uganda):
    consent_scene()

    page = client.get(page_url(language))

    assert page.status_code == 200
    series = in_language(language, "Pre-sessions %(number)s", number=60)
    heading = in_language(language, "At the review: %(series)s", series=series)
    sentence = in_language(
        language,
        "%(raised)s of the %(presented)s recommendations presented were raised at the "
        "review, %(supported)s of them supported.",
        raised=3,
        presented=4,
        supported=2,
    )
    assert f"<h1>{heading}</h1>" in page.text
    assert sentence in page.text
    link = f'<a href="/{language}/statements/60/?country=UG">{uganda}</a>'
    assert link in page.text
    rows = page.text.split("<tbody>")[1]
    assert rows.index("?country=KE") < rows.index("?country=UG")  # the most presented first


def test_page_names_no_organisation_and_no_text(client, db):
    s = consent_scene()

    page = client.get(page_url())

    assert SECRET_ORGANISATION not in page.text
    assert "Took It All Back" not in page.text
    assert s.statement.application.organisation_name not in page.text
    assert "preventive mechanism" not in page.text


def test_page_says_when_the_review_has_not_ended(client, db):
    scene()  # session 60 begins in four months

    page = client.get(page_url())

    assert page.status_code == 200
    assert "Session 60 of the UPR Working Group has not ended yet" in page.text
    assert "<table" not in page.text


def test_page_says_when_nothing_is_matched_yet(client, db):
    s = scene()
    review_over(s)
    RecommendationMatchFactory(recommendation=s.torture, upr_recommendation=s.by_germany)

    page = client.get(page_url())

    assert (
        "2 recommendations presented at these Pre-sessions are published; none is matched "
        "yet to a recommendation made at the review." in page.text
    )
    assert "<table" not in page.text


def test_page_says_when_nothing_is_published(client, db):
    s = scene(published=False)
    review_over(s)
    confirm(s.torture, s.by_germany)

    page = client.get(page_url())

    assert "No recommendation presented at these Pre-sessions is published yet" in page.text
    assert "<table" not in page.text


def test_page_of_an_unknown_series_is_not_found(client, db):
    scene()

    assert client.get(page_url(number=61)).status_code == 404


def test_series_page_links_to_the_figures_only_once_there_are_some(
    client, db, coordinator, django_capture_on_commit_callbacks
):
    from panels.matching import services as matching

    s = scene()
    match = RecommendationMatchFactory(recommendation=s.torture, upr_recommendation=s.by_germany)
    series_page = reverse("series-detail", args=[60])
    link = f'href="{page_url()}"'
    assert link not in client.get(series_page).text

    with django_capture_on_commit_callbacks(execute=True):
        matching.decide_matches(match_ids=[match.pk], status=MatchStatus.CONFIRMED, by=coordinator)
    page = client.get(series_page)

    assert link in page.text
    assert "1 of the 2 recommendations presented were raised at the review" in page.text


def grown_scene(extra_statements):
    """The consent scene with more Kenyan statements, themes and confirmed matches."""
    s = consent_scene()
    kenya = s.series.presessions.get(country="KE")
    for n in range(extra_statements):
        statement = published_statement(kenya)
        for position in (1, 2, 3):
            recommendation = RecommendationFactory(
                statement=statement,
                position=position,
                sharing="named",
                theme=ThemeFactory(name=f"Theme {n}-{position}"),
            )
            if position != 3:
                confirm(recommendation)
    return s


@pytest.mark.parametrize("extra_statements", [0, 12])
def test_page_runs_two_queries_whatever_the_figures(
    client, db, django_assert_num_queries, extra_statements
):
    grown_scene(extra_statements)
    client.get("/en/")  # the session and the content types, once

    # The series, the figures.
    with django_assert_num_queries(2):
        page = client.get(page_url())

    assert page.status_code == 200
    assert page.context["uptake"].total.presented == 4 + 3 * extra_statements


@pytest.mark.parametrize("extra_statements", [0, 12])
def test_page_runs_one_query_once_the_figures_are_kept(
    client, db, django_assert_num_queries, extra_statements
):
    grown_scene(extra_statements)
    client.get(page_url())

    with django_assert_num_queries(1):
        client.get(page_url())
