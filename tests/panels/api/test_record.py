"""The UPR record in the API: its States with their counts, its recommendations with
their filters and pages, who to approach, in each language; what is not found; and its
answers renewed by an import that writes recommendations."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from panels.models import UPRRecommendation
from panels.record import services
from panels.record.importing import Defaults
from presessions.models import Theme
from tests.panels.record.conftest import csv_bytes

from .conftest import get_json

TORTURE = "Ratify the Optional Protocol to the Convention against Torture."
ABOLISH = "Abolish the death penalty."
DEFENDERS = "Protect human rights defenders."
UGANDA = "Abolish the death penalty in law and practice."
MORATORIUM = "Establish a moratorium on executions."

ROWS = [
    [TORTURE, "France", "Kenya", "49", "4", "Supported", "Torture and other CID treatment", "5"],
    [ABOLISH, "Uruguay", "Kenya", "49", "4", "Noted", "Death penalty", "5"],
    [DEFENDERS, "Holy See", "Kenya", "35", "", "Supported",
     "Human rights defenders; Women's rights", ""],
    [UGANDA, "France", "Uganda", "40", "3", "", "Death penalty", "4"],
    [MORATORIUM, "France", "Kenya", "35", "3", "Noted", "Death penalty", "4"],
]  # fmt: skip
# The newest session first, then by State under Review and recommending State.
NEWEST_FIRST = [TORTURE, ABOLISH, UGANDA, MORATORIUM, DEFENDERS]


def load(rows, *, dry_run=False):
    return services.import_file(
        handle=io.BytesIO(csv_bytes(rows)), name="export.csv", defaults=Defaults(), dry_run=dry_run
    )


@pytest.fixture
def record(db):
    load(ROWS)


def theme_id(name: str) -> int:
    return Theme.objects.get(name=name).pk


def death_penalty() -> int:
    return theme_id("Death penalty")


def approach(client, state: str, theme: int):
    return get_json(client, reverse("api:record-approach") + f"?state={state}&theme={theme}")


def recommendations(client, query=""):
    return get_json(client, reverse("api:record-recommendations") + query)


def test_states_are_listed_by_name_with_what_they_received_and_made(client, record):
    status, data, _text = get_json(client, reverse("api:record-states") + "?lang=es")

    assert status == 200
    assert [(s["state"]["name"], s["state"]["alpha3"], s["received"], s["made"]) for s in data] == [
        ("Francia", "FRA", 0, 3),
        ("Kenia", "KEN", 4, 0),
        ("Santa Sede", "VAT", 0, 1),
        ("Uganda", "UGA", 1, 0),
        ("Uruguay", "URY", 0, 1),
    ]
    assert (data[0]["received_url"], data[0]["made_url"]) == (
        None,
        "http://testserver/es/record/made/FRA/",
    )
    assert (data[1]["received_url"], data[1]["made_url"]) == (
        "http://testserver/es/record/received/KEN/",
        None,
    )


def test_an_empty_record_has_no_states_and_one_empty_page(client, db):
    _status, states, _text = get_json(client, reverse("api:record-states"))
    status, page, _text = recommendations(client)

    assert states == []
    assert (status, page["count"], page["pages"], page["items"]) == (200, 0, 1, [])


def test_recommendations_are_listed_newest_session_first(client, record):
    status, data, _text = recommendations(client)

    assert status == 200
    assert [item["text"] for item in data["items"]] == NEWEST_FIRST
    assert (data["count"], data["page_size"]) == (5, 50)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state_under_review=KEN", {TORTURE, ABOLISH, DEFENDERS, MORATORIUM}),
        ("state_under_review=ug", {UGANDA}),
        ("recommending_state=FRA", {TORTURE, UGANDA, MORATORIUM}),
        ("recommending_state=FR&state_under_review=UGA", {UGANDA}),
        ("recommending_state=VA", {DEFENDERS}),
        ("theme={death_penalty}", {ABOLISH, UGANDA, MORATORIUM}),
        ("theme={death_penalty}&state_under_review=KE", {ABOLISH, MORATORIUM}),
        ("cycle=3", {DEFENDERS, UGANDA, MORATORIUM}),
        ("session=49", {TORTURE, ABOLISH}),
        ("response=noted", {ABOLISH, MORATORIUM}),
        ("response=supported&cycle=4", {TORTURE}),
        ("q=death+penalty", {ABOLISH, UGANDA}),
        ("q=executions", {MORATORIUM}),
        ("q=death+penalty&state_under_review=KEN", {ABOLISH}),
        ("q=+++", set(NEWEST_FIRST)),
        ("state_under_review=NOR", set()),
    ],
)
def test_recommendations_are_filtered(client, record, query, expected):
    status, data, _text = recommendations(client, "?" + query.format(death_penalty=death_penalty()))

    assert status == 200
    assert ({item["text"] for item in data["items"]}, data["count"]) == (expected, len(expected))


def test_a_recommendation_says_who_to_whom_when_with_its_response_themes_and_page(client, record):
    _status, data, _text = recommendations(client, "?recommending_state=VAT&lang=fr")

    assert data["items"] == [
        {
            "text": DEFENDERS,
            "state_under_review": {"code": "KE", "alpha3": "KEN", "name": "Kenya"},
            "recommending_state": {"code": "VA", "alpha3": "VAT", "name": "Saint-Siège"},
            "session": 35,
            "cycle": 3,
            "response": "supported",
            "action_category": None,
            "themes": [
                {"id": theme_id("Human rights defenders"), "name": "Défenseurs des droits humains"},
                {"id": theme_id("Women's rights"), "name": "Droits des femmes"},
            ],
            "url": "http://testserver/fr/record/received/KEN/?state=VAT&cycle=3",
        }
    ]


def test_a_recommendation_without_response_says_null(client, record):
    _status, data, _text = recommendations(client, "?state_under_review=UGA")

    assert [(i["response"], i["action_category"], i["cycle"]) for i in data["items"]] == [
        (None, 4, 3)
    ]


def test_recommendations_are_paginated_with_the_next_and_previous_pages(client, record):
    _status, first, _text = recommendations(client, "?page_size=2")
    _status, last, _text = recommendations(client, "?page_size=2&page=3")
    status, past, _text = recommendations(client, "?page_size=2&page=4")

    assert {k: first[k] for k in ("count", "page", "page_size", "pages", "next", "previous")} == {
        "count": 5, "page": 1, "page_size": 2, "pages": 3, "next": 2, "previous": None
    }  # fmt: skip
    assert [item["text"] for item in first["items"]] == NEWEST_FIRST[:2]
    assert (last["page"], last["next"], last["previous"]) == (3, None, 2)
    assert [item["text"] for item in last["items"]] == NEWEST_FIRST[4:]
    assert (status, past) == (404, {"detail": "There is no such page."})


@pytest.mark.parametrize(
    "query",
    [
        "page_size=101",
        "page=0",
        "cycle=10",
        "session=100",
        "response=accepted",
        "theme=0",
        "state_under_review=KENY",
        "recommending_state=K",
    ],
)
def test_recommendations_with_a_parameter_that_does_not_fit_are_refused(client, record, query):
    status, data, _text = recommendations(client, f"?{query}")

    assert (status, data["detail"].startswith("Some parameters are not valid: ")) == (422, True)
    assert query.split("=")[0] in data["detail"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("api:record-recommendations") + "?state_under_review=XYZ",
        # Not a UN Member State nor an observer State.
        reverse("api:record-recommendations") + "?recommending_state=TW",
        reverse("api:record-recommendations") + "?recommending_state=123",
        reverse("api:record-approach") + "?state=XYZ&theme=1",
    ],
)
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_an_unknown_state_is_not_found_in_the_language_asked(client, record, url, language):
    status, data, _text = get_json(client, f"{url}&lang={language}")

    with translation.override(language):
        expected = translation.gettext("There is no such State.")
    assert (status, data) == (404, {"detail": expected})


def test_who_to_approach_lists_the_recommending_states_most_first(client, record):
    load([["End executions now.", "Uruguay", "Kenya", "30", "", "Supported", "Death penalty", ""]])
    theme = death_penalty()

    status, data, _text = approach(client, "KE", theme)

    assert status == 200
    assert (data["state"]["alpha3"], data["theme"], data["count"]) == (
        "KEN",
        {"id": theme, "name": "Death penalty"},
        3,
    )
    # France's recommendation to Uganda is not counted.
    assert data["states"] == [
        {
            "state": {"code": "UY", "alpha3": "URY", "name": "Uruguay"},
            "recommendations": 2,
            "supported": 1,
            "noted": 1,
            "url": f"http://testserver/en/record/received/KEN/?theme={theme}&state=URY",
            "listing": "http://testserver/api/v1/record/recommendations?state_under_review=KEN"
            f"&recommending_state=URY&theme={theme}",
        },
        {
            "state": {"code": "FR", "alpha3": "FRA", "name": "France"},
            "recommendations": 1,
            "supported": 0,
            "noted": 1,
            "url": f"http://testserver/en/record/received/KEN/?theme={theme}&state=FRA",
            "listing": "http://testserver/api/v1/record/recommendations?state_under_review=KEN"
            f"&recommending_state=FRA&theme={theme}",
        },
    ]
    assert data["url"] == f"http://testserver/en/record/approach/?state=KEN&theme={theme}"


def test_who_to_approach_follows_its_listing_link(client, record):
    theme = death_penalty()
    _status, data, _text = approach(client, "KEN", theme)

    listing = data["states"][0]["listing"].removeprefix("http://testserver")
    _status, listed, _text = get_json(client, listing)

    assert [item["text"] for item in listed["items"]] == [MORATORIUM]
    assert data["states"][0]["recommendations"] == listed["count"]


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ("Uganda", "Death penalty", "France")),
        ("fr", ("Ouganda", "Peine de mort", "France")),
        ("es", ("Uganda", "Pena de muerte", "Francia")),
    ],
)
def test_who_to_approach_names_states_and_themes_in_the_language_asked(
    client, record, language, names
):
    url = reverse("api:record-approach") + f"?state=UGA&theme={death_penalty()}&lang={language}"

    response = client.get(url)
    data = response.json()

    assert response["Content-Language"] == language
    assert (data["state"]["name"], data["theme"]["name"], data["states"][0]["state"]["name"]) == (
        names
    )
    assert data["url"].startswith(f"http://testserver/{language}/record/approach/")
    assert data["states"][0]["url"].startswith(f"http://testserver/{language}/record/received/")


def test_who_to_approach_in_the_language_of_accept_language(client, record):
    url = reverse("api:record-approach") + f"?state=UGA&theme={death_penalty()}"

    data = client.get(url, headers={"accept-language": "fr"}).json()

    assert (data["state"]["name"], data["theme"]["name"]) == ("Ouganda", "Peine de mort")


def test_who_to_approach_on_an_unknown_theme_is_not_found(client, record):
    url = reverse("api:record-approach") + "?state=KEN&theme=999999"

    status, data, _text = get_json(client, url)

    assert (status, data) == (404, {"detail": "There is no such theme."})


@pytest.mark.parametrize("query", ["state=KEN", "theme=1", "state=KEN&theme=abc"])
def test_who_to_approach_without_a_state_or_theme_is_refused(client, record, query):
    status, data, _text = get_json(client, reverse("api:record-approach") + f"?{query}")

    assert (status, data["detail"].startswith("Some parameters are not valid: ")) == (422, True)


def test_who_to_approach_with_no_recommendation_is_an_empty_list(client, record):
    _status, data, _text = approach(client, "KEN", theme_id("Rights of the Child"))

    assert (data["count"], data["states"]) == (0, [])


def cached_answers(client, django_assert_num_queries, theme: int) -> list[dict]:
    """The States, the recommendations and who to approach, each asked twice: the second
    time from the cache, without a query."""
    urls = [
        reverse("api:record-states"),
        reverse("api:record-recommendations") + "?state_under_review=KEN",
        reverse("api:record-approach") + f"?state=KEN&theme={theme}",
    ]
    answers = [client.get(url).json() for url in urls]
    with django_assert_num_queries(0):
        again = [client.get(url).json() for url in urls]
    assert again == answers
    return answers


def test_an_import_renews_every_answer(client, record, django_assert_num_queries):
    theme = death_penalty()
    before = cached_answers(client, django_assert_num_queries, theme)

    load([["Commute every death sentence.", "Chile", "Kenya", "49", "4", "Supported",
           "Death penalty", "4"]])  # fmt: skip
    after = cached_answers(client, django_assert_num_queries, theme)

    kenya = [s for s in after[0] if s["state"]["alpha3"] == "KEN"]
    assert ([s["state"]["name"] for s in before[0]].count("Chile"), kenya[0]["received"]) == (0, 5)
    assert "Chile" in [s["state"]["name"] for s in after[0]]
    assert (before[1]["count"], after[1]["count"]) == (4, 5)
    assert after[1]["items"][0]["text"] == "Commute every death sentence."
    assert (before[2]["count"], after[2]["count"]) == (2, 3)


def test_an_import_that_changes_a_response_renews_the_answers(
    client, record, django_assert_num_queries
):
    before = cached_answers(client, django_assert_num_queries, death_penalty())

    changed = [list(row) for row in ROWS]
    changed[1][5] = "Supported"  # Uruguay's recommendation to Kenya on the death penalty
    outcome = load(changed)
    after = cached_answers(client, django_assert_num_queries, death_penalty())

    assert (outcome.created, outcome.updated) == (0, 1)
    was = next(s for s in before[2]["states"] if s["state"]["alpha3"] == "URY")
    now = next(s for s in after[2]["states"] if s["state"]["alpha3"] == "URY")
    assert ((was["supported"], was["noted"]), (now["supported"], now["noted"])) == ((0, 1), (1, 0))


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_dry_run_or_an_import_that_writes_nothing_keeps_the_answers(
    client, record, django_assert_num_queries, dry_run
):
    """A dry run of new rows, or the same file again, writes nothing: the answers stay
    in the cache."""
    theme = death_penalty()
    before = cached_answers(client, django_assert_num_queries, theme)

    new = [["Commute every death sentence.", "Chile", "Kenya", "49", "4", "", "", ""]]
    load(new if dry_run else ROWS, dry_run=dry_run)
    with django_assert_num_queries(0):
        again = [client.get(url).json() for url in (
            reverse("api:record-states"),
            reverse("api:record-recommendations") + "?state_under_review=KEN",
            reverse("api:record-approach") + f"?state=KEN&theme={theme}",
        )]  # fmt: skip

    assert again == before


def test_deleting_recommendations_in_the_admin_renews_every_answer(
    client, admin_client, record, django_assert_num_queries
):
    theme = death_penalty()
    before = cached_answers(client, django_assert_num_queries, theme)
    uruguay = UPRRecommendation.objects.get(recommending_state="UY")
    moratorium = UPRRecommendation.objects.get(text=MORATORIUM)

    admin_client.post(
        reverse("admin:panels_uprrecommendation_delete", args=[uruguay.pk]), {"post": "yes"}
    )
    after_one = cached_answers(client, django_assert_num_queries, theme)
    admin_client.post(
        reverse("admin:panels_uprrecommendation_changelist"),
        {"action": "delete_selected", "_selected_action": [moratorium.pk], "post": "yes"},
    )
    after_both = cached_answers(client, django_assert_num_queries, theme)

    assert [answer[1]["count"] for answer in (before, after_one, after_both)] == [4, 3, 2]
    assert [answer[2]["count"] for answer in (before, after_one, after_both)] == [2, 1, 0]
    assert "URY" not in [s["state"]["alpha3"] for s in after_one[0]]


def test_an_import_by_the_worker_renews_every_answer(
    client, record, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The staff's way: the file uploaded, checked, then imported by the worker."""
    theme = death_penalty()
    before = cached_answers(client, django_assert_num_queries, theme)
    rows = [["Commute every death sentence.", "Chile", "Kenya", "49", "4", "", "Death penalty", ""]]
    upload = SimpleUploadedFile("export.csv", csv_bytes(rows))

    with django_capture_on_commit_callbacks(execute=True):
        row = services.upload_record_file(file=upload, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_record_import(record_import=row)
    after = cached_answers(client, django_assert_num_queries, theme)

    assert [(a[1]["count"], a[2]["count"]) for a in (before, after)] == [(4, 2), (5, 3)]
