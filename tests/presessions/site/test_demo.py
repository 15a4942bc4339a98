import datetime as dt
import re
from collections import Counter

import pikepdf
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from applications.enums import ApplicationStatus
from applications.models import Application, CallAlert
from panels.enums import (
    Cleaning,
    DecisionAction,
    MatchStatus,
    Outcome,
    Response,
    Sharing,
    TimetableStatus,
)
from panels.management import sample_texts
from panels.models import (
    Decision,
    Material,
    Meeting,
    Panel,
    Placement,
    Recommendation,
    RecommendationMatch,
    Statement,
)
from panels.programme import public as public_programme
from presessions.models import (
    OutboundEmail,
    Series,
)
from presessions.site.demo import calendar

# A number above 100 followed by "per cent" or "%": an invented statistic.
IMPLAUSIBLE_SHARE = re.compile(r"\b(?:[1-9]\d{2,}|[2-9]\d{2})\s*(?:per cent|percent|%)")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the tests that only read it, inside a transaction rolled
    back after them (each test runs in a savepoint of it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo")
        yield
        transaction.set_rollback(True)


def series(number: int) -> Series:
    return Series.objects.get(session__number=number)


@pytest.mark.django_db
def test_load_demo_leaves_series_59_with_its_call_closed_its_applications_rated_and_no_panel(demo):

    closed = series(calendar.SELECTION_SESSION)
    now = timezone.now()
    assert closed.call_closes_at < now
    assert closed.starts_on > timezone.localdate() + dt.timedelta(days=30)
    applications = Application.objects.filter(presession__series=closed)
    assert applications.count() == 60
    assert applications.values("presession").distinct().count() == 13
    assert applications.values("speaker_gender").distinct().count() >= 3
    assert applications.values("scope").distinct().count() == 4
    assert applications.filter(needs_funding=True).exists()
    assert applications.filter(status=ApplicationStatus.WITHDRAWN).count() == 1
    ineligible = applications.get(is_ineligible=True)
    assert ineligible.ineligible_reason
    eligible = applications.filter(status=ApplicationStatus.SUBMITTED, is_ineligible=False)
    assert eligible.count() == 58
    assert not eligible.filter(rating__isnull=True).exists()
    assert eligible.values("rating").distinct().count() == 4
    assert not eligible.filter(review_notes="").exists()
    assert all(a.submitted_at < closed.call_closes_at for a in applications)
    assert not Panel.objects.filter(presession__series=closed).exists()
    assert not Meeting.objects.filter(presession__series=closed).exists()
    assert closed.presessions.exclude(mission_email="").count() == 13


@pytest.mark.django_db
def test_load_demo_publishes_the_programme_of_series_58_after_selection(demo):

    after = series(calendar.PROGRAMME_SESSION)
    assert after.call_closes_at < timezone.now()
    assert timezone.localdate() < after.starts_on <= timezone.localdate() + dt.timedelta(days=21)
    assert after.timetable.status == TimetableStatus.PUBLISHED
    meetings = Meeting.objects.filter(presession__series=after)
    assert meetings.count() == 12
    assert not meetings.filter(published_start__isnull=True).exists()
    assert meetings.values("day").distinct().count() == 4
    placements = Placement.objects.filter(panel__presession__series=after)
    assert not Panel.objects.filter(presession__series=after, confirmed_at__isnull=True).exists()
    speakers = placements.active_speakers()
    # Panels of four, but two speakers for Turkmenistan, three for Cabo Verde and Uzbekistan.
    assert speakers.count() == 12 * 4 - 4
    assert speakers.filter(response=Response.CONFIRMED).count() == speakers.count() - 1
    assert speakers.get(response=Response.PENDING).reason_code == "replacement"
    declined = placements.filter(outcome=Outcome.SELECTED, response=Response.DECLINED)
    assert declined.count() == 4  # three before publication, one withdrew after it
    assert placements.filter(reason_code="replacement").count() == 4
    assert placements.filter(outcome=Outcome.WAITLISTED).exists()
    funded = Application.objects.filter(presession__series=after, funding_granted__isnull=False)
    assert funded.exists()
    assert all(a.placement.response == Response.CONFIRMED for a in funded)
    # The missions' addresses are known but for Turkmenistan and Tuvalu; each mission
    # whose State has a meeting was invited to it.
    assert after.presessions.exclude(mission_email="").count() == 12
    invited = OutboundEmail.objects.filter(kind="mission_invitation").values_list("to", flat=True)
    assert sorted(invited) == sorted(
        meetings.exclude(presession__mission_email="").values_list(
            "presession__mission_email", flat=True
        )
    )
    assert OutboundEmail.objects.filter(kind="panel_slot").count() >= 40
    # The record of decisions is dated as the panels' story: confirmed weeks ago, the
    # last withdrawal six days ago.
    decisions = Decision.objects.filter(panel__presession__series=after)
    confirmed_at = {panel.confirmed_at for panel in Panel.objects.filter(presession__series=after)}
    assert {d.made_at for d in decisions.filter(action=DecisionAction.CONFIRMED)} == confirmed_at
    assert max(d.made_at for d in decisions) < timezone.now() - dt.timedelta(days=5)


def _status(status: str) -> Q:
    return Q(registrations__status=status)


@pytest.mark.django_db
def test_load_demo_publishes_statements_recommendations_and_materials_of_the_past_series(
    demo,
    client,
):

    published = Statement.objects.filter(published_at__isnull=False)
    assert published.count() == 81
    assert set(published.values_list("presession__series__session__number", flat=True)) == {
        49,
        50,
    }
    assert published.filter(sharing=Sharing.ANONYMOUS).exists()
    assert published.filter(sharing=Sharing.NAMED).exists()
    assert all(s.published_at.date() > s.presession.series.ends_on for s in published)
    recommendations = Recommendation.objects.filter(statement__in=published)
    assert recommendations.count() >= 81 * 2
    assert recommendations.filter(sharing=Sharing.PRIVATE).exists()
    materials = Material.objects.filter(statement__in=published)
    assert materials.count() >= 20
    assert not materials.exclude(cleaning=Cleaning.CLEANED).exists()
    assert materials.filter(sharing=Sharing.ANONYMOUS).exists()
    for material in materials:
        with material.file.open("rb") as stored, pikepdf.open(stored) as pdf:
            assert pdf.docinfo["/Author"] == material.statement.application.organisation_name
        with material.public_file.open("rb") as public, pikepdf.open(public) as pdf:
            assert "/Author" not in pdf.docinfo
    listing = client.get("/en/statements/")
    assert listing.context["page"].paginator.count == 81


@pytest.mark.django_db
def test_load_demo_words_read_plausibly(demo):

    recommendations = list(Recommendation.objects.values_list("text", flat=True))
    bank = {text for topic in sample_texts.TOPICS for text in topic.recommendations}
    assert set(recommendations) <= bank
    texts = [*recommendations, *Statement.objects.values_list("text", flat=True)]
    texts += Application.objects.values_list("summary", flat=True)
    assert not [text for text in texts if IMPLAUSIBLE_SHARE.search(text)]
    assert not [text for text in texts if "{" in text or "}" in text]
    # Each statement speaks on its own theme, in words written for that theme.
    for statement in Statement.objects.select_related("theme").prefetch_related("recommendations"):
        topic = sample_texts.topic_of(statement.theme.name)
        assert {r.text for r in statement.recommendations.all()} <= set(topic.recommendations)


@pytest.mark.django_db
def test_load_demo_matches_the_reviews_of_the_past_series_as_staff_would(demo, client):

    for number in (49, 50):
        matches = RecommendationMatch.objects.filter(
            recommendation__statement__presession__series__session__number=number
        )
        statuses = Counter(matches.values_list("status", flat=True))
        assert statuses[MatchStatus.CONFIRMED] > statuses[MatchStatus.REJECTED] > 0
        assert statuses[MatchStatus.PROPOSED] > 0  # a few left for staff to decide
        # Each confirmed match is a recommendation made to the same State at that review.
        confirmed = matches.filter(status=MatchStatus.CONFIRMED)
        assert set(confirmed.values_list("upr_recommendation__session", flat=True)) == {number}
        assert not confirmed.exclude(
            upr_recommendation__state_under_review=F(
                "recommendation__statement__presession__country"
            )
        ).exists()
        figures = client.get(f"/en/series/{number}/at-the-review/").context["uptake"]
        assert 0 < figures.total.supported < figures.total.raised < figures.total.presented
        series_page = client.get(f"/en/series/{number}/")
        assert f'href="/en/series/{number}/at-the-review/"' in series_page.text
    raised = (
        RecommendationMatch.objects.filter(
            status=MatchStatus.CONFIRMED,
            recommendation__sharing=Sharing.NAMED,
            recommendation__statement__published_at__isnull=False,
        )
        .select_related("recommendation__statement__presession__series__session")
        .order_by("pk")[0]
        .recommendation.statement
    )
    where = {
        "number": raised.presession.series.number,
        "code": raised.presession.country.alpha3.lower(),
        "position": raised.position,
    }
    assert "Raised at the review by" in client.get(reverse("panels:statement", kwargs=where)).text


@pytest.mark.django_db
def test_load_demo_has_confirmed_call_alert_subscribers_in_each_language(demo):

    alerts = CallAlert.objects.all()
    assert alerts.count() == 5
    assert not alerts.filter(confirmed_at__isnull=True).exists()
    assert set(alerts.values_list("language", flat=True)) == {"en", "fr", "es"}


@pytest.mark.django_db
def test_the_public_pages_of_every_stage_answer(demo, client):

    for number in (49, 50, 58, 59, 60):
        page = client.get(f"/en/series/{number}/")
        assert page.status_code == 200
        assert page.context["series"].number == number
        assert page.context["call_open"] == (number == 60)
        assert page.context["programme_published"] == (number == 58)
        programme = client.get(f"/en/series/{number}/programme/")
        assert programme.status_code == 200
        assert programme.context["programme"].is_published == (number == 58)
    # Read through its door: asked again, the page comes whole from the page cache.
    programme = public_programme.programme_of(series(58))
    assert len(programme.meetings) == 12
    assert all(meeting.organisations for meeting in programme.meetings)
    assert "Speakers to be confirmed" not in client.get("/en/series/58/programme/").text
    assert "Palais des Nations, Genève" in client.get("/fr/series/58/").text
    assert "Palais des Nations, Ginebra" in client.get("/es/series/58/programme/").text
    assert client.get("/en/series/60/apply/").status_code == 200
    assert client.get("/en/series/58/events/").status_code == 200
    for number in (49, 50):
        listing = client.get(f"/en/statements/{number}/")
        assert listing.status_code == 200
        assert listing.context["page"].paginator.count == (42 if number == 49 else 39)
    material = (
        Material.objects.filter(sharing=Sharing.NAMED, statement__published_at__isnull=False)
        .select_related("statement__presession__series__session")
        .order_by("pk")[0]
    )
    statement = material.statement
    where = {
        "number": statement.presession.series.number,
        "code": statement.presession.country.alpha3.lower(),
        "position": statement.position,
    }
    page = client.get(reverse("panels:statement", kwargs=where))
    assert page.status_code == 200
    assert material.title in page.content.decode()
    download = client.get(
        reverse("panels:statement-material", kwargs={**where, "item": material.position})
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_staff_pages_of_every_stage_answer_the_demo_coordinator(demo, client):
    client.force_login(get_user_model().objects.get(username="coordinator"))

    lists = [
        "presessions_series", "applications_application", "applications_fundingrequest",
        "panels_panel", "panels_placement", "panels_decision", "panels_timetable",
        "panels_meeting", "panels_statement", "presessions_accreditation", "presessions_event",
        "presessions_mailing", "presessions_subscriber", "presessions_outboundemail",
    ]  # fmt: skip
    for name in lists:
        page = client.get(reverse(f"admin:{name}_changelist"))
        assert page.status_code == 200, name
        assert page.context["cl"].result_count > 0, name
    for number in (49, 50, 58, 59, 60):
        page = client.get(reverse("admin:presessions_series_change", args=[series(number).pk]))
        assert page.status_code == 200
        assert f"Pre-sessions {number}" in page.content.decode()
    timetable = series(calendar.PROGRAMME_SESSION).timetable
    page = client.get(reverse("admin:panels_timetable_change", args=[timetable.pk]))
    assert page.status_code == 200
    assert "Cameroon" in page.content.decode()
    panel = Panel.objects.filter(presession__series=timetable.series).order_by("pk")[0]
    assert client.get(reverse("admin:panels_panel_change", args=[panel.pk])).status_code == 200
