"""The search index held in each process (panels/search_index.py): its reading of
PostgreSQL's queries, and on PostgreSQL the same matches, the same ranks to the bit and
the same order as the database's own ranked search, for the searches' own queries."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panels import fulltext
from panels.enums import Sharing
from panels.search_index import Found, Index, Operand, Operator, UnrankableError, parse
from panels.statements import held_search, published
from tests.factories import PreSessionFactory, RecommendationFactory, StatementFactory

# Reading a query as PostgreSQL writes it -----------------------------------------------


def test_a_query_is_read_with_its_operators_in_their_order():
    query = parse("'a' & 'b':* | 'c' & ( 'd' | 'e' )")

    a, b, c, d, e = (Operand(letter.encode(), letter == "b") for letter in "abcde")
    assert query == Operator("|", Operator("&", a, b), Operator("&", c, Operator("|", d, e)))


def test_a_lexeme_is_read_with_its_quotes_and_backslashes_undoubled():
    assert parse(r"'o''hara' | 'back\\slash' | 'été':*") == Operator(
        "|",
        Operator("|", Operand(b"o'hara", False), Operand(rb"back\slash", False)),
        Operand("été".encode(), True),
    )


def test_the_empty_query_is_nothing():
    assert parse("") is None


@pytest.mark.parametrize(
    "text",
    ["'a' <-> 'b'", "'a' <2> 'b'", "!'a'", "'a' & !'b'", "'a':A", "'a':*B", "'a' &", "( 'a'", "a"],
)
def test_a_phrase_a_negation_a_weight_or_what_is_not_a_query_is_left_to_postgresql(text):
    with pytest.raises(UnrankableError):
        parse(text)


# Finding and ordering, on an index written by hand ---------------------------------------


def small_index() -> Index:
    """Five rows: "right" in 0, 1, 2 (twice in 1), "rights" in 3, "torture" in 1 and 4."""
    return Index(
        5,
        [
            ("right", ["2", "0", "1"], ["D", "D", "DD"]),
            ("rights", ["3"], ["D"]),
            ("torture", ["1", "4"], ["D", "D"]),
        ],
    )


def test_an_operand_finds_its_rows_and_a_prefix_every_lexeme_it_starts():
    index = small_index()

    assert index.find("'right'").rows.tolist() == [0, 1, 2]
    assert index.find("'right':*").rows.tolist() == [0, 1, 2, 3]
    assert index.find("'righ'").rows.tolist() == []
    assert index.find("'right' | 'torture'").rows.tolist() == [0, 1, 2, 4]
    assert index.find("( 'right' | 'torture' ) & ( 'torture' )") is None  # an AND at the top
    assert index.find("").count == 0


def test_rows_are_ordered_by_rank_then_as_listed():
    found = small_index().find("'right':* | 'torture'")

    # Row 1 holds both words, "right" twice; rows 0, 2, 3 and 4 one word once each.
    assert found.best(0, 10) == [1, 0, 2, 3, 4]
    assert found.best(1, 2) == [0, 2]
    assert found.best(4, 10) == [4]
    assert found.best(5, 10) == []


def test_the_rows_wanted_are_the_first_whatever_ties_straddle_the_cut():
    ranks = np.asarray([0.5, 0.2, 0.5, 0.2, 0.2, 0.9], dtype=np.float32)
    found = Found(np.arange(6, dtype=np.int64), ranks)

    everything = found.best(0, 6)
    assert everything == [5, 0, 2, 1, 3, 4]
    for offset in range(6):
        for limit in range(1, 7):
            assert found.best(offset, limit) == everything[offset : offset + limit]


def test_a_lexeme_both_whole_and_as_a_prefix_is_left_to_postgresql():
    assert small_index().find("'right' | 'right':*") is None


def test_a_lexeme_beyond_ascii_is_found_as_postgresql_orders_lexemes():
    index = Index(
        3, [("détention", ["0"], ["D"]), ("detention", ["1"], ["D"]), ("dz", ["2"], ["D"])]
    )

    assert index.lexemes == sorted(index.lexemes) == [b"detention", b"dz", "détention".encode()]
    assert index.find("'dét':*").rows.tolist() == [0]
    assert index.find("'d':*").rows.tolist() == [0, 1, 2]


# The same as PostgreSQL ------------------------------------------------------------------

TEXTS = [
    ("Journalists in detention; detention without trial for journalists.", "en"),
    ("Journalists in detention; detention without trial for journalists.", "en"),  # a tie
    ("The right to water, the rights of the child and the right to housing.", "en"),
    ("Detention of human rights defenders: detained, detaining, detainees.", "en"),
    ("La détention arbitraire des journalistes et des défenseurs des droits.", "fr"),
    ("Les droits de l'enfant, le droit au logement, le droit à l'eau.", "fr"),
    ("La detención de periodistas y defensores de derechos humanos.", "es"),
    ("Derechos de los niños y las niñas; el derecho a la vivienda.", "es"),
    ("Dziennikarze w areszcie; prawa człowieka, prawa dziecka.", "other"),
    ("Housing, water and sanitation; housing rights; forced evictions.", "en"),
    ("State-owned companies and the right to a remedy; remedies.", "en"),
    ("Torture and ill-treatment in places of detention, torture prevention.", "en"),
]
# Single words, pairs, a prefix, stop words, accents, a word twice, the same stem twice.
QUERIES = [
    "detention",
    "detenc",
    "detent",
    "journalists detention",
    "rights",
    "right",
    "droit",
    "droits enfant",
    "derechos",
    "the",
    "the right",
    "of",
    "détention arbitraire",
    "niñas",
    "prawa",
    "water rights",
    "absent",
    "DETENTION Journalists",
    "state-owned",
]
# What the index leaves to PostgreSQL: a phrase, a negation, quotes, a word both whole
# and as a prefix (the same word twice, or its stem).
LEFT_TO_POSTGRESQL = [
    "state-owned companies",
    "detention -torture",
    '"right to water"',
    "housing housing",
    "torture tortured",
]


@pytest.fixture
def archive(past_series):
    presessions = {
        code: PreSessionFactory(series=past_series, country=code) for code in ["KE", "UG"]
    }
    now = timezone.now()
    for position, (text, language) in enumerate(TEXTS, start=1):
        statement = StatementFactory(
            application__presession=presessions["KE" if position % 2 else "UG"],
            position=position,
            text=text,
            language=language,
            sharing=Sharing.NAMED,
            # Two by two published at the same time: ties in rank and in date.
            published_at=now - dt.timedelta(days=position // 2),
        )
        RecommendationFactory(
            statement=statement, position=1, text="Adopt a law by 2028.", sharing=Sharing.NAMED
        )
    return held_search.read(published._listed_statements(published.Filters()))


def ranked_by_postgresql(words: str) -> list[tuple[int, float]]:
    listed = published._listed_statements(published.Filters())
    return list(
        fulltext.search(listed, words, newest_first=("-published_at", "-pk")).values_list(
            "pk", "rank"
        )
    )


def ranked_here(held: held_search.HeldStatements, words: str) -> list[tuple[int, float]] | None:
    found = held.index.find(fulltext.query_text(words))
    if found is None:
        return None
    ranks = dict(zip(found.rows.tolist(), found.ranks.tolist(), strict=True))
    return [(int(held.ids[place]), ranks[place]) for place in found.best(0, found.count)]


def assert_the_same(held, words):
    words = fulltext.normalise_query(words)
    here = ranked_here(held, words)
    expected = ranked_by_postgresql(words)

    assert here is not None, words
    assert [pk for pk, _rank in here] == [pk for pk, _rank in expected], words
    # PostgreSQL's real (a float) to the bit.
    assert [np.float32(rank) for _pk, rank in here] == [np.float32(rank) for _pk, rank in expected]


@pytest.mark.postgres
@pytest.mark.parametrize("words", QUERIES)
def test_the_index_finds_and_ranks_as_postgresql(archive, words):
    assert_the_same(archive, words)


@pytest.mark.postgres
def test_the_index_holds_the_listed_statements_in_the_order_of_the_list(archive):
    listed = published._listed_statements(published.Filters())

    assert archive.ids.tolist() == list(listed.values_list("pk", flat=True))
    assert archive.series.tolist() == list(
        listed.values_list("presession__series__session__number", flat=True)
    )
    assert archive.countries.tolist() == list(listed.values_list("presession__country", flat=True))


@pytest.mark.postgres
@pytest.mark.parametrize("words", LEFT_TO_POSTGRESQL)
def test_what_the_index_cannot_rank_is_left_to_postgresql(archive, words):
    assert archive.index.find(fulltext.query_text(fulltext.normalise_query(words))) is None


@pytest.mark.postgres
@pytest.mark.parametrize(
    "words", [*QUERIES, *LEFT_TO_POSTGRESQL, "or", "rights OR water", "o'hara", "droit l"]
)
def test_a_query_put_together_word_by_word_is_the_one_postgresql_writes(db, words):
    words = fulltext.normalise_query(words)
    try:
        expected = parse(fulltext._read_query_text(words))
    except UnrankableError:
        expected = "unrankable"
    try:
        together = parse(fulltext.query_text(words))
    except UnrankableError:
        together = "unrankable"

    assert together == expected


_WORDS = sorted(
    {word.strip(".,;:").lower() for text, _language in TEXTS for word in text.split()}
    | {"detenc", "droi", "derech", "absent", "the", "and", "of"}
)


@pytest.mark.postgres
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
def test_any_search_of_the_statements_words_is_ranked_as_postgresql_ranks_it(archive, words):
    words = " ".join(words)
    if archive.index.find(fulltext.query_text(fulltext.normalise_query(words))) is None:
        return  # left to PostgreSQL (a word both whole and as a prefix)
    assert_the_same(archive, words)


@pytest.mark.postgres
def test_a_statement_without_a_vector_or_not_listed_is_never_found(archive, past_series):
    unlisted = StatementFactory(
        application__presession=PreSessionFactory(series=past_series, country="GH"),
        text="Detention of journalists.",
        sharing=Sharing.NAMED,
        published_at=None,
    )
    held = held_search.read(published._listed_statements(published.Filters()))

    assert unlisted.pk not in held.ids.tolist()
    assert held.ids.tolist() == archive.ids.tolist()


@pytest.mark.postgres
def test_an_empty_list_holds_an_empty_index(db):
    held = held_search.read(published._listed_statements(published.Filters()))

    assert held.ids.tolist() == [] and held.index.find(fulltext.query_text("detention")).count == 0
