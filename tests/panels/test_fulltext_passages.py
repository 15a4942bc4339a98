"""A search result's passage (panels.fulltext.passage): cut from the document where the
words matching the query are, as the stored `search_words` says, and escaped."""

from __future__ import annotations

import html
import json

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panels import fulltext
from panels.enums import StatementLanguage
from panels.models import Statement
from tests.factories import StatementFactory


def passage(document: str, words: dict[str, list[int]], query: str, text: str) -> str:
    """The passage, with the words written out as PostgreSQL writes jsonb."""
    return fulltext.passage(document, json.dumps(words, ensure_ascii=False), query, text)


def words_of(document: str, lexemes: dict[str, list[str]]) -> dict[str, list[int]]:
    """`search_words` for a document, given the lexeme of each word (by its text)."""
    found: dict[str, tuple[list[int], list[int]]] = {}
    at = 0
    for word in document.split():
        start = document.index(word, at)
        at = start + len(word)
        text = word.strip(".,;:!?()\"'")
        start += word.index(text) if text else 0
        for lexeme in lexemes.get(text.lower(), []):
            starts, ends = found.setdefault(lexeme, ([], []))
            starts.append(start)
            ends.append(start + len(text))
    return {lexeme: starts + ends for lexeme, (starts, ends) in found.items()}


def test_the_query_lexemes_are_read_as_postgresql_writes_them():
    query = "'detent' & 'law''s':* | !'polic' | 'a\\\\b' | ( 'rule' <-> 'law' ) | 'x':*AB"

    whole, starts = fulltext._query_lexemes(query)

    assert whole == {"detent", "a\\b", "rule", "law"}
    assert starts == ("law's", "x")


def test_the_passage_marks_the_words_the_query_holds_whole_or_as_a_start():
    document = "Journalists face detention; the detained journalist was released."
    lexemes = {"journalists": ["journalist"], "journalist": ["journalist"],
               "detention": ["detent"], "detained": ["detain"], "face": ["face"]}  # fmt: skip
    words = words_of(document, lexemes)

    marked = passage(document, words, "'journalist' & 'deten':*", "journalist deten")

    # "detained" is another lexeme ("detain"), which "deten" does not start.
    assert str(marked) == (
        "<mark>Journalists</mark> face <mark>detention</mark>; the detained "
        "<mark>journalist</mark> was released."
    )


def test_the_passage_leaves_out_what_the_query_excludes():
    document = "Torture by the police."
    words = words_of(document, {"torture": ["tortur"], "police": ["polic"]})

    marked = passage(document, words, "'tortur' & !'polic'", "torture -police")

    assert str(marked) == "<mark>Torture</mark> by the police."


def test_the_passage_is_escaped_and_only_its_marks_are_markup():
    document = "<b>Bold</b> & <script>alert(1)</script> claims about detention's end."
    at, tag = document.index("detention"), document.index("script")
    words = {"detent": [at, at + 9], "script": [tag, tag + 6]}

    marked = str(passage(document, words, "'detent' | 'script'", "detention"))

    assert marked == (
        "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;<mark>script</mark>&gt;alert(1)&lt;/script&gt; "
        "claims about <mark>detention</mark>&#x27;s end."
    )


def test_a_compound_word_and_its_parts_are_marked_once():
    document = "Non-governmental organisations."
    # A compound word comes whole, then its parts, as PostgreSQL's parser gives them.
    words = {"non-government": [0, 16], "non": [0, 3], "government": [4, 16]}

    marked = passage(document, words, "'non-government' | 'government'", "x")

    assert str(marked) == "<mark>Non-governmental</mark> organisations."


def test_a_long_document_shows_the_words_around_the_first_match_then_a_missing_word():
    filler = " ".join(f"w{index}" for index in range(200))
    document = f"{filler} detention here {filler} torture there {filler}"
    words = {
        "detent": [document.index("detention"), document.index("detention") + 9],
        "tortur": [document.index("torture"), document.index("torture") + 7],
    }

    marked = str(passage(document, words, "'detent' & 'tortur'", "detention torture"))

    assert marked.startswith("… ") and marked.endswith(" …")
    first, second = marked.removeprefix("… ").removesuffix(" …").split(" … ")
    assert first.split() == [*[f"w{n}" for n in range(190, 200)], "<mark>detention</mark>",
                             "here", *[f"w{n}" for n in range(28)]]  # fmt: skip
    assert second.split() == ["w195", "w196", "w197", "w198", "w199", "<mark>torture</mark>",
                              "there", *[f"w{n}" for n in range(13)]]  # fmt: skip


def test_without_a_word_found_the_passage_is_the_start_of_the_document():
    document = " ".join(f"w{index}" for index in range(100))

    marked = str(passage(document, {"other": [0, 2]}, "'detent'", "detention"))

    assert marked == " ".join(f"w{index}" for index in range(40)) + " …"


def test_the_words_are_found_by_their_keys_whole_or_by_their_start():
    words = {"detent": [1, 9], "tent": [20, 24], 'a"b\\c': [30, 35], "detention": [40, 49]}
    written = json.dumps(words, ensure_ascii=False)

    def found(query):
        return [span[:2] for span in fulltext._spans(written, *fulltext._query_keys(query))]

    assert found("'tent'") == [(20, 24)]
    assert found("'detent'") == [(1, 9)]
    assert found("'deten':*") == [(1, 9), (40, 49)]
    assert found("'ent':*") == []  # only where a key starts
    assert found("'a\"b\\\\c'") == [(30, 35)]
    assert found("'b':*") == []
    assert found("'nothing' | 'tent':*") == [(20, 24)]


_TEXT = st.lists(
    st.sampled_from([*"ab éÉ<>&\"'-.,\n;:/@", "detention", "état", "niño", " "]), max_size=80
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.data())
def test_any_passage_is_the_document_escaped_with_marks_around_the_words_found(document, data):
    document = fulltext.clean_text(document)
    starts = data.draw(st.lists(st.integers(0, len(document)), max_size=6))
    spans = sorted((start, data.draw(st.integers(start, len(document)))) for start in starts)
    words = {"lexeme": [start for start, _ in spans] + [end for _, end in spans]}

    marked = str(passage(document, words, "'lexeme'", "x"))

    plain = marked.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in plain and ">" not in plain
    # (Without a word found, the start of the document, its spaces made one.)
    for piece in html.unescape(plain).removeprefix("… ").removesuffix(" …").split(" … "):
        assert " ".join(piece.split()) in " ".join(document.split())


# PostgreSQL: the stored words against the stored vector ------------------------------

TEXTS = [
    ("en", "Non-governmental organisations' e-mail bob@example.org, see www.example.org/a-b."),
    ("en", "Detained journalists: 2,000 in 2024; 3.5% co-op-era <b>tags</b> &amp; x-1 1-x."),
    ("fr", "L'État a arrêté les journalistes ; « détention » arbitraire d'après l'ONU."),
    ("es", "Los periodistas fueron detenidos; la detención de niños y niñas continúa."),
    ("other", "Ақпарат құралдары журналистер — 記者 ジャーナリスト"),
]


def stored(language: str, text: str) -> Statement:
    statement = StatementFactory(text=text, language=language)
    Statement.objects.filter(pk=statement.pk).update(search_document=text)
    fulltext.refresh_vectors(Statement.objects.filter(pk=statement.pk))
    return Statement.objects.get(pk=statement.pk)


def vector_lexemes(statement: Statement) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(search_vector) FROM panels_statement WHERE id = %s",
            [statement.pk],
        )
        return set(cursor.fetchone()[0])


def tokens_of(statement: Statement) -> dict[str, list[str]]:
    """The words PostgreSQL's parser finds in the document, by their lexemes."""
    config = fulltext._CONFIGS[StatementLanguage(statement.language)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT token, lexemes FROM ts_debug(%s::regconfig, %s)",
            [config, statement.search_document],
        )
        found: dict[str, list[str]] = {}
        for token, lexemes in cursor.fetchall():
            for lexeme in lexemes or []:
                found.setdefault(lexeme, []).append(token)
        return found


def written(statement: Statement) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_words FROM panels_statement WHERE id = %s", [statement.pk])
        return cursor.fetchone()[0]


def assert_words_agree(statement: Statement) -> None:
    words = json.loads(statement.search_words or "{}")
    assert set(words) == vector_lexemes(statement)
    # Found in the text PostgreSQL writes as they are in the words read whole.
    text = written(statement) or "{}"
    for lexeme, offsets in words.items():
        half = len(offsets) // 2
        keys = fulltext._query_keys(f"'{lexeme}'") if "'" not in lexeme else ((), ())
        if keys[0]:
            spans = [span[:2] for span in fulltext._spans(text, *keys)]
            assert sorted(set(zip(offsets[:half], offsets[half:], strict=True))) == spans
    tokens = tokens_of(statement)
    for lexeme, offsets in words.items():
        half = len(offsets) // 2
        places = zip(offsets[:half], offsets[half:], strict=True)
        # Each place holds, in order, a word that the parser reads as this lexeme.
        texts = [statement.search_document[start:end] for start, end in places]
        assert texts == tokens[lexeme]


@pytest.mark.postgres
@pytest.mark.parametrize(("language", "text"), TEXTS)
def test_the_stored_words_are_where_the_vector_s_lexemes_are(db, language, text):
    assert_words_agree(stored(language, text))


@pytest.mark.postgres
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_TEXT, st.sampled_from(["en", "fr", "es", "other"]))
def test_any_stored_words_are_where_the_vector_s_lexemes_are(db, text, language):
    assert_words_agree(stored(language, fulltext.clean_text(text)))
