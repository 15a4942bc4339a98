import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from panels.enums import MatchStatus
from panels.matching import services
from panels.models import RecommendationMatch, UPRRecommendation
from panels.record import importing
from panels.record import services as services_of_record
from panels.statements import page_cache
from presessions import page_cache as pages
from tests.factories import (
    RecommendationFactory,
    RecommendationMatchFactory,
    SeriesFactory,
    UPRRecommendationFactory,
)
from tests.panels.record.conftest import csv_bytes

from .scene import scene


def pairs():
    return set(
        RecommendationMatch.objects.values_list(
            "recommendation__position", "upr_recommendation__recommending_state", "status"
        )
    )


def test_propose_matches_scores_against_the_same_state_and_session_only(db):
    s = scene()

    outcome = services.propose_matches(series=s.series)

    assert pairs() == {(1, "DE", "proposed"), (1, "CL", "proposed")}
    assert outcome == services.Proposals(recommendations=2, proposed=2)
    germany = RecommendationMatch.objects.get(upr_recommendation=s.by_germany)
    chile = RecommendationMatch.objects.get(upr_recommendation=s.by_chile)
    assert germany.score > chile.score > 0


def test_propose_matches_includes_unpublished_and_private_recommendations(db):
    s = scene(torture_sharing="private", published=False)

    services.propose_matches(series=s.series)

    assert pairs() == {(1, "DE", "proposed"), (1, "CL", "proposed")}


def test_propose_matches_twice_changes_nothing(db):
    s = scene()
    services.propose_matches(series=s.series)
    before = list(RecommendationMatch.objects.values_list("pk", "score", "status"))

    services.propose_matches(series=s.series)

    assert list(RecommendationMatch.objects.values_list("pk", "score", "status")) == before


def test_propose_matches_never_overwrites_a_decision(db):
    s = scene()
    services.propose_matches(series=s.series)
    decider = User.objects.create(username="coordinator")
    germany = RecommendationMatch.objects.get(upr_recommendation=s.by_germany)
    chile = RecommendationMatch.objects.get(upr_recommendation=s.by_chile)
    services.decide_matches(match_ids=[germany.pk], status=MatchStatus.CONFIRMED, by=decider)
    services.decide_matches(match_ids=[chile.pk], status=MatchStatus.REJECTED, by=decider)
    RecommendationMatch.objects.filter(pk=germany.pk).update(score=0.01)

    services.propose_matches(series=s.series)

    assert pairs() == {(1, "DE", "confirmed"), (1, "CL", "rejected")}
    germany.refresh_from_db()
    assert (germany.score, germany.decided_by) == (0.01, decider)


def test_propose_matches_removes_proposals_no_longer_among_the_best(db):
    s = scene()
    services.propose_matches(series=s.series)
    s.torture.text = "Protect journalists from arbitrary arrest."
    s.torture.save()

    services.propose_matches(series=s.series)

    assert pairs() == set()


def test_request_match_proposals_refuses_a_series_without_its_record(db):
    series = SeriesFactory(session__number=61)

    with pytest.raises(ValidationError):
        services.request_match_proposals(series=series)


def test_request_match_proposals_has_the_worker_propose(db, django_capture_on_commit_callbacks):
    s = scene()

    with django_capture_on_commit_callbacks(execute=True):
        services.request_match_proposals(series=s.series)

    assert pairs() == {(1, "DE", "proposed"), (1, "CL", "proposed")}


def test_decide_matches_records_who_and_when(db, django_capture_on_commit_callbacks):
    s = scene()
    services.propose_matches(series=s.series)
    decider = User.objects.create(username="coordinator")
    ids = list(RecommendationMatch.objects.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        changed = services.decide_matches(match_ids=ids, status=MatchStatus.CONFIRMED, by=decider)

    assert changed == 2
    assert set(RecommendationMatch.objects.values_list("status", "decided_by")) == {
        ("confirmed", decider.pk)
    }
    assert RecommendationMatch.objects.filter(decided_at__isnull=True).count() == 0


def test_decide_matches_renews_the_statement_page(db, django_capture_on_commit_callbacks):
    s = scene()
    services.propose_matches(series=s.series)
    key = page_cache.statement_version_key(60, "KE", s.statement.position)
    before = pages.current_version(key)
    decider = User.objects.create(username="coordinator")

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_matches(
            match_ids=list(RecommendationMatch.objects.values_list("pk", flat=True)),
            status=MatchStatus.REJECTED,
            by=decider,
        )

    assert pages.current_version(key) != before


def test_decide_matches_refuses_going_back_to_proposed(db):
    decider = User.objects.create(username="coordinator")

    with pytest.raises(ValidationError):
        services.decide_matches(match_ids=[], status=MatchStatus.PROPOSED, by=decider)


def test_propose_matches_runs_as_many_queries_for_more_recommendations(db):
    def queries(s) -> int:
        with CaptureQueriesContext(connection) as captured:
            services.propose_matches(series=s.series)
        return len(captured)

    small = scene()
    few = queries(small)
    RecommendationMatch.objects.all().delete()
    for n in range(5):
        RecommendationFactory(statement=small.statement, position=10 + n, text=f"Torture {n}.")
        UPRRecommendationFactory(text=f"Prevent torture in prison {n}.")

    assert queries(small) == few


def test_a_response_imported_later_renews_the_pages_that_show_it(
    db, django_capture_on_commit_callbacks
):
    s = scene()
    line = ["Abolish the death penalty.", "Germany", "Kenya", "60", "4", "", "", ""]

    def import_lines(*lines):
        services_of_record.import_file(
            handle=io.BytesIO(csv_bytes(list(lines))),
            name="export.csv",
            defaults=importing.Defaults(),
            dry_run=False,
        )

    import_lines(line)
    imported = UPRRecommendation.objects.get(text="Abolish the death penalty.")
    RecommendationMatchFactory(
        recommendation=s.torture, upr_recommendation=imported, status=MatchStatus.CONFIRMED
    )
    key = page_cache.statement_version_key(60, "KE", s.statement.position)
    untouched = page_cache.statement_version_key(60, "KE", s.statement.position + 1)
    before, neighbour = pages.current_version(key), pages.current_version(untouched)

    with django_capture_on_commit_callbacks(execute=True):
        import_lines([*line[:5], "Supported", "", ""])

    imported.refresh_from_db()
    assert imported.response == "supported"
    assert pages.current_version(key) != before
    assert pages.current_version(untouched) == neighbour
