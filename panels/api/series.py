"""The series and their countries, as the home page and the series' pages show them,
and the published programme of each (panels.programme.public)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from panels.api import reading, schemas
from panels.programme import page_cache as programme_pages
from panels.programme import public as public_programme
from presessions import home_page, queries
from presessions.models import Series

router = Router(tags=["series"])


def _number() -> int:
    return Path(..., ge=1, le=32767, description="The number of the UPR Working Group session")


def _series(series: Series) -> schemas.SeriesOut:
    return schemas.SeriesOut(
        number=series.number,
        title=str(series),
        starts_on=series.starts_on,
        ends_on=series.ends_on,
        venue=series.venue_label,
        call_opens_at=series.call_opens_at,
        call_closes_at=series.call_closes_at,
        countries=[schemas.CountryOut.of(p.country) for p in series.presessions.all()],
        url=schemas.absolute(series.get_absolute_url()),
        programme=schemas.absolute(reverse("api:programme", args=[series.number])),
    )


ERRORS = {404: schemas.Message, 422: schemas.Message, 429: schemas.Message}


@router.get("/series", response={200: schemas.SeriesPage, **ERRORS}, url_name="series-list")
def series_list(
    request: HttpRequest,
    lang: reading.Language = reading.LANGUAGE,
    page: int = Query(1, ge=1, le=reading.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=reading.MAX_PAGE_SIZE),
) -> HttpResponse:
    """Every series, the newest first, with its countries (three queries)."""

    def build() -> schemas.SeriesPage:
        rows = queries.series_with_countries().order_by("-session__number")
        found = Paginator(rows, page_size).get_page(page)
        info = reading.page_info(found, page)
        return schemas.SeriesPage(**info, items=[_series(s) for s in found.object_list])

    return reading.serve(
        request,
        name="series",
        params={"page": page, "page_size": page_size},
        version_key=home_page.SERIES_VERSION,
        seconds=home_page.KEPT_AT_MOST,
        build=build,
    )


@router.get("/series/{number}", response={200: schemas.SeriesOut, **ERRORS}, url_name="series")
def series_detail(
    request: HttpRequest, number: int = _number(), lang: reading.Language = reading.LANGUAGE
) -> HttpResponse:
    """One series with its countries (two queries)."""

    def build() -> schemas.SeriesOut:
        series = queries.series_with_countries().filter(session__number=number).first()
        if series is None:
            raise Http404(_("There is no such series."))
        return _series(series)

    return reading.serve(
        request,
        name="series-detail",
        params={"number": number},
        version_key=home_page.SERIES_VERSION,
        seconds=home_page.KEPT_AT_MOST,
        build=build,
    )


@router.get(
    "/series/{number}/programme",
    response={200: schemas.ProgrammeOut, **ERRORS},
    url_name="programme",
)
def programme(
    request: HttpRequest, number: int = _number(), lang: reading.Language = reading.LANGUAGE
) -> HttpResponse:
    """The published programme of a series: its days and meetings, each speaker named
    only once confirmed and as they consented, and the observers' approved documents.
    Cached under the version of the programme's pages, which every change to what it
    reads renews (panels.programme.page_cache)."""
    return reading.serve(
        request,
        name="programme",
        params={"number": number},
        version_key=programme_pages.VERSION,
        seconds=programme_pages.SECONDS,
        build=lambda: _programme(number),
    )


def _programme(number: int) -> schemas.ProgrammeOut:
    series = public_programme.find_series(number)
    if series is None:
        raise Http404(_("There is no such series."))
    published = public_programme.programme_of(series)
    return schemas.ProgrammeOut(
        series=schemas.ProgrammeSeries(
            number=published.series.number,
            title=published.series.title,
            starts_on=published.series.starts_on,
            ends_on=published.series.ends_on,
            venue=published.series.venue,
        ),
        published=published.is_published,
        days=[
            schemas.DayOut(
                date=day.date,
                meetings=[
                    schemas.MeetingOut(
                        country=schemas.CountryOut.of(meeting.country),
                        start=meeting.start,
                        end=meeting.end,
                        room=meeting.room,
                        organisations=list(meeting.organisations),
                        speakers_to_be_confirmed=meeting.speakers_to_be_confirmed,
                        interpretation_into_english=meeting.interpreted_into_english,
                        observer_documents=[
                            schemas.ObserverDocumentOut(
                                title=document.title,
                                organisation=document.organisation,
                                file_name=document.file_name,
                                url=schemas.absolute(document.url),
                            )
                            for document in meeting.documents
                        ],
                    )
                    for meeting in day.meetings
                ],
            )
            for day in published.days
        ],
        url=schemas.absolute(reverse("panels:programme", args=[number])),
    )
