"""A series of session 60 with a Kenyan statement of two recommendations, and the record:
what the review made to Kenya at session 60, and look-alikes that must not be matched."""

from dataclasses import dataclass

from panels.models import Recommendation, Statement, UPRRecommendation
from presessions.models import Series
from tests.factories import (
    PreSessionFactory,
    RecommendationFactory,
    SeriesFactory,
    StatementFactory,
    UPRRecommendationFactory,
)

TORTURE = (
    "Ratify the Optional Protocol to the Convention against Torture and establish an "
    "independent national preventive mechanism by 2027."
)
EDUCATION = "Guarantee free secondary education for refugee girls in the camps by 2026."


@dataclass
class Scene:
    series: Series
    statement: Statement
    torture: Recommendation
    education: Recommendation
    by_germany: UPRRecommendation
    by_chile: UPRRecommendation
    unrelated: UPRRecommendation
    other_session: UPRRecommendation
    other_state: UPRRecommendation


def scene(*, torture_sharing="named", statement_sharing="named", published=True) -> Scene:
    from django.utils import timezone

    series = SeriesFactory(session__number=60)
    kenya = PreSessionFactory(series=series, country="KE")
    PreSessionFactory(series=series, country="UG")
    statement = StatementFactory(
        application__presession=kenya,
        sharing=statement_sharing,
        published_at=timezone.now() if published else None,
    )
    torture = RecommendationFactory(
        statement=statement, position=1, text=TORTURE, sharing=torture_sharing
    )
    education = RecommendationFactory(
        statement=statement, position=2, text=EDUCATION, sharing="named"
    )
    paraphrase = (
        "Ratify the Optional Protocol to the Convention against Torture and set up a "
        "national preventive mechanism."
    )
    return Scene(
        series=series,
        statement=statement,
        torture=torture,
        education=education,
        by_germany=UPRRecommendationFactory(recommending_state="DE", text=paraphrase),
        by_chile=UPRRecommendationFactory(
            recommending_state="CL",
            text="Establish a national preventive mechanism against torture.",
            response="noted",
        ),
        unrelated=UPRRecommendationFactory(
            recommending_state="FR", text="Abolish the death penalty for all crimes."
        ),
        other_session=UPRRecommendationFactory(
            recommending_state="BR", session=59, text=paraphrase
        ),
        other_state=UPRRecommendationFactory(
            recommending_state="BR", state_under_review="UG", text=paraphrase
        ),
    )
