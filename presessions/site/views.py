"""The page of one series, which brings together what every floor offers about it: its
countries and call, its programme once published, and what the review made of its
public recommendations once staff have matched them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from panels.programme.public import programme_is_published
from panels.statements import public_uptake
from presessions import queries


def series_detail(request: HttpRequest, number: int) -> HttpResponse:
    series = get_object_or_404(queries.series_with_countries(), session__number=number)
    uptake = public_uptake.series_uptake(number)
    return render(
        request,
        "presessions/series_detail.html",
        {
            "series": series,
            "call_open": series.call_is_open(),
            "programme_published": programme_is_published(series),
            "uptake": uptake if uptake.has_figures else None,
        },
    )
