"""The panel suggestion against an exhaustive search, plus the edge cases of the rule."""

import itertools
import random
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panels.selection.rule import (
    Candidate,
    Gender,
    Reason,
    SelectionError,
    Suggestion,
    Verdict,
    Weights,
    best_panel,
    best_replacement,
    member_score,
    panel_score,
)

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def make(
    candidate_id: int,
    *,
    organisation: str | None = None,
    gender: str = Gender.OTHER,
    scope: str = "regional",
    coalition: bool = False,
    report: bool = False,
    rating: int | None = None,
    theme: int = 1,
    day: int | None = None,
) -> Candidate:
    return Candidate(
        id=candidate_id,
        organisation=organisation or f"org-{candidate_id}",
        gender=gender,
        scope=scope,
        is_national_coalition=coalition,
        submitted_upr_report=report,
        rating=rating,
        main_theme=theme,
        submitted_at=START + timedelta(days=candidate_id if day is None else day),
    )


# --- The oracle: every subset, compared by the rule's key ---------------------------------------


def oracle_score(members: Sequence[Candidate], weights: Weights) -> int:
    total = weights.theme * len({m.main_theme for m in members})
    for m in members:
        total += m.rating or 0
        total += weights.local_scope if m.scope in ("grassroots", "national") else 0
        total += weights.coalition if m.is_national_coalition else 0
        total += weights.upr_report if m.submitted_upr_report else 0
    return total


def oracle_imbalance(members: Sequence[Candidate]) -> int:
    women = sum(m.gender == "woman" for m in members)
    return abs(women - sum(m.gender == "man" for m in members))


def oracle(
    candidates: Sequence[Candidate],
    *,
    panel_size: int,
    weights: Weights,
    pinned: Collection[int] = frozenset(),
    excluded: Collection[int] = frozenset(),
    size: int | None = None,
) -> tuple[tuple[int, int, list[int]], frozenset[int]] | None:
    """The best (key, member ids) among all valid panels, None when there is none."""
    rank = {c.id: r for r, c in enumerate(sorted(candidates, key=lambda c: (c.submitted_at, c.id)))}
    available = [c for c in candidates if c.id not in excluded]
    if size is None:
        size = min(panel_size, len({c.organisation for c in available}))
    best = None
    for combo in itertools.combinations(available, size):
        ids = frozenset(c.id for c in combo)
        if not set(pinned) <= ids or len({c.organisation for c in combo}) < size:
            continue
        key = (oracle_imbalance(combo), -oracle_score(combo, weights), sorted(rank[i] for i in ids))
        if best is None or key < best[0]:
            best = (key, ids)
    return best


# --- Random cases ---------------------------------------------------------------------------------


@st.composite
def candidate_lists(draw: st.DrawFn, max_size: int = 10) -> list[Candidate]:
    n = draw(st.integers(0, max_size))
    ids = draw(st.lists(st.integers(1, 500), min_size=n, max_size=n, unique=True))
    organisations = "abcdefghij"[: draw(st.integers(1, 10))]
    return [
        Candidate(
            id=candidate_id,
            organisation=draw(st.sampled_from(organisations)),
            gender=draw(st.sampled_from(list(Gender))),
            scope=draw(st.sampled_from(["grassroots", "national", "regional", "international"])),
            is_national_coalition=draw(st.booleans()),
            submitted_upr_report=draw(st.booleans()),
            rating=draw(st.none() | st.integers(0, 3)),
            main_theme=draw(st.integers(1, 3)),
            submitted_at=START + timedelta(hours=draw(st.integers(0, 3))),
        )
        for candidate_id in ids
    ]


weights_strategy = st.builds(
    Weights,
    local_scope=st.integers(0, 5),
    coalition=st.integers(0, 4),
    upr_report=st.integers(0, 3),
    theme=st.sampled_from([0, 1, 2, 5, 10, -1]),
)


@st.composite
def requests(draw: st.DrawFn, max_size: int = 10) -> dict:
    candidates = draw(candidate_lists(max_size))
    panel_size = draw(st.integers(1, 6))
    pinned: list[int] = []
    organisations: set[str] = set()
    for c in draw(st.permutations(candidates)):
        wanted = draw(st.integers(0, 4)) == 0
        if wanted and len(pinned) < panel_size and c.organisation not in organisations:
            pinned.append(c.id)
            organisations.add(c.organisation)
    excluded = [c.id for c in candidates if c.id not in pinned and draw(st.integers(0, 5)) == 0]
    return {
        "candidates": candidates,
        "panel_size": panel_size,
        "weights": draw(weights_strategy),
        "pinned": frozenset(pinned),
        "excluded": frozenset(excluded),
    }


def by_id(candidates: Sequence[Candidate]) -> dict[int, Candidate]:
    return {c.id: c for c in candidates}


def assert_matches_oracle(request: dict, suggestion: Suggestion) -> None:
    expected = oracle(**request)
    assert expected is not None
    (imbalance, minus_score, _), members = expected
    assert frozenset(suggestion.panel) == members
    assert suggestion.gender_imbalance == imbalance
    assert suggestion.total_score == -minus_score
    submitted = {c.id: c.submitted_at for c in request["candidates"]}
    ordered = sorted(suggestion.panel, key=lambda i: (submitted[i], i))
    assert list(suggestion.panel) == ordered


@settings(max_examples=1500, deadline=None)
@given(requests())
def test_best_panel_equals_exhaustive_search(request: dict) -> None:
    assert_matches_oracle(request, best_panel(**request))


@settings(max_examples=300, deadline=None)
@given(requests(max_size=13))
def test_best_panel_equals_exhaustive_search_on_larger_cases(request: dict) -> None:
    assert_matches_oracle(request, best_panel(**request))


@settings(max_examples=500, deadline=None)
@given(requests(), st.randoms(use_true_random=False))
def test_best_panel_ignores_input_order(request: dict, rng: random.Random) -> None:
    suggestion = best_panel(**request)
    shuffled = list(request["candidates"])
    rng.shuffle(shuffled)

    again = best_panel(**{**request, "candidates": shuffled})

    assert again.panel == suggestion.panel
    assert again.waitlist == suggestion.waitlist
    assert sorted(again.verdicts, key=lambda v: v.candidate_id) == sorted(
        suggestion.verdicts, key=lambda v: v.candidate_id
    )


@settings(max_examples=600, deadline=None)
@given(requests())
def test_best_panel_verdicts_agree_with_exhaustive_search(request: dict) -> None:
    candidates, pinned = request["candidates"], request["pinned"]
    suggestion = best_panel(**request)
    (best_imbalance, minus_best_score, best_ranks), members = oracle(**request)
    panel_orgs = {c.organisation: c.id for c in candidates if c.id in members}
    pinned_orgs = {c.organisation for c in candidates if c.id in pinned}
    rank = {c.id: r for r, c in enumerate(sorted(candidates, key=lambda c: (c.submitted_at, c.id)))}

    assert [v.candidate_id for v in suggestion.verdicts] == [c.id for c in candidates]
    contenders = []
    for c, verdict in zip(candidates, suggestion.verdicts, strict=True):
        params = dict(verdict.params)
        assert verdict.score == member_score(c, request["weights"])
        assert verdict.selected == (c.id in members)
        if verdict.selected:
            assert verdict.reason == (Reason.PINNED if c.id in pinned else Reason.SELECTED)
            assert verdict.waitlist_rank is None
            same_theme = [m for m in members if by_id(candidates)[m].main_theme == c.main_theme]
            assert params["adds_theme"] == (same_theme == [c.id])
            continue
        if c.id in request["excluded"]:
            assert verdict.reason == Reason.EXCLUDED
            continue
        with_c = oracle(**{**request, "pinned": pinned | {c.id}})
        if verdict.reason == Reason.NO_SEAT:
            assert with_c is None
            assert len(pinned) == len(members)
        elif verdict.reason == Reason.SAME_ORGANISATION:
            assert panel_orgs[c.organisation] == params["other_id"]
            assert params["other_pinned"] == (c.organisation in pinned_orgs)
        else:
            (imbalance, minus_score, ranks), _ = with_c
            assert c.organisation not in panel_orgs
            contenders.append(((imbalance, minus_score, rank[c.id]), c.id, verdict.waitlist_rank))
            if verdict.reason == Reason.GENDER_BALANCE:
                assert imbalance == params["imbalance_with"] > best_imbalance
                assert params["imbalance_best"] == best_imbalance
            elif verdict.reason == Reason.LOWER_SCORE:
                assert imbalance == best_imbalance
                assert -minus_score == params["score_with"] < -minus_best_score
            else:
                assert verdict.reason == Reason.TIE_LATER_SUBMISSION
                assert (imbalance, minus_score) == (best_imbalance, minus_best_score)
                assert ranks > best_ranks
                first = min(set(ranks) ^ set(best_ranks))
                assert rank[params["preferred_id"]] == first
    contenders.sort()
    assert [row[2] for row in contenders] == list(range(1, len(contenders) + 1))
    assert suggestion.waitlist == tuple(row[1] for row in contenders)


@settings(max_examples=600, deadline=None)
@given(requests(), st.data())
def test_best_replacement_equals_exhaustive_search(request: dict, data: st.DataObject) -> None:
    candidates = request["candidates"]
    keep, organisations = set(), set()
    for c in candidates:
        wanted = len(keep) < 6 and data.draw(st.booleans(), label="keep")
        if wanted and c.organisation not in organisations:
            keep.add(c.id)
            organisations.add(c.organisation)
    excluded = frozenset(c.id for c in candidates if c.id not in keep and data.draw(st.booleans()))
    panel_size = data.draw(st.integers(max(1, len(keep)), 6), label="panel_size")
    weights = request["weights"]

    chosen = best_replacement(
        candidates, panel_size=panel_size, weights=weights, keep=frozenset(keep), excluded=excluded
    )

    available = {c.organisation for c in candidates if c.id not in excluded}
    size = min(panel_size, len(keep) + 1, len(available))
    expected = oracle(
        candidates, panel_size=size, weights=weights, pinned=keep, excluded=excluded, size=size
    )
    added = sorted(expected[1] - keep)
    assert chosen == (added[0] if added else None)


# --- Scores ---------------------------------------------------------------------------------------


def test_member_score_adds_each_weight() -> None:
    weights = Weights(local_scope=4, coalition=3, upr_report=2, theme=2)
    full = make(1, scope="grassroots", coalition=True, report=True, rating=3)

    assert member_score(full, weights) == 4 + 3 + 2 + 3
    assert member_score(make(2, scope="national"), weights) == 4
    assert member_score(make(3, scope="international", rating=None), weights) == 0


def test_panel_score_counts_each_theme_once() -> None:
    members = [make(1, rating=1, theme=7), make(2, rating=2, theme=7), make(3, theme=8)]

    assert panel_score(members, Weights()) == 1 + 2 + 0 + 2 * 2


# --- Edge cases -----------------------------------------------------------------------------------


def test_best_panel_takes_everyone_when_fewer_applicants_than_seats() -> None:
    candidates = [make(3), make(1, gender="woman"), make(2, gender="man")]

    suggestion = best_panel(candidates)

    assert suggestion.panel == (1, 2, 3)
    assert suggestion.waitlist == ()
    assert [v.reason for v in suggestion.verdicts] == [Reason.SELECTED] * 3


def test_best_panel_fills_with_one_gender_when_only_one_applies() -> None:
    candidates = [make(i, gender="woman", rating=i % 4) for i in range(1, 9)]

    suggestion = best_panel(candidates)

    assert suggestion.panel == (1, 2, 3, 5, 6, 7)
    assert suggestion.gender_imbalance == 6
    assert suggestion.waitlist == (4, 8)
    assert dict(suggestion.verdicts[3].params) == {"score_with": 11 + 2, "score_best": 12 + 2}


@pytest.mark.parametrize(
    ("waitlist_length", "waitlist", "cut"),
    [(None, (4, 8), {}), (2, (4, 8), {}), (1, (4,), {8: 2}), (0, (), {4: 1, 8: 2})],
)
def test_best_panel_keeps_the_waitlist_to_its_length(
    waitlist_length: int | None, waitlist: tuple[int, ...], cut: dict[int, int]
) -> None:
    candidates = [make(i, gender="woman", rating=i % 4) for i in range(1, 9)]

    suggestion = best_panel(candidates, waitlist_length=waitlist_length)

    assert suggestion.panel == (1, 2, 3, 5, 6, 7)
    assert suggestion.waitlist == waitlist
    verdicts = {v.candidate_id: v for v in suggestion.verdicts}
    for candidate_id, rank in cut.items():
        verdict = verdicts[candidate_id]
        assert (verdict.selected, verdict.waitlist_rank, verdict.reason) == (
            False, None, Reason.WAITLIST_FULL
        )  # fmt: skip
        assert dict(verdict.params) == {"rank": rank, "waitlist_length": len(waitlist)}
    assert [verdicts[i].waitlist_rank for i in waitlist] == list(range(1, len(waitlist) + 1))


@settings(max_examples=400, deadline=None)
@given(requests(), st.integers(0, 4))
def test_best_panel_cuts_the_ranked_waitlist_and_changes_nothing_else(
    request: dict, waitlist_length: int
) -> None:
    full = best_panel(**request)

    cut = best_panel(**request, waitlist_length=waitlist_length)

    assert (cut.panel, cut.gender_imbalance, cut.total_score) == (
        full.panel, full.gender_imbalance, full.total_score
    )  # fmt: skip
    assert cut.waitlist == full.waitlist[:waitlist_length]
    beyond = {i: rank for rank, i in enumerate(full.waitlist, start=1) if rank > waitlist_length}
    for before, after in zip(full.verdicts, cut.verdicts, strict=True):
        if after.candidate_id not in beyond:
            assert after == before
            continue
        assert after == Verdict(
            before.candidate_id, False, None, before.score, Reason.WAITLIST_FULL,
            (("rank", beyond[after.candidate_id]), ("waitlist_length", waitlist_length)),
        )  # fmt: skip


def test_best_panel_balances_the_rest_around_pinned_women() -> None:
    women = [make(i, gender="woman", rating=3, scope="national") for i in range(1, 7)]
    men = [make(i, gender="man") for i in range(7, 10)]

    suggestion = best_panel([*women, *men], pinned={1, 2, 3, 4})

    assert suggestion.panel == (1, 2, 3, 4, 7, 8)
    assert suggestion.gender_imbalance == 2
    verdict = next(v for v in suggestion.verdicts if v.candidate_id == 5)
    assert verdict.reason == Reason.GENDER_BALANCE
    assert dict(verdict.params) == {"imbalance_with": 4, "imbalance_best": 2}


def test_best_panel_balance_beats_score() -> None:
    candidates = [
        make(1, gender="woman", rating=3),
        make(2, gender="woman", rating=3),
        make(3, gender="man", rating=0),
    ]

    suggestion = best_panel(candidates, panel_size=2)

    assert suggestion.panel == (1, 3)
    assert suggestion.gender_imbalance == 0


def test_best_panel_keeps_one_application_per_organisation() -> None:
    candidates = [
        make(1, organisation="shared", rating=1),
        make(2, organisation="shared", rating=3),
        make(3, rating=0),
    ]

    suggestion = best_panel(candidates, panel_size=2)

    assert suggestion.panel == (2, 3)
    assert suggestion.verdicts[0].reason == Reason.SAME_ORGANISATION
    assert dict(suggestion.verdicts[0].params) == {"other_id": 2, "other_pinned": False}
    assert suggestion.waitlist == ()


def test_best_panel_counts_organisations_for_the_panel_size() -> None:
    candidates = [make(i, organisation="only") for i in range(1, 5)]

    suggestion = best_panel(candidates)

    assert suggestion.panel == (1,)


def test_best_panel_breaks_score_ties_by_earlier_submission() -> None:
    candidates = [make(3, day=2), make(2, day=1), make(1, day=3)]

    suggestion = best_panel(candidates, panel_size=1)

    assert suggestion.panel == (2,)
    assert suggestion.waitlist == (3, 1)
    later = suggestion.verdicts[0]
    assert later.reason == Reason.TIE_LATER_SUBMISSION
    assert dict(later.params) == {"score_with": 2, "preferred_id": 2}


def test_best_panel_breaks_equal_submission_times_by_lower_id() -> None:
    candidates = [make(9, day=0), make(4, day=0), make(7, day=0)]

    assert best_panel(candidates, panel_size=2).panel == (4, 7)


def test_best_panel_with_nobody_eligible_is_empty() -> None:
    assert best_panel([]) == Suggestion((), (), (), 0, 0)
    everyone_excluded = best_panel([make(1), make(2)], excluded={1, 2})
    assert everyone_excluded.panel == ()
    assert everyone_excluded.waitlist == ()
    assert [v.reason for v in everyone_excluded.verdicts] == [Reason.EXCLUDED] * 2


def test_best_panel_reports_no_seat_when_pins_fill_the_panel() -> None:
    candidates = [make(1), make(2), make(3)]

    suggestion = best_panel(candidates, panel_size=2, pinned={1, 2})

    assert suggestion.panel == (1, 2)
    assert [v.reason for v in suggestion.verdicts] == [Reason.PINNED, Reason.PINNED, Reason.NO_SEAT]
    assert suggestion.waitlist == ()


def test_best_panel_blocks_the_organisation_of_a_pin() -> None:
    candidates = [make(1, rating=0), make(2, organisation="org-1", rating=3), make(3)]

    suggestion = best_panel(candidates, panel_size=2, pinned={1})

    assert suggestion.panel == (1, 3)
    assert suggestion.verdicts[1].reason == Reason.SAME_ORGANISATION
    assert dict(suggestion.verdicts[1].params) == {"other_id": 1, "other_pinned": True}


def test_best_panel_explains_a_lower_score() -> None:
    candidates = [make(1, rating=3, theme=1), make(2, rating=1, theme=1)]

    suggestion = best_panel(candidates, panel_size=1)

    assert suggestion.panel == (1,)
    assert suggestion.verdicts[1].reason == Reason.LOWER_SCORE
    assert dict(suggestion.verdicts[1].params) == {"score_with": 3, "score_best": 5}
    assert suggestion.verdicts[1].waitlist_rank == 1


def test_best_panel_follows_a_higher_theme_weight() -> None:
    candidates = [
        make(1, rating=3, scope="national", theme=1),
        make(2, rating=3, scope="national", theme=1),
        make(3, rating=0, scope="national", theme=2),
    ]

    assert best_panel(candidates, panel_size=2).panel == (1, 2)
    assert best_panel(candidates, panel_size=2, weights=Weights(theme=10)).panel == (1, 3)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"panel_size": 1, "pinned": {1, 2}}, "too_many_pins"),
        ({"pinned": {1, 3}}, "pinned_same_organisation"),
        ({"pinned": {1}, "excluded": {1}}, "pinned_and_excluded"),
        ({"pinned": {99}}, "unknown_candidate"),
        ({"excluded": {98}}, "unknown_candidate"),
        ({"panel_size": -1}, "invalid_panel_size"),
        ({"waitlist_length": -1}, "invalid_waitlist_length"),
    ],
)
def test_best_panel_rejects_an_invalid_request(kwargs: dict, code: str) -> None:
    candidates = [make(1, organisation="same"), make(2), make(3, organisation="same")]

    with pytest.raises(SelectionError) as error:
        best_panel(candidates, **kwargs)

    assert error.value.code == code


def test_best_panel_rejects_duplicate_candidates() -> None:
    with pytest.raises(SelectionError) as error:
        best_panel([make(1), make(1)])

    assert (error.value.code, error.value.params) == ("duplicate_candidate", {"ids": [1]})


def test_best_replacement_keeps_the_balance() -> None:
    candidates = [
        make(1, gender="woman"),
        make(2, gender="man"),
        make(3, gender="woman", rating=3),
        make(4, gender="man", rating=1),
    ]

    assert best_replacement(candidates, panel_size=2, keep={1}, excluded={2}) == 4


def test_best_replacement_without_anyone_left_is_none() -> None:
    candidates = [make(1), make(2)]

    assert best_replacement(candidates, panel_size=2, keep={1}, excluded={2}) is None
    assert best_replacement(candidates, panel_size=1, keep={1}) is None
