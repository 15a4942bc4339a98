"""What the reviews after the demo's past series made of their recommendations: the
record of each review (SAMPLE DATA, invented: some recommending States take up what a
CSO presented, in their own words, among recommendations of their own), imported as
staff would, then matched by the real matching service, and most proposals decided as
staff would: the right ones confirmed, the wrong ones rejected, a few left to decide.

So the demo's statement pages say "Raised at the review by ...", and its past series
show their public uptake figures."""

from __future__ import annotations

import csv
import io
import random
import re

from django.contrib.auth.models import User
from django.utils import translation

from panels.enums import MatchStatus
from panels.matching import services as matching
from panels.models import Recommendation, RecommendationMatch, UPRRecommendation
from panels.record import services as record
from panels.record.importing import Defaults
from panels.record.sample import make_samples
from presessions.models import Series

# The share of the CSOs' recommendations that a recommending State takes up.
TAKEN_UP = 0.55
# The recommendations of the review's own, per State, unrelated to what CSOs presented.
OWN_PER_STATE = 6
SUPPORTED = 0.7
# The share of the proposals staff have not decided yet.
LEFT_TO_DECIDE = 0.1
OPENERS = ["", "", "Take measures to ", "Redouble its efforts to ", "Consider steps to "]
_CUT = re.compile(r",| within | by 20\d\d| before the next review| following ")


def paraphrase(rng: random.Random, text: str) -> str:
    """What a recommending State makes of a CSO's recommendation: its first clause,
    without the CSO's deadline, in the usual words of a review."""
    first = _CUT.split(text.rstrip("."), maxsplit=1)[0].strip()
    opener = rng.choice(OPENERS)
    if opener:
        first = opener + first[0].lower() + first[1:]
    return f"{first}."


def _record_rows(
    rng: random.Random, series: Series
) -> tuple[list[list[str]], dict[tuple[str, str], str]]:
    """The review's rows, in the UPR Info export's columns, and which CSO text (by State)
    each paraphrase took up."""
    presented: dict[str, list[str]] = {}
    for country, text in (
        Recommendation.objects.filter(statement__presession__series=series)
        .order_by("statement__presession__review_order", "statement__position", "position")
        .values_list("statement__presession__country", "text")
    ):
        texts = presented.setdefault(str(country), [])
        if text not in texts:
            texts.append(text)
    rows: list[list[str]] = []
    source: dict[tuple[str, str], str] = {}
    with translation.override("en"):
        for presession in series.presessions.order_by("review_order"):
            code = presession.country.code
            name = str(presession.country.name)
            recommenders = [state for state in make_samples.RECOMMENDERS if state != name]
            texts = [f"{t[0]}." for t in rng.sample(make_samples.TEMPLATES, OWN_PER_STATE)]
            for original in presented.get(code, []):
                if rng.random() < TAKEN_UP:
                    text = paraphrase(rng, original)
                    source[(code, text)] = original
                    texts.append(text)
            for text in texts:
                response = "Supported" if rng.random() < SUPPORTED else "Noted"
                by = rng.choice(recommenders)
                rows.append([text, by, name, str(series.number), "4", response, "", ""])
    return rows, source


def _import(rows: list[list[str]], number: int) -> int:
    """The rows imported as a UPR Info export, as staff upload one; how many created."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([make_samples.MARK])
    writer.writerow(make_samples.HEADER)
    writer.writerows(rows)
    outcome = record.import_file(
        handle=io.BytesIO(text.getvalue().encode()),
        name=f"sample-upr-info-export-session-{number}.csv",
        defaults=Defaults(),
        dry_run=False,
    )
    return outcome.created


def match_past_review(series: Series, *, by: User) -> int:
    """The record of the review that followed a past series, its matches proposed and
    mostly decided; how many were confirmed (none if the series has matches already)."""
    if RecommendationMatch.objects.filter(
        recommendation__statement__presession__series=series
    ).exists():
        return 0
    rng = random.Random(series.number * 7)
    rows, source = _record_rows(rng, series)
    _import(rows, series.number)
    matching.propose_matches(series=series)
    upr_source = {
        pk: source.get((str(country), text))
        for pk, country, text in UPRRecommendation.objects.filter(
            session=series.number
        ).values_list("pk", "state_under_review", "text")
    }
    confirm: list[int] = []
    reject: list[int] = []
    for pk, upr_id, text in (
        RecommendationMatch.objects.filter(recommendation__statement__presession__series=series)
        .order_by("pk")
        .values_list("pk", "upr_recommendation_id", "recommendation__text")
    ):
        if rng.random() < LEFT_TO_DECIDE:
            continue
        (confirm if upr_source.get(upr_id) == text else reject).append(pk)
    matching.decide_matches(match_ids=reject, status=MatchStatus.REJECTED, by=by)
    return matching.decide_matches(match_ids=confirm, status=MatchStatus.CONFIRMED, by=by)
