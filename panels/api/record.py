"""The UPR record: the recommendations States made to each other at earlier reviews,
the States in it, and whom to approach on a theme. Read through panels.record.queries,
the door of the record's pages, and cached under the record's version, which an import
that writes recommendations, or a deletion in the admin, renews (panels.record.page_cache)."""

from __future__ import annotations

from typing import Literal, cast
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from panels import fulltext
from panels.api import reading, schemas
from panels.record import links, page_cache, queries
from panels.record.filters import CYCLES, code_of

router = Router(tags=["UPR record"])

Response = Literal["supported", "noted"]
RESPONSE = Query(None, description="The State under Review's response")
ERRORS = {404: schemas.Message, 422: schemas.Message, 429: schemas.Message}


def _state(code: str) -> queries.State:
    """A UN Member or observer State by its alpha-2 or alpha-3 code, or a 404."""
    found = code_of(code)
    if found is None:
        raise Http404(_("There is no such State."))
    return queries.State(found)


def _country(state: queries.State) -> schemas.CountryOut:
    return schemas.CountryOut(code=state.code, alpha3=state.alpha3, name=state.name)


def _theme(theme: queries.ThemeName) -> schemas.ThemeOut:
    return schemas.ThemeOut(id=theme.pk, name=theme.label)


def _state_filter(description: str) -> str | None:
    return Query(None, min_length=2, max_length=3, description=description)


@router.get(
    "/record/states",
    response={200: list[schemas.RecordStateOut], 422: schemas.Message, 429: schemas.Message},
    url_name="record-states",
)
def record_states(request: HttpRequest, lang: reading.Language = reading.LANGUAGE) -> HttpResponse:
    """Every State in the record, by name in the language of the answer, with how many
    recommendations it received (as State under Review) and made."""

    def build() -> schemas.RecordStateList:
        received, made = queries.states_in_record()
        counts: dict[str, list[int]] = {}
        for index, rows in enumerate((received, made)):
            for row in rows:
                counts.setdefault(row.state.code, [0, 0])[index] = row.count
        states = sorted((queries.State(code) for code in counts), key=lambda s: s.name)
        return schemas.RecordStateList(
            [
                schemas.RecordStateOut(
                    state=_country(state),
                    received=counts[state.code][0],
                    made=counts[state.code][1],
                    received_url=(
                        schemas.absolute(links.received_path(state.code))
                        if counts[state.code][0]
                        else None
                    ),
                    made_url=(
                        schemas.absolute(links.made_path(state.code))
                        if counts[state.code][1]
                        else None
                    ),
                )
                for state in states
            ]
        )

    return reading.serve(
        request,
        name="record-states",
        params={},
        version_key=page_cache.RECORD,
        seconds=page_cache.SECONDS,
        build=build,
    )


def _recommendation(entry: queries.Entry) -> schemas.RecordRecommendationOut:
    sur, by = entry.state_under_review, entry.recommending_state
    # Its State under Review's page, narrowed to the recommending State (and the cycle,
    # where the page's filter offers it).
    cycle = entry.cycle if entry.cycle in CYCLES else None
    return schemas.RecordRecommendationOut(
        text=entry.text,
        state_under_review=_country(sur),
        recommending_state=_country(by),
        session=entry.session,
        cycle=entry.cycle,
        response=cast("Response | None", entry.response or None),
        action_category=entry.action_category,
        themes=[_theme(theme) for theme in entry.themes],
        url=schemas.absolute(links.received_path(sur.code, state=by.alpha3, cycle=cycle)),
    )


@router.get(
    "/record/recommendations",
    response={200: schemas.RecordRecommendationPage, **ERRORS},
    url_name="record-recommendations",
)
def record_recommendations(
    request: HttpRequest,
    lang: reading.Language = reading.LANGUAGE,
    state_under_review: str | None = _state_filter("The State under Review, alpha-2 or alpha-3"),
    recommending_state: str | None = _state_filter("The recommending State, alpha-2 or alpha-3"),
    theme: int | None = Query(
        None, ge=1, le=2_147_483_647, description="A theme's id (see /themes)"
    ),
    cycle: int | None = Query(None, ge=1, le=9, description="A UPR cycle"),
    session: int | None = Query(None, ge=1, le=99, description="A UPR Working Group session"),
    response: Response | None = RESPONSE,
    q: str = Query("", max_length=200, description="Words searched in the recommendations"),
    page: int = Query(1, ge=1, le=reading.MAX_PAGE),
    page_size: int = Query(50, ge=1, le=reading.MAX_PAGE_SIZE),
) -> HttpResponse:
    """The recommendations of the record, the newest session first (the best match first
    for a search), as the record's pages list them."""
    filters = queries.Filters(
        state_under_review=_state(state_under_review).code if state_under_review else "",
        recommending_state=_state(recommending_state).code if recommending_state else "",
        theme=theme,
        cycle=cycle,
        session=session,
        response=response or "",
        text=fulltext.normalise_query(reading.plain(q)),
    )

    def build() -> schemas.RecordRecommendationPage:
        found = queries.entry_page(filters, page, page_size)
        info = reading.page_info(found, page)
        items = [_recommendation(entry) for entry in found.object_list]
        return schemas.RecordRecommendationPage(**info, items=items)

    return reading.serve(
        request,
        name="record-recommendations",
        params={"filters": repr(filters), "page": page, "page_size": page_size},
        version_key=page_cache.RECORD,
        seconds=page_cache.SECONDS,
        build=build,
    )


@router.get(
    "/record/approach",
    response={200: schemas.ApproachOut, **ERRORS},
    url_name="record-approach",
)
def record_approach(
    request: HttpRequest,
    state: str = Query(..., min_length=2, max_length=3, description="The State under Review"),
    theme: int = Query(..., ge=1, le=2_147_483_647, description="A theme's id (see /themes)"),
    lang: reading.Language = reading.LANGUAGE,
) -> HttpResponse:
    """Who to approach: the States that recommended on this theme to this State under
    Review at earlier reviews, most first, with how many of those it supported and noted."""
    found = _state(state)

    def build() -> schemas.ApproachOut:
        named = queries.theme_name(theme)
        if named is None:
            raise Http404(_("There is no such theme."))
        rows = queries.who_to_approach(found.code, named.pk)
        listing = reverse("api:record-recommendations")
        return schemas.ApproachOut(
            state=_country(found),
            theme=_theme(named),
            count=sum(row.count for row in rows),
            states=[
                schemas.ApproachStateOut(
                    state=_country(row.state),
                    recommendations=row.count,
                    supported=row.supported,
                    noted=row.noted,
                    url=schemas.absolute(
                        links.received_path(found.code, theme=named.pk, state=row.state.alpha3)
                    ),
                    listing=schemas.absolute(
                        f"{listing}?"
                        + urlencode(
                            {
                                "state_under_review": found.alpha3,
                                "recommending_state": row.state.alpha3,
                                "theme": named.pk,
                            }
                        )
                    ),
                )
                for row in rows
            ],
            url=schemas.absolute(links.approach_path(found.code, named.pk) or ""),
        )

    return reading.serve(
        request,
        name="record-approach",
        params={"state": found.code, "theme": theme},
        version_key=page_cache.RECORD,
        seconds=page_cache.SECONDS,
        build=build,
    )
