"""Which recommendations made at a review say what a Pre-session recommendation asked for:
a pure text similarity, without the ORM, the same on SQLite and PostgreSQL.

Texts become bags of rough stems (lower case, accents removed, the stop words of English,
French and Spanish and the UPR's boilerplate left out, common endings cut), weighted by how
rare each stem is among the texts compared, and compared by cosine. A paraphrase shares
its rare stems ("torture", "detention") and scores high; two texts that share only words
every recommendation has ("ensure", "rights") score low.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# The score under which a pair is not worth a coordinator's time.
THRESHOLD = 0.2
# How many proposals each Pre-session recommendation gets at most.
BEST = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP_WORDS = _words(
    """
    a about above after again against all also an and any are as at be been being both but by can
    could did do does during each either for from further had has have having he her here
    his how i if in into is it its itself more most no nor not of on once only or other our
    out over own same shall she should so some such than that the their them then there
    these they this those through to under until up upon very was we were what when where
    which while who whom why will with within without would
    au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma
    mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son
    sur ta te tes toi ton tu un une vos votre vous est sont ete etre afin ainsi
    al como con de del el ella ellas ellos en entre era es esta estas este esto estos fue
    ha han la las le les lo los mas mi muy ni no nos o para pero por que se sea sin sobre
    su sus tambien un una uno unos y ya
    """
)
# Words nearly every UPR recommendation has, in the three languages: they say nothing of
# what is recommended.
_BOILERPLATE = _words(
    """
    ensure continue continuer continuar effort efforts esfuerzos take prendre adoptar
    adopt adopter measure measures mesures medidas necessary necessaires necesarias
    including notamment incluido particular particulier all tous toutes todos todas
    further state etat estado government gouvernement gobierno
    garantir garantizar velar veiller
    """
)
# Longest first: the first ending that leaves a stem of at least four letters is cut.
_ENDINGS = sorted(
    _words(
        """
    ational ations ation ations tions tion sions sion ments ment ances ance ences ence
    ities ity ives ive ings ing edly ed ies es s ly al als
    aciones acion ciones cion siones sion mente ados adas ado ada idad idades
    ements ement ees ee er es e x aux
    """
    ),
    key=len,
    reverse=True,
)
_WORD = re.compile(r"[a-z0-9]+")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def stems(text: str) -> list[str]:
    """The rough stems of a text's words that say something, in order."""
    found = []
    for word in _WORD.findall(_plain(text)):
        if len(word) < 3 or word in _STOP_WORDS or word in _BOILERPLATE or word.isdigit():
            continue
        found.append(_stem(word))
    return found


@dataclass(frozen=True)
class Candidate:
    """A recommendation made at the review, by its id."""

    id: int
    text: str


@dataclass(frozen=True)
class Proposal:
    candidate_id: int
    score: float  # from 0 (nothing in common) to 1 (the same stems)


def rarity_of(texts: Sequence[str]) -> dict[str, float]:
    """How rare each stem is among these texts (the inverse document frequency, smoothed
    so that a stem of every text still counts a little)."""
    documents = [set(stems(text)) for text in texts]
    frequency: Counter[str] = Counter(stem for document in documents for stem in document)
    total = len(documents)
    return {stem: math.log((1 + total) / (1 + count)) + 1 for stem, count in frequency.items()}


def _unit(text: str, rarity: dict[str, float], unseen: float) -> dict[str, float]:
    """A text's stems weighed (how often, how rare), scaled to length one."""
    bag = Counter(stems(text))
    weights = {s: (1 + math.log(n)) * rarity.get(s, unseen) for s, n in bag.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {s: w / norm for s, w in weights.items()} if norm else {}


@dataclass(frozen=True)
class Pool:
    """The candidates of one State under Review, read once for all the texts compared
    with them: the rarity of their stems, each one's weights, and which hold each stem."""

    rarity: dict[str, float]
    unseen: float  # the weight of a stem none of them has
    vectors: dict[int, dict[str, float]]
    holders: dict[str, list[int]]


def pool_of(candidates: Sequence[Candidate]) -> Pool:
    rarity = rarity_of([candidate.text for candidate in candidates])
    unseen = math.log(1 + len(candidates)) + 1
    vectors = {c.id: _unit(c.text, rarity, unseen) for c in candidates}
    holders: dict[str, list[int]] = {}
    for pk, vector in vectors.items():
        for stem in vector:
            holders.setdefault(stem, []).append(pk)
    return Pool(rarity, unseen, vectors, holders)


def similarity(a: str, b: str) -> float:
    """How alike two texts are, from 0 to 1, every stem weighing the same."""
    one, other = _unit(a, {}, 1.0), _unit(b, {}, 1.0)
    return sum(weight * other.get(stem, 0.0) for stem, weight in one.items())


def best_matches(
    text: str,
    candidates: Pool | Sequence[Candidate],
    *,
    exclude: frozenset[int] | set[int] = frozenset(),
    threshold: float = THRESHOLD,
    best: int = BEST,
) -> list[Proposal]:
    """The candidates most like this text (cosine of their weighed stems), best first: at
    most `best`, each scoring at least `threshold`, none of `exclude`. Ties go to the
    lower id, so that the result is stable."""
    pool = candidates if isinstance(candidates, Pool) else pool_of(candidates)
    own = _unit(text, pool.rarity, pool.unseen)
    scores: dict[int, float] = {}
    for stem, weight in own.items():
        for pk in pool.holders.get(stem, ()):
            scores[pk] = scores.get(pk, 0.0) + weight * pool.vectors[pk][stem]
    kept = [
        Proposal(pk, round(score, 4))
        for pk, score in scores.items()
        if pk not in exclude and round(score, 4) >= threshold
    ]
    kept.sort(key=lambda proposal: (-proposal.score, proposal.candidate_id))
    return kept[:best]
