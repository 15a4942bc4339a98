"""Published statements with their recommendations and materials, and the themes to
filter them by: read through panels.statements.published, the door of the statement
pages, and cached under the same versions as those pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries.fields import Country
from ninja import Path, Query, Router

from panels.api import reading, schemas
from panels.statements import page_cache, published

router = Router(tags=["statements"])

ERRORS = {404: schemas.Message, 422: schemas.Message, 429: schemas.Message}


def _file(item: published.PublicItem) -> schemas.FileOut:
    return schemas.FileOut(
        title=item.title, file_name=item.file_name, url=schemas.absolute(item.url)
    )


def _summary(statement: published.PublicStatement) -> dict:
    country = statement.country
    assert statement.published_at is not None  # the public door reads published ones only
    return {
        "series": statement.series_number,
        "country": schemas.CountryOut.of(country),
        "position": statement.position,
        "title": statement.title,
        "organisation": statement.organisation,
        "organisation_named": bool(statement.named_organisation),
        "organisation_country": schemas.CountryOut.of(statement.organisation_country),
        "theme": statement.theme,
        "language": statement.language,
        "text": statement.text,
        "file": _file(statement.file) if statement.file else None,
        "published_at": statement.published_at,
        "recommendation_count": statement.recommendation_count,
        "url": schemas.absolute(statement.get_absolute_url()),
        "detail": schemas.absolute(
            reverse(
                "api:statement",
                args=[statement.series_number, country.alpha3.lower(), statement.position],
            )
        ),
    }


def _filters(
    series: int | None, country: str | None, theme: int | None, organisation: str, q: str
) -> published.Filters:
    return published.Filters(
        series=series,
        country=reading.alpha2(country) if country else None,
        theme=theme,
        organisation=reading.plain(organisation),
        text=published.search.normalise_query(reading.plain(q)),
    )


def _series_filter() -> int | None:
    return Query(None, ge=1, le=32767, description="A series' number")


def _country_filter() -> str | None:
    return Query(None, max_length=3, description="A State under Review, alpha-2 or alpha-3")


def _theme_filter() -> int | None:
    return Query(None, ge=1, le=2_147_483_647, description="A theme's id (see /themes)")


@router.get("/statements", response={200: schemas.StatementPage, **ERRORS}, url_name="statements")
def statement_list(
    request: HttpRequest,
    lang: reading.Language = reading.LANGUAGE,
    series: int | None = _series_filter(),
    country: str | None = _country_filter(),
    theme: int | None = _theme_filter(),
    organisation: str = Query("", max_length=200, description="Named organisations only"),
    q: str = Query("", max_length=200, description="Words searched in the texts"),
    page: int = Query(1, ge=1, le=reading.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=reading.MAX_PAGE_SIZE),
) -> HttpResponse:
    """Published statements, the newest first (the best match first for a search),
    as the statement pages list them."""
    filters = _filters(series, country, theme, organisation, q)

    def build() -> schemas.StatementPage:
        found = published.statement_page(filters, str(page), page_size)
        info = reading.page_info(found, page)
        items = [schemas.StatementSummary(**_summary(s)) for s in found.object_list]
        return schemas.StatementPage(**info, items=items)

    return reading.serve(
        request,
        name="statements",
        params={"filters": repr(filters), "page": page, "page_size": page_size},
        version_key=page_cache.LISTS,
        seconds=page_cache.LIST_SECONDS,
        build=build,
    )


@router.get(
    "/statements/{series}/{country}/{position}",
    response={200: schemas.StatementOut, **ERRORS},
    url_name="statement",
)
def statement_detail(
    request: HttpRequest,
    series: int = Path(..., ge=1, le=32767, description="The series' number"),
    country: str = Path(..., max_length=3, description="The State under Review (alpha-3)"),
    position: int = Path(..., ge=1, le=32767),
    lang: reading.Language = reading.LANGUAGE,
) -> HttpResponse:
    """One published statement with its shared recommendations and materials."""
    alpha2 = reading.alpha2(country)

    def build() -> schemas.StatementOut:
        statement = published.statement_detail(series, alpha2, position)
        if statement is None:
            raise Http404(_("There is no published statement at this address."))
        return schemas.StatementOut(
            **_summary(statement),
            recommendations=[
                schemas.StatementRecommendation(
                    position=r.position,
                    text=r.text,
                    theme=r.theme,
                    raised_at_review_by=[
                        schemas.CountryOut.of(Country(code)) for code in r.uptake.states
                    ]
                    if r.uptake
                    else [],
                    review_response=r.uptake.response if r.uptake else "",
                )
                for r in statement.recommendations
            ],
            materials=[_file(m) for m in statement.materials],
        )

    return reading.serve(
        request,
        name="statement",
        params={"statement": (series, alpha2, position)},
        version_key=page_cache.statement_version_key(series, alpha2, position),
        seconds=page_cache.STATEMENT_SECONDS,
        build=build,
    )


@router.get(
    "/recommendations",
    response={200: schemas.RecommendationPage, **ERRORS},
    url_name="recommendations",
)
def recommendation_list(
    request: HttpRequest,
    lang: reading.Language = reading.LANGUAGE,
    series: int | None = _series_filter(),
    country: str | None = _country_filter(),
    theme: int | None = _theme_filter(),
    page: int = Query(1, ge=1, le=reading.MAX_PAGE),
    page_size: int = Query(50, ge=1, le=reading.MAX_PAGE_SIZE),
) -> HttpResponse:
    """The shared recommendations of published statements, the newest statement first."""
    filters = _filters(series, country, theme, "", "")

    def build() -> schemas.RecommendationPage:
        found = published.recommendation_page(filters, str(page), page_size)
        info = reading.page_info(found, page)
        items = [
            schemas.RecommendationOut(
                position=r.position,
                text=r.text,
                theme=r.theme,
                organisation=r.organisation,
                country=schemas.CountryOut.of(r.country),
                series=r.series_number,
                statement_url=schemas.absolute(r.statement_url),
            )
            for r in found.object_list
        ]
        return schemas.RecommendationPage(**info, items=items)

    return reading.serve(
        request,
        name="recommendations",
        params={"filters": repr(filters), "page": page, "page_size": page_size},
        version_key=page_cache.LISTS,
        seconds=page_cache.LIST_SECONDS,
        build=build,
    )


@router.get(
    "/themes",
    url_name="themes",
    response={200: list[schemas.ThemeOut], 422: schemas.Message, 429: schemas.Message},
)
def theme_list(request: HttpRequest, lang: reading.Language = reading.LANGUAGE) -> HttpResponse:
    """Every theme, by its name in the language of the answer."""

    def build() -> schemas.ThemeList:
        themes = published.theme_choices()
        return schemas.ThemeList([schemas.ThemeOut(id=pk, name=name) for pk, name in themes])

    return reading.serve(
        request,
        name="themes",
        params={},
        version_key=page_cache.LISTS,
        seconds=page_cache.LIST_SECONDS,
        build=build,
    )
