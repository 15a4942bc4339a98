"""What the page benchmark adds to the site's settings to build every page it asks for
(bench/cold_pages.py): only a request marked so, and only the whole pages, are hidden."""

from django.http import HttpResponse
from django.test import RequestFactory

from bench.cold_pages import BuildEveryPage, RedisCache
from presessions.page_cache import Entry


def test_a_marked_request_finds_no_whole_page_and_everything_else(private_redis):
    cache = RedisCache(private_redis.url, {})
    page = Entry(7, "<p>page</p>", "text/html", "")
    cache.set_many({"page": page, "version": 7, "count": 12})
    found: dict[str, dict] = {}

    def view(request):
        found[request.path] = cache.get_many(["page", "version", "count"])
        return HttpResponse()

    middleware = BuildEveryPage(view)
    middleware(RequestFactory().get("/marked/", headers={"X-Bench-Build": "1"}))
    middleware(RequestFactory().get("/plain/"))

    assert found["/marked/"] == {"version": 7, "count": 12}
    assert found["/plain/"] == {"page": page, "version": 7, "count": 12}
    assert cache.get_many(["page"]) == {"page": page}  # after the request, as the site
