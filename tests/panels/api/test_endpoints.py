"""The API's answers: pagination, what is not found, the language, the headers of an
open read-only interface, and its documentation under the site's security policy."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from panels.enums import Sharing
from tests.factories import PreSessionFactory, SeriesFactory, StatementFactory, ThemeFactory

from .conftest import get_json


@pytest.fixture
def five_statements(kenya):
    """Five published statements of series 48, the newest last made."""
    theme = ThemeFactory(name="Freedom of expression", name_fr="Liberté d'expression",
                         name_es="Libertad de expresión")  # fmt: skip
    for position in range(1, 6):
        StatementFactory(
            application__presession=kenya,
            application__organisation_name=f"Voice {position}",
            position=position,
            theme=theme,
            text=f"Statement number {position}.",
            sharing=Sharing.NAMED,
            published_at=timezone.now() + timezone.timedelta(minutes=position),
        )
    return theme


def test_statements_are_paginated_with_the_next_and_previous_pages(client, five_statements):
    url = reverse("api:statements")

    _status, first, _text = get_json(client, f"{url}?page_size=2")
    _status, last, _text = get_json(client, f"{url}?page_size=2&page=3")

    assert {k: first[k] for k in ("count", "page", "page_size", "pages", "next", "previous")} == {
        "count": 5, "page": 1, "page_size": 2, "pages": 3, "next": 2, "previous": None
    }  # fmt: skip
    assert [s["organisation"] for s in first["items"]] == ["Voice 5", "Voice 4"]
    assert (last["page"], last["next"], last["previous"]) == (3, None, 2)
    assert [s["organisation"] for s in last["items"]] == ["Voice 1"]


@pytest.mark.parametrize("query", ["page=4&page_size=2", "page_size=101", "page=0"])
def test_statements_past_the_last_page_or_too_large_are_refused(client, five_statements, query):
    status, data, _text = get_json(client, reverse("api:statements") + f"?{query}")

    expected = (404, "There is no such page.") if query.startswith("page=4") else (422, None)
    assert (status, data["detail"] if expected[1] else None) == expected


def test_an_empty_list_has_one_empty_page(client, db):
    status, data, _text = get_json(client, reverse("api:statements"))

    assert (status, data["count"], data["pages"], data["items"]) == (200, 0, 1, [])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (("api:statement", [48, "ken", 9]), "There is no published statement at this address."),
        (("api:statement", [48, "xyz", 1]), "There is no such country."),
        (("api:series", [77]), "There is no such series."),
        (("api:programme", [77]), "There is no such series."),
    ],
)
def test_what_is_not_published_is_not_found(client, five_statements, url, message):
    status, data, _text = get_json(client, reverse(url[0], args=url[1]))

    assert (status, data) == (404, {"detail": message})


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/statements/", "/api/v1/nothing"])
def test_an_address_of_no_endpoint_is_not_found_in_json(client, db, path):
    response = client.get(path + "?lang=fr")

    assert (response.status_code, response["Access-Control-Allow-Origin"]) == (404, "*")
    with translation.override("fr"):
        assert response.json() == {"detail": translation.gettext("Not found.")}


def test_language_is_chosen_by_lang_then_accept_language(client, five_statements):
    url = reverse("api:statement", args=[48, "ken", 1])

    french = client.get(f"{url}?lang=fr", headers={"accept-language": "es"})
    spanish = client.get(url, headers={"accept-language": "es"})
    english = client.get(url)

    assert (french["Content-Language"], french.json()["country"]["name"]) == ("fr", "Kenya")
    assert french.json()["theme"] == "Liberté d'expression"
    assert french.json()["url"] == "http://testserver/fr/statements/48/ken/1/"
    assert (spanish["Content-Language"], spanish.json()["theme"]) == ("es", "Libertad de expresión")
    assert (english["Content-Language"], english.json()["theme"]) == ("en", "Freedom of expression")
    missing = client.get(reverse("api:statement", args=[48, "ken", 9]) + "?lang=es")
    assert missing.json() == {"detail": "No hay ninguna declaración publicada en esta dirección."}


def test_series_are_listed_newest_first_with_their_countries_in_review_order(client, kenya):
    later = SeriesFactory(session__number=49)
    PreSessionFactory(series=later, country="UG", review_order=2)
    PreSessionFactory(series=later, country="EC", review_order=1)

    _status, data, _text = get_json(client, reverse("api:series-list") + "?lang=es")

    assert [(s["number"], [c["name"] for c in s["countries"]]) for s in data["items"]] == [
        (49, ["Ecuador", "Uganda"]),
        (48, ["Kenia"]),
    ]
    assert data["items"][0]["title"] == "Pre-sesiones 49"


def test_answers_are_open_to_any_origin_and_set_no_cookie(client, five_statements):
    for name, args in [("api:statements", []), ("api:statement", [48, "ken", 1]),
                       ("api:statement", [48, "ken", 9]), ("api:openapi-json", []),
                       ("api:openapi-view", [])]:  # fmt: skip
        response = client.get(reverse(name, args=args), headers={"origin": "https://example.net"})
        assert (response["Access-Control-Allow-Origin"], response.cookies) == ("*", {}), name


def test_only_get_is_allowed(client, five_statements):
    response = client.post(reverse("api:statements"))

    assert response.status_code == 405


def test_the_schema_describes_every_endpoint(client, db):
    response = client.get(reverse("api:openapi-json"))
    schema = response.json()

    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    assert sorted(schema["paths"]) == [
        "/api/v1/recommendations",
        "/api/v1/record/approach",
        "/api/v1/record/recommendations",
        "/api/v1/record/states",
        "/api/v1/series",
        "/api/v1/series/{number}",
        "/api/v1/series/{number}/programme",
        "/api/v1/statements",
        "/api/v1/statements/{series}/{country}/{position}",
        "/api/v1/themes",
    ]
    assert {method for path in schema["paths"].values() for method in path} == {"get"}


def test_docs_page_runs_only_the_sites_own_scripts(client, db):
    response = client.get(reverse("api:openapi-view"))
    page = response.content.decode()

    scripts = re.findall(r"<script([^>]*)>", page)
    # Under the policy, a script runs only from this site's files; the settings are data.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert [s for s in scripts if "src=" not in s and 'type="application/json"' not in s] == []
    assert [re.search(r'src="([^"]+)"', s).group(1) for s in scripts if "src=" in s] == [
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    assert "/api/v1/openapi.json" in page
