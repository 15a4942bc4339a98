"""The home page: the series open for applications, those to come, and the past ones."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from presessions.home_page import serve_home


# It only reads, most of the time from the page cache: no transaction.
@transaction.non_atomic_requests
def home(request: HttpRequest) -> HttpResponse:
    return serve_home(request)
