"""The site's addresses plus /<language>/bench-trivial/, a view that only answers "ok",
inside the language prefix so that it goes through the same middleware as the pages."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from presessions.site.urls import urlpatterns as site_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [*site_urlpatterns, *i18n_patterns(path("bench-trivial/", trivial))]
