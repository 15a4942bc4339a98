import io

import pytest
from django.urls import reverse

from panels import fulltext
from panels.models import UPRRecommendation
from panels.record import queries, services
from panels.record.importing import Defaults

from .conftest import csv_bytes

ROWS = [
    ["Abolish the death penalty and commute every death sentence.", "France", "Kenya", "49",
     "", "Noted", "Death penalty", ""],
    ["Improve the conditions of detention of women.", "Chile", "Kenya", "49", "", "Supported",
     "Detention", ""],
    ["Guarantee free primary education.", "Ghana", "Uganda", "47", "", "Supported",
     "Right to education", ""],
]  # fmt: skip


def load():
    services.import_file(
        handle=io.BytesIO(csv_bytes(ROWS)), name="export.csv", defaults=Defaults(), dry_run=False
    )


def texts(words, **filters):
    page = queries.entry_page(queries.Filters(text=words, **filters), 1, 25)
    return [entry.text for entry in page.object_list]


def test_search_finds_words_in_any_order(db):
    load()

    assert texts("penalty death") == [ROWS[0][0]]


def test_search_last_word_matches_start_of_word(db):
    load()

    assert texts("detent") == [ROWS[1][0]]
    assert texts("tention") == []


def test_search_within_a_state_under_review(db):
    load()

    assert texts("education", state_under_review="UG") == [ROWS[2][0]]
    assert texts("education", state_under_review="KE") == []


def test_search_marks_the_words_found(db):
    load()

    [entry] = queries.entry_page(queries.Filters(text="penalty"), 1, 25).object_list

    assert "<mark>penalty</mark>" in entry.excerpt


def test_search_page_shows_results_escaped(client, db):
    load()
    UPRRecommendation.objects.filter(recommending_state="FR").update(
        text="penalty <script>x</script>", search_document="penalty <script>x</script>"
    )
    fulltext.refresh_vectors(UPRRecommendation.objects.all())

    response = client.get(reverse("panels:record-search") + "?q=penalty")

    # Escaped (SQLite), or without the tags (PostgreSQL's ts_headline drops them).
    assert "<mark>penalty</mark>" in response.text
    assert "<script>x" not in response.text


@pytest.mark.postgres
def test_search_on_postgresql_stems_words(db):
    load()

    assert texts("sentences") == [ROWS[0][0]]  # "sentence" in the text
    assert texts("improving conditions") == [ROWS[1][0]]


@pytest.mark.postgres
def test_search_on_postgresql_ranks_the_best_match_first(db):
    load()

    assert texts("death OR detention")[0] == ROWS[0][0]  # "death" twice
