"""Matching the recommendations CSOs presented at a series' Pre-sessions to those the
review that followed made to the same State: proposed by a worker from the texts'
similarity (`similarity.py`), then confirmed or rejected by staff. It gathers the record
and the statements (a decision renews the statement's public page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from panels.enums import MatchStatus
from panels.matching import similarity
from panels.models import Recommendation, RecommendationMatch, UPRRecommendation
from panels.statements import page_cache
from presessions.models import Series


@dataclass(frozen=True)
class Proposals:
    """What a proposal run did."""

    recommendations: int  # the series' recommendations looked at
    proposed: int  # the proposals standing after the run (new or kept)


@transaction.atomic
def request_match_proposals(*, series: Series) -> None:
    """Have a worker propose matches for a series' recommendations.

    Side effects: the task queued after commit. Raises ValidationError when the record
    holds nothing of the review that followed the series (import it first)."""
    from panels.matching.tasks import task_propose_matches

    number = series.session.number
    countries = series.presessions.values("country")
    if not UPRRecommendation.objects.filter(
        session=number, state_under_review__in=countries
    ).exists():
        raise ValidationError(
            _(
                "The UPR record holds no recommendation made at session %(number)s to the "
                "States of this series: import that session's recommendations first."
            )
            % {"number": number}
        )
    transaction.on_commit(lambda: task_propose_matches.delay(series.pk))


@transaction.atomic
def propose_matches(*, series: Series) -> Proposals:
    """Score every recommendation of the series' statements (published or not) against
    the recommendations the review that followed made to the same State (the series'
    Working Group session) and keep the best few above the threshold as proposed.

    Idempotent: a confirmed or rejected pair is never touched nor proposed again; the
    proposals of an earlier run are rescored, and those no longer among the best are
    removed. Side effects: RecommendationMatch rows created, updated and deleted."""
    # One run per series at a time (on PostgreSQL): a second waits, then finds the first's.
    Series.objects.select_for_update(of=("self",)).filter(pk=series.pk).order_by().first()
    number = series.session.number
    ours = list(
        Recommendation.objects.filter(statement__presession__series=series)
        .values_list("pk", "text", "statement__presession__country")
        .order_by("pk")
    )
    review: dict[str, list[similarity.Candidate]] = {}
    for pk, text, country in (
        UPRRecommendation.objects.filter(
            session=number, state_under_review__in={row[2] for row in ours}
        )
        .values_list("pk", "text", "state_under_review")
        .order_by("pk")
    ):
        review.setdefault(str(country), []).append(similarity.Candidate(pk, text))
    existing = {
        (match.recommendation_id, match.upr_recommendation_id): match
        for match in RecommendationMatch.objects.filter(recommendation__in=[r[0] for r in ours])
    }
    pools = {country: similarity.pool_of(candidates) for country, candidates in review.items()}
    decided: dict[int, set[int]] = {}
    for (rec, upr), match in existing.items():
        if match.status != MatchStatus.PROPOSED:
            decided.setdefault(rec, set()).add(upr)
    to_create: list[RecommendationMatch] = []
    to_update: list[RecommendationMatch] = []
    standing: set[tuple[int, int]] = set()
    for pk, text, country in ours:
        pool = pools.get(str(country))
        if pool is None:
            continue
        for proposal in similarity.best_matches(text, pool, exclude=decided.get(pk, set())):
            pair = (pk, proposal.candidate_id)
            standing.add(pair)
            known = existing.get(pair)
            if known is None:
                to_create.append(
                    RecommendationMatch(
                        recommendation_id=pk,
                        upr_recommendation_id=proposal.candidate_id,
                        score=proposal.score,
                    )
                )
            elif known.score != proposal.score:
                known.score = proposal.score
                to_update.append(known)
    stale = [
        match.pk
        for pair, match in existing.items()
        if match.status == MatchStatus.PROPOSED and pair not in standing
    ]
    RecommendationMatch.objects.filter(pk__in=stale).delete()
    RecommendationMatch.objects.bulk_update(to_update, ["score"])
    RecommendationMatch.objects.bulk_create(to_create, ignore_conflicts=True)
    return Proposals(recommendations=len(ours), proposed=len(standing))


def propose_matches_of(series_id: int) -> None:
    """What the worker does: propose the matches of a series, if it still exists."""
    series = Series.objects.select_related("session").filter(pk=series_id).first()
    if series is not None:
        propose_matches(series=series)


@transaction.atomic
def decide_matches(*, match_ids: list[int], status: str, by: User) -> int:
    """Confirm or reject matches, recording who and when; returns how many changed.

    Side effects: the matches' status, decider and time; the public pages of their
    statements renewed after commit (only confirmed matches show there)."""
    if status not in (MatchStatus.CONFIRMED, MatchStatus.REJECTED):
        raise ValidationError(_("A match can only be confirmed or rejected."))
    rows = list(
        RecommendationMatch.objects.select_for_update(of=("self",))
        .filter(pk__in=match_ids)
        .exclude(status=status)
        .values_list(
            "pk",
            "recommendation__statement__presession__series__session__number",
            "recommendation__statement__presession__country",
            "recommendation__statement__position",
        )
    )
    RecommendationMatch.objects.filter(pk__in=[row[0] for row in rows]).update(
        status=status, decided_by=by, decided_at=timezone.now()
    )
    _renew_after_commit({row[1:] for row in rows})
    return len(rows)


def _renew_after_commit(statements: set[tuple[Any, ...]]) -> None:
    def renew() -> None:
        for number, country, position in statements:
            page_cache.renew_statement(number, str(country), position)

    if statements:
        transaction.on_commit(renew)


def renew_pages_of(*, upr_ids: list[int]) -> None:
    """The record changed these recommendations (a response imported later, say): renew
    the public pages of the statements that show them through a confirmed match.

    Side effects: those statements' pages renewed after commit."""
    _renew_after_commit(
        set(
            RecommendationMatch.objects.filter(
                upr_recommendation__in=upr_ids, status=MatchStatus.CONFIRMED
            ).values_list(
                "recommendation__statement__presession__series__session__number",
                "recommendation__statement__presession__country",
                "recommendation__statement__position",
            )
        )
    )
