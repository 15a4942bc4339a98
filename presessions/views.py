"""The home page: the series open for applications, those to come, and the past ones."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from presessions import queries

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
