"""Full-text search over published statements: PostgreSQL's ranked search, and the
fallback used on SQLite (tested on both databases)."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from psycopg import sql as psycopg_sql

from panels import fulltext
from panels.enums import Sharing, StatementLanguage
from panels.models import Statement
from panels.statements.services import refresh_public_state
from tests.factories import PreSessionFactory, RecommendationFactory, StatementFactory
from tests.query_counts import queries_of, settled_queries_of


@pytest.fixture
def publish(past_series):
    presessions = {}
    counter = iter(range(1, 1000))

    def make(text, *, recommendation="Adopt a law by 2028.", language="en", days_ago=0, **kw):
        country = kw.pop("country", "KE")
        if country not in presessions:
            presessions[country] = PreSessionFactory(series=past_series, country=country)
        statement = StatementFactory(
            application__presession=presessions[country],
            position=next(counter),
            text=text,
            language=language,
            sharing=kw.pop("sharing", Sharing.NAMED),
            published_at=timezone.now() - dt.timedelta(days=days_ago),
            **kw,
        )
        RecommendationFactory(statement=statement, position=1, text=recommendation,
                              sharing=Sharing.NAMED)  # fmt: skip
        return statement

    return make


def results(client, words, **filters):
    cache.clear()  # the rows, not a page cached by an earlier request
    response = client.get(reverse("panels:statements"), {"q": words, **filters})
    assert response.status_code == 200
    return response.context["page"].object_list


@pytest.fixture
def fallback(monkeypatch):
    # The machinery the statements' search uses, shared with the UPR record's.
    monkeypatch.setattr(fulltext, "uses_full_text", lambda: False)


# The fallback (SQLite, and PostgreSQL with the index switched off) -------------------------


def test_fallback_needs_every_word_whatever_the_case(client, publish, fallback):
    publish("Journalists face detention.", days_ago=2)
    publish("Detention of JOURNALISTS in the north.", days_ago=1)
    publish("Journalists only.")

    found = results(client, "journalists detention")

    assert [s.text for s in found] == [
        "Detention of JOURNALISTS in the north.",
        "Journalists face detention.",
    ]


def test_fallback_finds_words_of_recommendations(client, publish, fallback):
    publish("Our statement.", recommendation="Repeal the sedition law.")

    assert [s.text for s in results(client, "sedition")] == ["Our statement."]


def test_fallback_highlights_the_words_and_escapes_the_text(client, publish, fallback):
    publish("<b>Bold</b> claims about detention.")

    (found,) = results(client, "detention")

    assert str(found.highlight) == (
        "&lt;b&gt;Bold&lt;/b&gt; claims about <mark>detention</mark>. Adopt a law by 2028."
    )


def test_fallback_ignores_search_syntax_characters(client, publish, fallback):
    publish("Detention of journalists.")

    assert len(results(client, '"detention" -journalists OR & | ! : * ( )')) == 0
    assert len(results(client, '"detention"')) == 1


def test_fallback_matches_the_last_word_as_the_start_of_a_word(client, publish, fallback):
    publish("Periodistas en detención.", language=StatementLanguage.ES)
    publish("Journalists in detention.", language=StatementLanguage.EN)

    assert [s.language for s in results(client, "periodistas detenc")] == ["es"]
    assert [s.language for s in results(client, "detention")] == ["en"]
    assert len(results(client, "tención")) == 0
    # The other words may appear anywhere, as before.
    assert len(results(client, "tención periodistas")) == 1


# PostgreSQL -----------------------------------------------------------------------------


@pytest.mark.postgres
def test_search_ranks_the_better_match_first(client, publish):
    publish("Detention is mentioned once here.", days_ago=0)
    publish("Detention, detention and detention: detention kills.", days_ago=5)
    publish("Nothing to do with it.", days_ago=1)

    found = results(client, "detention")

    assert [s.text[:12] for s in found] == ["Detention, d", "Detention is"]


@pytest.mark.postgres
def test_search_understands_word_forms_in_english_french_and_spanish(client, publish):
    publish("Journalists were detained.", language=StatementLanguage.EN)
    publish("Les journalistes sont arrêtés.", language=StatementLanguage.FR)
    publish("Los periodistas fueron detenidos.", language=StatementLanguage.ES)

    assert [s.language for s in results(client, "detain")] == ["en"]
    assert [s.language for s in results(client, "arrêté")] == ["fr"]
    assert [s.language for s in results(client, "detenido")] == ["es"]


@pytest.mark.postgres
def test_search_highlights_the_words_and_escapes_the_text(client, publish):
    publish("Journalists & editors <img src=x onerror=alert(1)> <script>alert(2)</script> jailed.")

    (found,) = results(client, "journalists")
    page = client.get(reverse("panels:statements"), {"q": "journalists"}).content.decode()

    # PostgreSQL's headline drops markup-like text; whatever remains is escaped.
    assert str(found.highlight).startswith("<mark>Journalists</mark> &amp; editors")
    assert "<img" not in page
    assert "<script>alert" not in page


@pytest.mark.postgres
def test_search_accepts_any_input(client, publish):
    publish("Detention of journalists.")

    for words in ['"detention of"', "-journalists", "detention OR nothing", "&|!:*()<>'", "\\"]:
        client.get(reverse("panels:statements"), {"q": words})
    assert len(results(client, '"detention of"')) == 1
    assert len(results(client, "detention -journalists")) == 0


@pytest.mark.postgres
def test_search_matches_the_last_word_as_a_prefix(client, publish):
    publish("Los periodistas sufren detención arbitraria.", language=StatementLanguage.ES)
    publish("Journalists face detention.", language=StatementLanguage.EN, days_ago=1)
    publish("Nothing about it.", language=StatementLanguage.FR)

    assert [s.language for s in results(client, "detenc")] == ["es"]
    assert [s.language for s in results(client, "periodistas detenc")] == ["es"]
    assert [s.language for s in results(client, "detention")] == ["en"]
    assert [s.language for s in results(client, "journalists deten")] == ["en"]
    # Only the last word, and a negated or quoted last word stays as typed.
    assert len(results(client, "detenc periodistas")) == 0
    assert len(results(client, "periodistas -detenc")) == 1
    assert len(results(client, '"sufren detenc"')) == 0


@pytest.mark.postgres
def test_search_with_or_keeps_each_alternative(client, publish):
    publish("Torture in prisons.")
    publish("Detention of journalists.", days_ago=1)
    publish("Nothing about it.", days_ago=2)

    assert [s.text for s in results(client, "torture or detention")] == [
        "Torture in prisons.",
        "Detention of journalists.",
    ]
    assert [s.text for s in results(client, "torture OR detention")] == [
        "Torture in prisons.",
        "Detention of journalists.",
    ]
    assert [s.text for s in results(client, "torture deten")] == []


@pytest.mark.postgres
def test_search_ranks_the_same_for_a_word_and_its_start(client, publish):
    publish("Detention, detention and detention of journalists.", days_ago=1)
    publish("Detention of journalists.")

    by_word = [s.text for s in results(client, "detention")]
    by_start = [s.text for s in results(client, "detenti")]

    assert (
        by_word
        == by_start
        == [
            "Detention, detention and detention of journalists.",
            "Detention of journalists.",
        ]
    )


@pytest.mark.postgres
def test_search_connection_counts_random_reads_as_on_ssds(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        (cost,) = cursor.fetchone()

    assert cost == "1.1"


@pytest.mark.postgres
def test_search_vectors_are_kept_in_their_rows(db):
    # Read for every match of a search: kept in the row, not moved out beside the texts.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute "
            "WHERE attrelid = 'panels_statement'::regclass "
            "AND attname IN ('search_vector', 'search_document', 'text') ORDER BY attname"
        )
        storage = dict(cursor.fetchall())

    assert storage == {"search_document": "x", "search_vector": "m", "text": "x"}


@pytest.mark.postgres
def test_a_statement_row_is_kept_whole_and_uncompressed_up_to_8_kb(publish):
    # A page of results reads each row's document and words: neither decompressed nor
    # read from the TOAST table, for a row of a few kilobytes.
    statement = publish(" ".join(f"word{n} detention" for n in range(50)))
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'panels_statement'")
        (options,) = cursor.fetchone()
        cursor.execute(
            "SELECT octet_length(search_words), pg_column_size(search_words),"
            " pg_column_size(panels_statement.*) FROM panels_statement WHERE id = %s",
            [statement.pk],
        )
        length, stored, row = cursor.fetchone()

    assert options == ["toast_tuple_target=8160"]
    assert 2_000 < row < 8_160
    assert stored >= length > 1_000


def generic_plan(sql, params):
    """The plan PostgreSQL keeps for a query prepared on a connection (psycopg prepares a
    query run five times), whatever its parameters: EXPLAIN of the prepared statement
    with plan_cache_mode forced to the generic plan, as a JSON tree."""
    numbered = sql.replace("%%", "\ue010") % tuple(f"${n}" for n in range(1, len(params) + 1))
    raw = connection.connection
    with connection.cursor() as cursor:
        cursor.execute(f"PREPARE probe AS {numbered.replace(chr(0xE010), '%')}")
        try:
            cursor.execute("SET plan_cache_mode = force_generic_plan")
            values = ", ".join(psycopg_sql.Literal(value).as_string(raw) for value in params)
            cursor.execute(f"EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE probe({values})")
            (plan,) = cursor.fetchone()
        finally:
            cursor.execute("RESET plan_cache_mode")
            cursor.execute("DEALLOCATE probe")
    return plan[0]["Plan"]


def per_row_and_once(plan):
    """The conditions and outputs of the plan's nodes: (of the nodes run for the rows,
    of the InitPlans, run once per execution)."""
    per_row, once = [], []

    def walk(node, in_init_plan):
        in_init_plan = in_init_plan or node.get("Parent Relationship") == "InitPlan"
        texts = [str(node.get(key, "")) for key in ("Output", "Filter", "Recheck Cond",
                                                    "Index Cond", "Sort Key")]  # fmt: skip
        (once if in_init_plan else per_row).append(" ".join(texts))
        for child in node.get("Plans", []):
            walk(child, in_init_plan)

    walk(plan, False)
    return " ".join(per_row), " ".join(once)


@pytest.mark.postgres
@pytest.mark.parametrize("words", ["detention", "detention of journ", "press or radio"])
def test_search_query_is_built_once_per_search_not_for_each_row(db, words):
    # A query run often is prepared with a generic plan, in which the words are parameters:
    # the query of the words in four languages, written inline, would be built again for
    # each statement ranked and each passage highlighted (14 ms instead of 4 on average on
    # 10,000 statements). As a scalar subquery, it is built once per execution.
    from panels.statements import published

    listed = published._listed_as_filtered("statements", published.Filters(text=words))
    page_sql, page_params = published._page_sql(2, True, True)
    queries = [
        (f"{listed.counted[0]} LIMIT %s OFFSET %s", [*listed.counted[1], 20, 0]),
        (f"{listed.ids[0]} LIMIT %s OFFSET %s", [*listed.ids[1], 20, 0]),
        fulltext.with_query(page_sql, (*page_params, 1, 2), words),
    ]
    for sql, params in queries:
        per_row, once = per_row_and_once(generic_plan(sql, params))

        assert "to_tsquery" in once
        assert "to_tsquery" not in per_row


@pytest.mark.postgres
def test_the_search_indexes_take_each_change_at_once(db):
    # A GIN index's pending list is read whole by every search until a vacuum merges it.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s) ORDER BY 1",
            [["panels_statement_search_gin", "panels_uprrecommendation_search_gin"]],
        )
        options = cursor.fetchall()

    assert options == [
        ("panels_statement_search_gin", ["fastupdate=off"]),
        ("panels_uprrecommendation_search_gin", ["fastupdate=off"]),
    ]


@pytest.mark.postgres
def test_record_search_query_is_built_once_per_search_not_for_each_row(db):
    from panels.record import queries as record

    rows = record._filtered(record.Filters(text="detention of journ"))
    for query in [rows.values_list("pk", flat=True), fulltext.with_passages(rows, "journ")]:
        sql, params = query.query.sql_with_params()
        per_row, once = per_row_and_once(generic_plan(sql, params))

        assert "to_tsquery" in once
        assert "to_tsquery" not in per_row


@pytest.mark.postgres
def test_search_highlights_the_prefix_match(client, publish):
    publish("Los periodistas sufren detención.", language=StatementLanguage.ES)

    (found,) = results(client, "detenc")

    assert "<mark>detención</mark>" in str(found.highlight)


@pytest.mark.postgres
def test_search_keeps_tsquery_syntax_out_of_the_prefix(client, publish):
    publish("Detention of journalists.")

    for words in ["a & | ! :* ( )", "deten:*", "deten' | 'x", "journ&", "(journ", "deten\\"]:
        cache.clear()
        assert client.get(reverse("panels:statements"), {"q": words}).status_code == 200
    assert len(results(client, "deten:*")) == 1
    assert len(results(client, "journ&")) == 1
    assert len(results(client, "detention (journ")) == 1
    assert len(results(client, "a & | ! :* ( )")) == 0


# Both --------------------------------------------------------------------------------


def test_search_never_finds_what_was_not_shared(client, publish):
    publish("Public words.", recommendation="Secret sedition plan.")
    statement = publish("Other words.", recommendation="Visible sedition law.")
    statement.recommendations.update(sharing=Sharing.PRIVATE)
    refresh_public_state(statement)

    assert [s.text for s in results(client, "sedition")] == ["Public words."]


def test_search_combines_with_the_filters(client, publish):
    publish("Detention in Kenya.", country="KE")
    publish("Detention in Uganda.", country="UG")

    assert [s.text for s in results(client, "detention", country="UG")] == ["Detention in Uganda."]


def test_search_of_only_spaces_lists_everything(client, publish):
    publish("One.")

    assert len(results(client, "   ")) == 1


def test_search_says_when_results_are_in_another_language(client, publish):
    publish("Periodistas en detención.", language=StatementLanguage.ES)
    publish("Journalists in detention.", language=StatementLanguage.EN)
    cache.clear()

    page = client.get(reverse("panels:statements"), {"q": "detenc"}).content.decode()

    assert "Some of these statements are in Spanish." in page
    assert 'href="/fr/statements/?q=detenc" hreflang="fr">Search in French</a>' in page
    assert 'href="/es/statements/?q=detenc" hreflang="es">Search in Spanish</a>' in page
    assert "Search in English" not in page


def test_search_names_every_other_language(client, publish):
    publish("Journalists in detention.", language=StatementLanguage.EN)
    publish("Journalistes, detention.", language=StatementLanguage.FR)
    publish("Periodistas en detention.", language=StatementLanguage.ES)
    publish("Dziennikarze w detention.", language=StatementLanguage.OTHER)
    cache.clear()

    page = client.get(reverse("panels:statements"), {"q": "detention"}).content.decode()

    assert "Some of these statements are in French, Spanish and other languages." in page


def test_search_offers_the_other_languages_of_the_site(client, publish):
    publish("Journalists in detention.", language=StatementLanguage.EN)
    cache.clear()
    with translation.override("es"):
        url = reverse("panels:statements")

    page = client.get(url, {"q": "detention", "page": "1"}).content.decode()

    notice = page.split('id="language-notice">')[1].split("</p>")[0]
    assert 'href="/en/statements/?q=detention&amp;page=1" hreflang="en"' in notice
    assert 'href="/fr/statements/?q=detention&amp;page=1" hreflang="fr"' in notice
    assert "/es/" not in notice


def test_search_in_the_page_language_says_nothing_about_languages(client, publish):
    publish("Journalists in detention.", language=StatementLanguage.EN)
    cache.clear()

    page = client.get(reverse("panels:statements"), {"q": "detention"}).content.decode()
    listing = client.get(reverse("panels:statements")).content.decode()

    assert "language-notice" not in page
    assert "language-notice" not in listing


def test_search_notice_runs_no_more_queries(client, publish):
    publish("Journalists in detention.", language=StatementLanguage.EN)
    cache.clear()
    url = reverse("panels:statements")
    settled_queries_of(client, url + "?q=detention")
    cache.clear()
    alone = queries_of(client, url + "?q=detention")
    publish("Periodistas en detención.", language=StatementLanguage.ES)
    cache.clear()
    settled_queries_of(client, url + "?q=detention")
    cache.clear()

    assert queries_of(client, url + "?q=detention") == alone
    assert "language-notice" in client.get(url + "?q=detenc").content.decode()


@pytest.mark.postgres
@pytest.mark.parametrize("words", ["detention", "detention law", "deten", "law or torture"])
def test_a_search_page_read_with_its_count_is_the_ranked_page(publish, words):
    """The ids of a search's page come with the count from a query that ranks the rows
    apart (see published._ranked_with_count): the same rows, in the same order, with the
    same count, as the window written plainly, including among equal ranks."""
    from django.db.models import Count, Window

    from panels.statements import published

    texts = ["Detention.", "Detention and detention.", "A law on detention.", "Torture law."]
    for index in range(14):
        publish(texts[index % len(texts)], days_ago=index % 3)  # equal ranks and dates
    rows = published._listed_statements(published.Filters(text=words))
    listed = published._listed(rows)
    assert listed.counted is not None
    plain = rows.annotate(_matches=Window(Count("pk"))).values_list("pk", "_matches")

    for offset in [0, 4, 8, 12, 16]:
        assert published._rows_of_page(listed.counted, 4, offset) == list(
            plain[offset : offset + 4]
        )
    with connection.cursor() as cursor:
        sql, params = listed.counted
        cursor.execute(f"EXPLAIN (VERBOSE) {sql}", params)
        plan = [line for (line,) in cursor.fetchall()]
    window = next(index for index, line in enumerate(plan) if "WindowAgg" in line)
    # What the window holds: the rank, the date and the id, not the vector.
    assert not any("search_vector" in line for line in plan[window : window + 4])


SHAPES = [
    "detention",
    "detention law",
    "deten",
    "law or torture",
    "-law detention",
    '"rule of law" detention',
    "de",
    "law's deten",
    "%s 100% %%s",
]


@pytest.mark.postgres
@pytest.mark.parametrize("words", SHAPES)
@pytest.mark.parametrize("filtering", [(), ("series",), ("country", "theme")])
def test_a_search_compiled_once_is_the_search_compiled_each_time(db, words, filtering):
    """A search's list is compiled once per way of filtering, with a stand-in for the
    words whose own query is then put in its place (fulltext.with_query): the same SQL
    and parameters as compiled with the words."""
    from panels.statements import published

    values = {"series": 101, "country": "KE", "theme": 7}
    filters = published.Filters(
        **{field: values[field] for field in filtering}, text=fulltext.normalise_query(words)
    )
    expected = published._listed(published._LISTS["statements"](filters))

    listed = published._listed_as_filtered("statements", filters)
    assert published._shaped("statements", filtering, True) is not None
    for query, compiled in [(listed.ids, expected.ids), (listed.counted, expected.counted)]:
        assert query is not None and compiled is not None
        assert query[0] == compiled[0]
        assert published._typed(query[1]) == published._typed(compiled[1])


@pytest.mark.postgres
@pytest.mark.parametrize("words", SHAPES)
def test_a_search_page_compiled_once_holds_the_query_of_its_words(publish, words):
    """The page's rows are read by a query compiled once for every search, the words'
    query put in its stand-in's place: each row holds that query as PostgreSQL writes
    it (what the passage marks), the same as the query the ORM writes for the words."""
    from panels.statements import published

    statement = publish("Detention under the rule of law.")
    words = fulltext.normalise_query(words)
    sql, params = published._page_sql(1, True, True)
    sql, params = fulltext.with_query(sql, (*params, statement.pk), words)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (row,) = cursor.fetchall()
    rows = fulltext.with_passages(Statement.objects.filter(pk=statement.pk), words)

    assert row[-1] == rows.values_list("query", flat=True).get()
    assert row[-2] == rows.values_list("words", flat=True).get()
    assert row[-2] == Statement.objects.get(pk=statement.pk).search_words
    assert isinstance(json.loads(row[-2]), dict)  # jsonb as PostgreSQL writes it


@pytest.mark.postgres
def test_a_search_finds_the_same_with_its_query_compiled_once(client, publish):
    publish("Detention without trial.", days_ago=1)
    publish("Detention, detention.", days_ago=2)
    publish("Housing.", days_ago=3)

    found = results(client, "detention")
    assert [s.text for s in found] == ["Detention, detention.", "Detention without trial."]
    assert all("<mark>" in str(s.highlight) for s in found)


def test_the_stand_in_for_the_words_cannot_be_typed(client, publish):
    publish("Detention without trial.")

    assert fulltext.normalise_query(f"{fulltext.STAND_IN}deten{fulltext.STAND_IN}") == "deten"
    assert [s.text for s in results(client, f"detention{fulltext.STAND_IN}")] == [
        "Detention without trial."
    ]
    assert results(client, fulltext.STAND_IN)  # nothing typed: every statement


def test_a_query_put_in_needs_as_many_parameters_as_placeholders():
    with pytest.raises(ValueError, match="placeholders"):
        fulltext.with_query("SELECT %s, ('\ue004')", (1, 2), "detention")
