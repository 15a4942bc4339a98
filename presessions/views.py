"""Public pages of the series side: the home page and one page per series."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import queries

PAST_SERIES_PER_PAGE = 10


def home(request: HttpRequest) -> HttpResponse:
    past = Paginator(queries.past_series(), PAST_SERIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "presessions/home.html",
        {
            "open_series": queries.open_series(),
            "upcoming_series": queries.upcoming_series(),
            "past_page": past,
        },
    )


def series_detail(request: HttpRequest, number: int) -> HttpResponse:
    series = get_object_or_404(queries.series_with_countries(), session__number=number)
    return render(
        request,
        "presessions/series_detail.html",
        {
            "series": series,
            "call_open": series.call_is_open(),
            "programme_published": queries.programme_is_published(series),
        },
    )
