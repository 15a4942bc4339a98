import io

import pytest
from django.urls import reverse
from django.utils import translation

from panels.enums import RecordResponse
from panels.record import services
from panels.record.importing import Defaults
from presessions.models import Theme
from tests.query_counts import queries_of

from .conftest import csv_bytes

LANGUAGES = ["en", "fr", "es"]


def load(rows):
    services.import_file(
        handle=io.BytesIO(csv_bytes(rows)), name="export.csv", defaults=Defaults(), dry_run=False
    )


def more_rows(count, sur="Kenya", start=0):
    states = ["Chile", "Norway", "Ghana", "Japan", "Peru", "Fiji", "Togo", "Malta"]
    return [
        [f"Adopt measure number {start + n} on the rights of the child.", states[n % len(states)],
         sur, str(40 + n % 10), "", "Supported" if n % 2 else "Noted",
         "Rights of the Child; Right to education", str(1 + n % 5)]
        for n in range(count)
    ]  # fmt: skip


def url(name, language, *args, **query):
    with translation.override(language):
        address = reverse(name, args=args)
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


@pytest.mark.parametrize("language", LANGUAGES)
def test_received_page_lists_recommendations_with_response(client, db, good_rows, language):
    load(good_rows)
    load(more_rows(2, sur="Uganda"))  # to another State: must not show

    response = client.get(url("panels:record-received", language, "KEN"))

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
    texts = [entry.text for entry in response.context["page"].object_list]
    assert "Abolish the death penalty." in texts
    assert "rights of the child" not in response.text
    with translation.override(language):
        noted = str(RecordResponse.NOTED.label)
    assert noted in response.text
    assert response["Content-Language"] == language


def test_received_page_in_french_names_states_in_french(client, db, good_rows):
    load(good_rows)

    response = client.get(url("panels:record-received", "fr", "KEN"))

    assert "Saint-Siège" in response.text  # the Holy See
    assert "Holy See" not in response.text


def test_received_page_counts_by_theme_and_recommending_state(client, db, good_rows):
    load(good_rows)
    load(more_rows(3))

    response = client.get(url("panels:record-received", "en", "KEN"))

    by_theme = {row.theme.name: row.count for row, _query in response.context["by_theme"]}
    assert by_theme["Rights of the Child"] == 3
    assert by_theme["Death penalty"] == 1
    by_state = {row.state.code: row.count for row, _query in response.context["by_state"]}
    assert by_state == {"FR": 1, "UY": 1, "VA": 1, "CL": 1, "NO": 1, "GH": 1}


def test_received_page_filters_by_theme_and_state(client, db, good_rows):
    load(good_rows)
    load(more_rows(8))
    theme = Theme.objects.get(name="Rights of the Child")

    response = client.get(url("panels:record-received", "en", "KEN", theme=theme.pk, state="CHL"))

    entries = response.context["page"].object_list
    assert [e.recommending_state.code for e in entries] == ["CL"]


def test_received_page_ignores_bad_filter_and_says_so(client, db, good_rows):
    load(good_rows)

    response = client.get(url("panels:record-received", "en", "KEN", theme="999999"))

    assert response.context["page"].paginator.count == 3
    assert "Some filters could not be used" in response.text


def test_made_page_lists_what_a_state_recommended_to_whom(client, db, good_rows):
    load(good_rows)
    load(more_rows(8, sur="Uganda"))

    response = client.get(url("panels:record-made", "en", "CHL"))

    assert [e.state_under_review.code for e in response.context["page"].object_list] == ["UG"]
    assert [row.state.code for row, _query in response.context["by_state"]] == ["UG"]


def test_unknown_state_is_not_found(client, db):
    assert client.get(url("panels:record-received", "en", "XYZ")).status_code == 404
    assert client.get(url("panels:record-received", "en", "PSE")).status_code == 200
    assert client.get(url("panels:record-made", "en", "ATL")).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_approach_page_counts_states_on_the_theme(client, db, good_rows, language):
    load(good_rows)
    load(more_rows(9))
    load(more_rows(3, sur="Uganda", start=100))  # on the theme, to another State
    theme = Theme.objects.get(name="Rights of the Child")

    response = client.get(url("panels:record-approach", language, state="KEN", theme=theme.pk))

    rows = [(r.state.code, r.count, r.supported, r.noted) for r in response.context["approach"]]
    assert rows[0] == ("CL", 2, 0, 2)
    assert sum(count for _code, count, _s, _n in rows) == 9
    with translation.override(language):
        link = reverse("panels:record-received", args=["KEN"])
    assert f"{link}?theme={theme.pk}&amp;state=CHL" in response.text


def test_approach_page_without_choice_shows_the_form(client, db):
    response = client.get(url("panels:record-approach", "en"))

    assert response.status_code == 200
    assert 'name="theme"' in response.text


def test_approach_page_with_unknown_theme_is_a_bad_request(client, db):
    response = client.get(url("panels:record-approach", "en", state="KEN", theme="999999"))

    assert response.status_code == 400


def test_index_lists_states_with_counts(client, db, good_rows):
    load(good_rows)

    response = client.get(url("panels:record", "en"))

    assert [(r.state.code, r.count) for r in response.context["received"]] == [("KE", 3)]
    assert reverse("panels:record-made", args=["VAT"]) in response.text


@pytest.mark.parametrize(
    ("name", "args", "query"),
    [
        ("panels:record", (), {}),
        ("panels:record-received", ("KEN",), {}),
        ("panels:record-received", ("KEN",), {"q": "measure"}),
        ("panels:record-made", ("CHL",), {}),
        ("panels:record-approach", (), {"state": "KEN", "theme": "THEME"}),
        ("panels:record-search", (), {"q": "measure"}),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_record_pages_query_count_does_not_grow(client, db, name, args, query, language):
    theme = Theme.objects.get(name="Rights of the Child")
    query = {k: (theme.pk if v == "THEME" else v) for k, v in query.items()}
    address = url(name, language, *args, **query)
    load(more_rows(3))
    few = queries_of(client, address)

    load(more_rows(40, start=10))
    load(more_rows(20, sur="Uganda", start=100))

    assert queries_of(client, address) == few
    assert few <= 8


def test_received_page_is_paginated(client, db):
    load(more_rows(30))

    first = client.get(url("panels:record-received", "en", "KEN"))
    second = client.get(url("panels:record-received", "en", "KEN", page=2))

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_facet_links_keep_the_other_filters(client, db, good_rows):
    load(good_rows)
    load(more_rows(3))
    theme = Theme.objects.get(name="Rights of the Child")

    response = client.get(url("panels:record-received", "en", "KEN", cycle="4", q="measure"))

    links = dict((row.theme.pk, query) for row, query in response.context["by_theme"])
    assert links[theme.pk] == f"theme={theme.pk}&cycle=4&q=measure"
    approach = reverse("panels:record-approach") + f"?state=KEN&amp;theme={theme.pk}"
    assert approach in response.text
