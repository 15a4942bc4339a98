"""Suggest the speakers' panel of one country's Pre-session: the exact optimum of the rule.

The rule, in order of priority, over the panels that contain every pinned candidate, no
excluded one and at most one application per organisation:

1. the panel has ``min(panel_size, distinct organisations among non-excluded candidates)``
   members;
2. the smallest ``|women - men|`` ("other" and "undisclosed" count for neither);
3. the highest total score (``member_score`` of each member, plus ``weights.theme`` for each
   distinct main theme);
4. then the panel that contains the earliest-submitted candidate of the symmetric difference,
   submission order being ``(submitted_at, id)``.

Rules 3 and 4 are folded into one integer, the *value* of a panel: ``score * 2**n + bits``
where ``bits`` has bit ``n - 1 - rank`` set for each member (``rank`` = position in submission
order, ``n`` = number of candidates). The bits of two equal-size panels compare like the rule 4
tie-break, and are below ``2**n`` so they never spill into the score.

Why the search is exact:

*Pool.* Let P be an optimal panel, c a member that is not forced (pinned) and b a candidate of
the same gender class, not excluded, not on P, whose ``(member_score, earlier)`` is better than
c's. If b's organisation is not used by P - {c} and b's main theme is c's or is not a theme of
P - {c}, then P - c + b is a valid panel with the same balance and a higher value (with
``weights.theme >= 0``), a contradiction. So every such b is *covered* by one of the
``r = size - 1`` other members: by its organisation, or by a theme other than c's. Hence
(a) the better candidates of c's own theme come from at most r organisations, and (b) the
better candidates of other themes span at most ``r + X`` themes, X being the largest number of
themes r organisations of that gender class can span. Candidates failing (a) or (b) are left out
of the search (``_pool``); the argument only uses the members of P, so the pool stays valid when
more candidates are forced (the "best panel that includes c" questions). With a negative theme
weight the pool is every candidate.

*Dynamic programme.* The pool is grouped by main theme. For each theme a small table maps
``(count, women - men, mask)`` to the best value of a choice inside that theme, theme bonus
included; tables are combined theme by theme keeping, per state, the best value. ``mask`` has a
bit for each organisation with several applications in the pool, so the one-per-organisation rule
holds across themes. Every panel of the pool is a path through the tables and the combination
keeps the best value per state, so the best final state (``count = size``, smallest imbalance,
highest value) is the optimum. Prefix and suffix tables give "the best panel that includes c"
for every c by combining the tables before c's theme, c's theme with c forced, and after it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

DEFAULT_PANEL_SIZE = 6


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class Scope(StrEnum):
    GRASSROOTS = "grassroots"
    NATIONAL = "national"
    REGIONAL = "regional"
    INTERNATIONAL = "international"


LOCAL_SCOPES = frozenset({Scope.GRASSROOTS, Scope.NATIONAL})


class Reason(StrEnum):
    PINNED = "pinned"
    SELECTED = "selected"
    EXCLUDED = "excluded"
    SAME_ORGANISATION = "same_organisation"
    GENDER_BALANCE = "gender_balance"
    LOWER_SCORE = "lower_score"
    TIE_LATER_SUBMISSION = "tie_later_submission"
    NO_SEAT = "no_seat"
    WAITLIST_FULL = "waitlist_full"


class SelectionError(ValueError):
    """An invalid request; ``code`` and ``params`` let the caller write the sentence."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}" if params else code)


@dataclass(frozen=True)
class Weights:
    local_scope: int = 4
    coalition: int = 3
    upr_report: int = 2
    theme: int = 2


@dataclass(frozen=True)
class Candidate:
    id: int
    organisation: str
    gender: str
    scope: str
    is_national_coalition: bool
    submitted_upr_report: bool
    rating: int | None
    main_theme: int
    submitted_at: datetime


Params = tuple[tuple[str, int | bool], ...]


@dataclass(frozen=True)
class Verdict:
    candidate_id: int
    selected: bool
    waitlist_rank: int | None
    score: int
    reason: Reason
    params: Params = ()  # pairs, so that ``dict(verdict.params)`` is JSON-friendly


@dataclass(frozen=True)
class Suggestion:
    panel: tuple[int, ...]  # member ids in submission order
    waitlist: tuple[int, ...]  # best replacement first
    verdicts: tuple[Verdict, ...]  # one per candidate, in input order
    gender_imbalance: int
    total_score: int


def member_score(candidate: Candidate, weights: Weights) -> int:
    score = candidate.rating or 0
    if candidate.scope in LOCAL_SCOPES:
        score += weights.local_scope
    if candidate.is_national_coalition:
        score += weights.coalition
    if candidate.submitted_upr_report:
        score += weights.upr_report
    return score


def panel_score(members: Iterable[Candidate], weights: Weights) -> int:
    members = list(members)
    themes = {member.main_theme for member in members}
    return sum(member_score(m, weights) for m in members) + weights.theme * len(themes)


def gender_imbalance(members: Iterable[Candidate]) -> int:
    return abs(sum(_gender_delta(member.gender) for member in members))


def best_panel(
    candidates: Sequence[Candidate],
    *,
    panel_size: int = DEFAULT_PANEL_SIZE,
    weights: Weights = Weights(),
    pinned: Collection[int] = frozenset(),
    excluded: Collection[int] = frozenset(),
    waitlist_length: int | None = None,
) -> Suggestion:
    """The optimal panel, with a verdict for every candidate and the waitlist.

    A non-selected candidate's reason compares the best panel that includes it with the
    suggested one; the waitlist ranks those candidates by that panel (balance, then score,
    then the candidate's own submission order). A candidate whose organisation is on the panel
    (pinned or not) gets ``same_organisation`` and no waitlist rank; ``no_seat`` means the pins
    fill every seat. With a ``waitlist_length``, the waitlist keeps its first that many; each
    one ranked after them gets ``waitlist_full`` (with the rank it would have had) and no
    waitlist rank. None keeps them all.
    """
    if waitlist_length is not None and waitlist_length < 0:
        raise SelectionError("invalid_waitlist_length", waitlist_length=waitlist_length)
    instance = _Instance(candidates, panel_size, weights, pinned, excluded)
    solver = instance.solver(instance.pinned_entries)
    best = solver.best()
    members = instance.members(best.value)
    member_ids = {m.candidate.id for m in members}
    by_org = {m.candidate.organisation: m.candidate.id for m in members}
    themes = Counter(m.candidate.main_theme for m in members)
    verdicts: dict[int, Verdict] = {}
    contenders: list[tuple[int, int, int, int]] = []  # imbalance, -score, rank, id
    for entry in instance.entries:
        c = entry.candidate
        if c.id in member_ids:
            reason = Reason.PINNED if c.id in instance.pinned else Reason.SELECTED
            params: Params = (
                ("score", entry.score),
                ("theme", c.main_theme),
                ("adds_theme", themes[c.main_theme] == 1),  # no other member has its theme
            )
            verdicts[c.id] = Verdict(c.id, True, None, entry.score, reason, params)
            continue
        if c.id in instance.excluded:
            reason, params = Reason.EXCLUDED, ()
        elif c.organisation in by_org:
            other_id = by_org[c.organisation]
            reason = Reason.SAME_ORGANISATION
            params = (("other_id", other_id), ("other_pinned", other_id in instance.pinned))
        elif len(instance.pinned) >= instance.size:
            reason, params = Reason.NO_SEAT, ()  # the pins fill every seat
        else:
            with_c = solver.best_with(entry)
            score_with, score_best = instance.score_of(with_c.value), instance.score_of(best.value)
            if with_c.imbalance > best.imbalance:
                reason = Reason.GENDER_BALANCE
                params = (("imbalance_with", with_c.imbalance), ("imbalance_best", best.imbalance))
            elif score_with < score_best:
                reason = Reason.LOWER_SCORE
                params = (("score_with", score_with), ("score_best", score_best))
            else:
                earlier = instance.members((best.value ^ with_c.value) & instance.bit_mask)[0]
                reason = Reason.TIE_LATER_SUBMISSION
                params = (("score_with", score_with), ("preferred_id", earlier.candidate.id))
            contenders.append((with_c.imbalance, -score_with, entry.rank, c.id))
        verdicts[c.id] = Verdict(c.id, False, None, entry.score, reason, params)

    ranked = tuple(row[-1] for row in sorted(contenders))
    waitlist = ranked if waitlist_length is None else ranked[:waitlist_length]
    for position, candidate_id in enumerate(ranked, start=1):
        v = verdicts[candidate_id]
        if position <= len(waitlist):
            verdict = Verdict(v.candidate_id, False, position, v.score, v.reason, v.params)
        else:
            params = (("rank", position), ("waitlist_length", len(waitlist)))
            verdict = Verdict(v.candidate_id, False, None, v.score, Reason.WAITLIST_FULL, params)
        verdicts[candidate_id] = verdict
    return Suggestion(
        panel=tuple(m.candidate.id for m in members),
        waitlist=waitlist,
        verdicts=tuple(verdicts[c.id] for c in candidates),
        gender_imbalance=best.imbalance,
        total_score=instance.score_of(best.value),
    )


def best_replacement(
    candidates: Sequence[Candidate],
    *,
    panel_size: int = DEFAULT_PANEL_SIZE,
    weights: Weights = Weights(),
    keep: Collection[int],
    excluded: Collection[int] = frozenset(),
) -> int | None:
    """The candidate to add to the members who stay (``keep``) when one declines.

    It is the optimum of the rule with ``keep`` pinned and one more seat (never more than
    ``panel_size``); pass the decliner in ``excluded``. None when nobody can take the seat.
    """
    instance = _Instance(candidates, panel_size, weights, keep, excluded)
    instance.size = min(instance.size, len(instance.pinned) + 1)
    members = instance.members(instance.solver(instance.pinned_entries).best().value)
    added = [m.candidate.id for m in members if m.candidate.id not in instance.pinned]
    return added[0] if added else None


# --- The search -------------------------------------------------------------------------------

State = tuple[int, int, int]  # members, women - men, mask of organisations used
Table = dict[State, int]  # state -> best value


@dataclass(frozen=True)
class _Entry:
    candidate: Candidate
    rank: int  # position in submission order
    score: int
    delta: int  # +1 woman, -1 man, 0 neither
    value: int  # score * 2**n + 2**(n - 1 - rank)


@dataclass(frozen=True)
class _Best:
    imbalance: int
    value: int


def _gender_delta(gender: str) -> int:
    if gender == Gender.WOMAN:
        return 1
    if gender == Gender.MAN:
        return -1
    return 0


class _Instance:
    """One instance of the rule, validated: candidates in submission order, the panel size,
    the pool."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        panel_size: int,
        weights: Weights,
        pinned: Collection[int],
        excluded: Collection[int],
    ) -> None:
        self.pinned, self.excluded = frozenset(pinned), frozenset(excluded)
        _validate(candidates, panel_size, self.pinned, self.excluded)
        n = len(candidates)
        self.n, self.bit_mask, self.theme_weight = n, (1 << n) - 1, weights.theme
        ordered = sorted(candidates, key=lambda c: (c.submitted_at, c.id))
        by_id: dict[int, _Entry] = {}
        for rank, c in enumerate(ordered):
            score = member_score(c, weights)
            delta = _gender_delta(c.gender)
            by_id[c.id] = _Entry(c, rank, score, delta, (score << n) + (1 << (n - 1 - rank)))
        self.entries = [by_id[c.id] for c in candidates]
        self.by_rank = [by_id[c.id] for c in ordered]
        self.pinned_entries = [by_id[i] for i in sorted(self.pinned, key=lambda i: by_id[i].rank)]
        self.open = [e for e in self.by_rank if e.candidate.id not in self.excluded]
        self.size = min(panel_size, len({e.candidate.organisation for e in self.open}))

    def score_of(self, value: int) -> int:
        return value >> self.n

    def members(self, value: int) -> list[_Entry]:
        bits = value & self.bit_mask
        return [e for e in self.by_rank if bits >> (self.n - 1 - e.rank) & 1]

    def solver(self, forced: Sequence[_Entry]) -> _Solver:
        forced_ids = {e.candidate.id for e in forced}
        pool = [
            e
            for e in _pool(self.open, self.size, self.theme_weight)
            if e.candidate.id not in forced_ids
        ]
        return _Solver(pool, forced, self.size, self.theme_weight << self.n)


def _validate(
    candidates: Sequence[Candidate],
    panel_size: int,
    pinned: frozenset[int],
    excluded: frozenset[int],
) -> None:
    if panel_size < 0:
        raise SelectionError("invalid_panel_size", panel_size=panel_size)
    ids = Counter(c.id for c in candidates)
    duplicates = sorted(i for i, count in ids.items() if count > 1)
    if duplicates:
        raise SelectionError("duplicate_candidate", ids=duplicates)
    unknown = sorted((pinned | excluded) - ids.keys())
    if unknown:
        raise SelectionError("unknown_candidate", ids=unknown)
    both = sorted(pinned & excluded)
    if both:
        raise SelectionError("pinned_and_excluded", ids=both)
    pinned_orgs: dict[str, list[int]] = defaultdict(list)
    for c in candidates:
        if c.id in pinned:
            pinned_orgs[c.organisation].append(c.id)
    for organisation, same in pinned_orgs.items():
        if len(same) > 1:
            raise SelectionError("pinned_same_organisation", organisation=organisation, ids=same)
    if len(pinned) > panel_size:
        raise SelectionError("too_many_pins", pinned=len(pinned), panel_size=panel_size)


def _pool(entries: Sequence[_Entry], size: int, theme_weight: int) -> list[_Entry]:
    """The candidates that may sit on an optimal panel unless forced (see the module docstring)."""
    if size <= 0:
        return []
    if theme_weight < 0:
        return list(entries)
    r = size - 1
    pool: list[_Entry] = []
    for delta in (1, -1, 0):
        group = sorted((e for e in entries if e.delta == delta), key=lambda e: -e.value)
        org_themes: dict[str, set[int]] = defaultdict(set)
        for e in group:
            org_themes[e.candidate.organisation].add(e.candidate.main_theme)
        limit = r + sum(sorted((len(t) for t in org_themes.values()), reverse=True)[:r])
        better_orgs: dict[int, set[str]] = defaultdict(set)  # theme -> organisations
        for e in group:
            theme = e.candidate.main_theme
            if len(better_orgs) - 1 > limit:
                break  # the better candidates of other themes only grow from here
            own = better_orgs.get(theme, set())
            other_themes = len(better_orgs) - (theme in better_orgs)
            if len(own) <= r and other_themes <= limit:
                pool.append(e)
            better_orgs[theme].add(e.candidate.organisation)
    return pool


class _Solver:
    """The dynamic programme over themes for one set of forced members."""

    def __init__(
        self, pool: Sequence[_Entry], forced: Sequence[_Entry], size: int, theme_value: int
    ) -> None:
        self.size, self.theme_value, self.forced = size, theme_value, list(forced)
        forced_orgs = {e.candidate.organisation for e in forced}
        self.optional = [e for e in pool if e.candidate.organisation not in forced_orgs]
        org_count = Counter(e.candidate.organisation for e in self.optional)
        several = sorted(org for org, count in org_count.items() if count > 1)
        self.bits = {org: 1 << i for i, org in enumerate(several)}
        self.single_org = {org for org, count in org_count.items() if count == 1}
        themes = sorted({e.candidate.main_theme for e in [*self.optional, *self.forced]})
        self.block_of = {theme: j for j, theme in enumerate(themes)}
        self.blocks: list[tuple[list[_Entry], list[_Entry]]] = [([], []) for _ in themes]
        for e in self.optional:
            self.blocks[self.block_of[e.candidate.main_theme]][0].append(e)
        for e in self.forced:
            self.blocks[self.block_of[e.candidate.main_theme]][1].append(e)
        tables = [self._table(optional, forced) for optional, forced in self.blocks]
        self.prefix: list[Table] = [{(0, 0, 0): 0}]
        for table in tables:
            self.prefix.append(self._combine(self.prefix[-1], table))
        self.tables = tables
        self._suffix: list[dict[int, list[tuple[int, int, int]]]] | None = None

    def best(self) -> _Best:
        return self._final(self.prefix[-1], {0: [(0, 0, 0)]})

    def best_with(self, entry: _Entry) -> _Best:
        """The best panel that contains ``entry`` too (not forced, organisation not forced)."""
        org = entry.candidate.organisation
        j = self.block_of.get(entry.candidate.main_theme)
        rival = [e for e in self.optional if e.candidate.organisation == org and e is not entry]
        if (
            org in self.single_org
            and rival
            and rival[0].candidate.main_theme != entry.candidate.main_theme
        ):
            # its one other application in the pool lies in another theme: search again without it
            pool = [e for e in self.optional if e.candidate.organisation != org]
            return _Solver(pool, [*self.forced, entry], self.size, self.theme_value).best()
        if j is None:
            return self._final(self.prefix[-1], self._by_count(self._table([], [entry])))
        optional, forced = self.blocks[j]
        table = self._table(
            [e for e in optional if e.candidate.organisation != org], [*forced, entry]
        )
        return self._final(self._combine(self.prefix[j], table), self.suffix[j + 1])

    @property
    def suffix(self) -> list[dict[int, list[tuple[int, int, int]]]]:
        if self._suffix is None:
            tables: list[Table] = [{(0, 0, 0): 0}]
            for table in reversed(self.tables):
                tables.append(self._combine(table, tables[-1]))
            self._suffix = [self._by_count(t) for t in reversed(tables)]
        return self._suffix

    def _table(self, optional: Sequence[_Entry], forced: Sequence[_Entry]) -> Table:
        """Best value per state of the choices inside one theme, its bonus included."""
        size, bits = self.size, self.bits
        table: Table = {(0, 0, 0): 0}
        for e in forced:
            bit = bits.get(e.candidate.organisation, 0)
            table = {(k + 1, d + e.delta, m | bit): v + e.value for (k, d, m), v in table.items()}
        for e in optional:
            bit, delta, value = bits.get(e.candidate.organisation, 0), e.delta, e.value
            for (k, d, m), v in list(table.items()):
                if k < size and not m & bit:
                    key = (k + 1, d + delta, m | bit)
                    current = table.get(key)
                    if current is None or v + value > current:
                        table[key] = v + value
        return {key: v + self.theme_value if key[0] else v for key, v in table.items()}

    def _combine(self, left: Table, right: Table) -> Table:
        size = self.size
        out: Table = {}
        for (k1, d1, m1), v1 in left.items():
            for (k2, d2, m2), v2 in right.items():
                if k1 + k2 <= size and not m1 & m2:
                    key, value = (k1 + k2, d1 + d2, m1 | m2), v1 + v2
                    current = out.get(key)
                    if current is None or value > current:
                        out[key] = value
        return out

    @staticmethod
    def _by_count(table: Table) -> dict[int, list[tuple[int, int, int]]]:
        grouped: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for (k, d, m), v in table.items():
            grouped[k].append((d, m, v))
        return grouped

    def _final(self, left: Table, right: dict[int, list[tuple[int, int, int]]]) -> _Best:
        best: tuple[int, int] | None = None
        for (k1, d1, m1), v1 in left.items():
            for d2, m2, v2 in right.get(self.size - k1, ()):
                if not m1 & m2:
                    key = (-abs(d1 + d2), v1 + v2)
                    if best is None or key > best:
                        best = key
        if best is None:  # cannot happen: the pool always holds a panel of the right size
            raise RuntimeError("no panel of the required size")
        return _Best(imbalance=-best[0], value=best[1])
