"""The public statement pages: addresses, filters, bad input, pagination, languages."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from panels.enums import Sharing
from panels.statements.filters import RecommendationFilterForm, StatementFilterForm
from tests.factories import PreSessionFactory, RecommendationFactory, StatementFactory


@pytest.fixture
def published(past_series, theme, other_theme):
    kenya = PreSessionFactory(series=past_series, country="KE")
    uganda = PreSessionFactory(series=past_series, country="UG")
    rows = []
    for n, (presession, statement_theme) in enumerate(
        [(kenya, theme), (kenya, other_theme), (uganda, other_theme)], start=1
    ):
        statement = StatementFactory(
            application__presession=presession,
            application__organisation_name=f"Organisation {n}",
            position=n,
            theme=statement_theme,
            text=f"Statement number {n}.",
            sharing=Sharing.NAMED,
            published_at=timezone.now() - timezone.timedelta(hours=n),
        )
        RecommendationFactory(
            statement=statement,
            position=1,
            text=f"Recommendation {n} on health.",
            theme=theme if n == 3 else None,
            sharing=Sharing.NAMED,
        )
        rows.append(statement)
    return rows


def texts(response):
    return [s.text for s in response.context["page"].object_list]


def test_statement_list_newest_first(client, published):
    response = client.get(reverse("panels:statements"))

    assert texts(response) == ["Statement number 1.", "Statement number 2.", "Statement number 3."]
    assert "3 statements" in response.content.decode()


def test_statement_addresses_are_stable_and_readable(client, published):
    assert reverse("panels:statement", args=[48, "ken", 2]) == "/en/statements/48/ken/2/"
    response = client.get("/en/statements/48/ken/2/")

    assert response.status_code == 200
    assert response.context["statement"].text == "Statement number 2."
    assert client.get("/en/statements/48/KEN/2/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/en/statements/48/xyz/1/", "/en/statements/48/ken/9/", "/en/statements/47/ken/1/"]
)
def test_statement_page_404_for_an_address_with_nothing_published(client, published, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("code", ["²", "١٢", "k€n", "4O4"])
def test_country_address_with_a_code_that_is_no_country_is_not_found(client, published, code):
    response = client.get(f"/en/statements/48/{code}/")

    assert response.status_code == 404


def test_series_and_country_addresses_filter(client, published):
    assert len(texts(client.get("/en/statements/48/"))) == 3
    assert texts(client.get("/en/statements/48/uga/")) == ["Statement number 3."]
    assert texts(client.get("/en/statements/47/")) == []


def test_filter_by_theme_counts_the_recommendations_themes(client, published, theme):
    response = client.get(reverse("panels:statements"), {"theme": theme.pk})

    assert texts(response) == ["Statement number 1.", "Statement number 3."]


def test_bad_filter_values_are_reported_and_ignored(client, published):
    response = client.get(
        reverse("panels:statements"), {"series": "abc", "theme": "999999", "country": "KE"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Some filters could not be used; they are marked below. The others apply." in page
    assert texts(response) == ["Statement number 1.", "Statement number 2."]


def test_overlong_search_is_cut_not_refused(client, published):
    response = client.get(reverse("panels:statements"), {"q": "statement " * 100})

    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_pagination_keeps_the_filters(client, past_series):
    presession = PreSessionFactory(series=past_series, country="KE")
    for n in range(1, 23):
        StatementFactory(
            application__presession=presession,
            position=n,
            sharing=Sharing.NAMED,
            published_at=timezone.now(),
        )

    first = client.get(reverse("panels:statements"), {"country": "KE"})
    second = client.get(reverse("panels:statements"), {"country": "KE", "page": "2"})
    beyond = client.get(reverse("panels:statements"), {"country": "KE", "page": "99"})

    assert len(first.context["page"].object_list) == 20
    assert "?country=KE&amp;page=2" in first.content.decode()
    assert len(second.context["page"].object_list) == 2
    assert beyond.context["page"].number == 2


@pytest.mark.parametrize("name", ["panels:statements", "panels:recommendations"])
@pytest.mark.parametrize("words", ["", "journalists"])
def test_a_page_number_past_any_list_shows_the_last_page(client, published, name, words):
    # Its rows' offset would not fit in the database's integers: the last page instead.
    for number in ["9" * 19, "6" * 60]:
        response = client.get(reverse(name), {"page": number, "q": words})

        assert response.status_code == 200
        assert response.context["page"].number == response.context["page"].paginator.num_pages


def test_recommendations_view_filters_by_country_and_theme(client, published, theme):
    everything = client.get(reverse("panels:recommendations"))
    uganda = client.get(reverse("panels:recommendations"), {"country": "UG", "theme": theme.pk})

    assert [r.text for r in everything.context["page"].object_list] == [
        "Recommendation 1 on health.",
        "Recommendation 2 on health.",
        "Recommendation 3 on health.",
    ]
    assert [r.text for r in uganda.context["page"].object_list] == ["Recommendation 3 on health."]
    assert 'href="/en/statements/48/uga/3/"' in uganda.content.decode()


def test_statement_pages_in_french_and_spanish(client, published):
    french = client.get("/fr/statements/48/ken/1/").content.decode()
    spanish = client.get("/es/statements/").content.decode()

    assert "déclaration présentée par Organisation 1</h1>" in french
    assert "Déclarations de la société civile" in client.get("/fr/statements/").content.decode()
    assert 'lang="fr"' in french
    assert 'lang="es"' in spanish


def test_empty_archive_says_so(client, db):
    page = client.get(reverse("panels:statements")).content.decode()

    assert "No statement is published yet." in page


def test_pages_are_served_from_the_cache_until_something_changes(
    client, published, django_assert_max_num_queries
):
    client.get(reverse("panels:statements"))
    client.get("/en/statements/48/ken/1/")

    with django_assert_max_num_queries(0):  # no transaction, no savepoint, no query
        listing = client.get(reverse("panels:statements"))
        detail = client.get("/en/statements/48/ken/1/")

    assert "Statement number 1." in listing.content.decode()
    assert "Statement number 1." in detail.content.decode()


@pytest.mark.parametrize("change", ["withdraw", "anonymous", "unpublish"])
def test_a_withdrawal_is_seen_at_once_by_cached_pages(client, published, change):
    from panels.models import Statement
    from panels.statements import services

    urls = [
        reverse("panels:statements"),
        "/en/statements/48/ken/1/",
        reverse("panels:recommendations"),
        reverse("panels:statement-feed"),
        reverse("panels:statements") + "?q=number",
    ]
    before = "".join(client.get(url).content.decode() for url in urls)
    statement = published[0]

    if change == "unpublish":
        services.unpublish_statements(statements=Statement.objects.filter(pk=statement.pk))
    else:
        services.restrict_publication(statement=statement, withdraw_all=change == "withdraw")
    after = "".join(client.get(url).content.decode() for url in urls)

    assert "Organisation 1" in before
    assert "Organisation 1" not in after
    if change != "anonymous":
        assert "Statement number 1." not in after


def test_publication_renders_the_statement_pages_in_advance_in_every_language(
    client,
    past_series,
    coordinator,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    from panels.models import Statement
    from panels.statements import services

    presession = PreSessionFactory(series=past_series, country="KE")
    StatementFactory(
        application__presession=presession, position=1, text="Ahead.", sharing=Sharing.NAMED
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_statements(statements=Statement.objects.all(), by=coordinator)

    for language in ("en", "fr", "es"):
        with django_assert_max_num_queries(0):  # no transaction, no query
            page = client.get(f"/{language}/statements/48/ken/1/")
        assert "Ahead." in page.content.decode()


def filter_form_of(response):
    return form_in(response.content.decode())


def form_in(page):
    return page[page.index('role="search"') :].split("</form>")[0]


def test_the_filters_show_the_chosen_values_selected_once_for_every_visitor(
    client, published, theme
):
    first = filter_form_of(client.get(f"/en/statements/?country=KE&theme={theme.pk}"))
    again = filter_form_of(client.get("/en/statements/?country=UG"))
    unknown = filter_form_of(client.get("/en/statements/47/"))  # nothing published in 47

    # One option selected in each of the three lists ("All series" when none is chosen).
    assert first.count(" selected>") == 3
    assert '<option value="" selected>All series</option>' in first
    assert '<option value="KE" selected>Kenya</option>' in first
    assert f'<option value="{theme.pk}" selected>' in first
    assert again.count(" selected>") == 3
    assert '<option value="UG" selected>Uganda</option>' in again
    assert '<option value="KE">Kenya</option>' in again
    assert unknown.count(" selected>") == 3
    assert '<option value="47" selected>47</option>' in unknown


def forms_rendered(response):
    return [t.name for t in response.templates].count("panels/_filter_form.html")


def test_the_filter_form_is_rendered_once_for_the_pages_that_show_it_alike(
    client, past_series, theme
):
    kenya = PreSessionFactory(series=past_series, country="KE")
    for position in range(1, 26):  # two pages
        StatementFactory(application__presession=kenya, position=position, sharing=Sharing.NAMED,
                         published_at=timezone.now())  # fmt: skip

    first, second = client.get("/en/statements/"), client.get("/en/statements/?page=2")
    kenya_first = client.get("/en/statements/?country=KE")
    kenya_second = client.get("/en/statements/?country=KE&page=2")
    french = client.get("/fr/statements/?page=2")
    recommendations = client.get(reverse("panels:recommendations") + "?page=2")
    # Searches share a form with stand-ins for their words; an error is its page's own.
    searches = [client.get(f"/en/statements/?q={words}") for words in ("one", "one two")]
    wrong = [client.get("/en/statements/?theme=x&page=2"), client.get("/en/statements/?theme=x")]

    # A choice is selected in the form held for every choice of that list.
    assert [forms_rendered(r) for r in (first, second, kenya_first, kenya_second)] == [1, 0, 0, 0]
    assert (forms_rendered(french), forms_rendered(recommendations)) == (1, 1)
    assert [forms_rendered(r) for r in searches + wrong] == [1, 0, 1, 1]
    assert filter_form_of(second) == filter_form_of(first)
    assert '<option value="KE" selected>Kenya</option>' in filter_form_of(kenya_second)
    assert "Tous les pays" in filter_form_of(french)
    assert 'value="one two"' in filter_form_of(searches[1])
    assert "Some filters could not be used" in filter_form_of(wrong[1])


def test_a_form_held_for_searches_shows_each_search_s_own_words_escaped(client, published):
    pages = [
        client.get("/en/statements/", {"q": "detention", "organisation": "Aid"}),
        client.get("/en/statements/", {"q": '"rule" <b>&', "organisation": "O'Hara & co"}),
        client.get("/en/statements/", {"q": "torture"}),  # no organisation: another form
        client.get("/en/statements/", {"q": "one", "country": "KE\ue005"}),  # held: its own
    ]
    forms = [filter_form_of(page) for page in pages]
    request = pages[1].wsgi_request
    form = StatementFilterForm(request.GET)
    rendered_alone = render_to_string(
        "panels/_filter_form.html", {"filter_form": form, "request": request}
    )

    assert [forms_rendered(page) for page in pages] == [1, 0, 1, 1]
    assert 'value="detention"' in forms[0] and 'value="Aid"' in forms[0]
    assert 'value="&quot;rule&quot; &lt;b&gt;&amp;"' in forms[1]
    assert 'value="O&#x27;Hara &amp; co"' in forms[1]
    assert forms[1] == form_in(rendered_alone)
    assert 'value="torture"' in forms[2]
    assert 'name="organisation" id="id_organisation" value=""' in forms[2]
    assert "\ue005" not in "".join(forms[:3]) and "\ue006" not in "".join(forms)
    assert 'value="one"' in forms[3]


@pytest.mark.parametrize(
    "address",
    [
        "/en/statements/?country=KE&page=2",
        "/fr/statements/?series=48&country=UG&theme={theme}",
        "/en/statements/?theme={theme}&q=one&organisation=Aid",
        "/es/statements/48/?country=KE",
        "/en/statements/47/?theme={theme}",  # nothing published in 47: its list rendered
        "/en/statements/48/ken/?theme={theme}",
        "/en/statements/recommendations/?country=UG&theme={theme}",
        "/fr/statements/recommendations/?series=48&page=3",
    ],
)
def test_a_form_held_for_every_choice_is_the_form_rendered_for_the_page(
    client, published, theme, address
):
    for other in ("/en/statements/?country=UG", "/fr/statements/recommendations/?series=48",
                  "/es/statements/48/?country=UG", "/en/statements/48/ken/"):  # fmt: skip
        client.get(other)  # forms held with other choices
    response = client.get(address.format(theme=theme.pk))
    request = response.wsgi_request
    arguments = request.resolver_match.kwargs
    if "recommendations" in address:
        form = RecommendationFilterForm(request.GET or None)
    else:
        form = StatementFilterForm(request.GET or None, number=arguments.get("number"),
                                   country=arguments.get("code") and "KE")  # fmt: skip
    form.filters()  # validated, as by the view
    with translation.override(request.LANGUAGE_CODE):
        rendered_alone = render_to_string(
            "panels/_filter_form.html", {"filter_form": form, "request": request}
        )

    assert response.status_code == 200
    assert filter_form_of(response) == form_in(rendered_alone)
    assert "\ue007" not in response.content.decode()
    assert filter_form_of(response).count(" selected>") == 3  # one in each list


def test_a_publication_renders_the_filter_form_again_with_its_new_choices(
    client, published, past_series
):
    assert "Fiji" not in filter_form_of(client.get("/en/statements/"))
    from panels.statements import services

    fiji = PreSessionFactory(series=past_series, country="FJ")
    statement = StatementFactory(application__presession=fiji, position=9,
                                 sharing=Sharing.NAMED, published_at=timezone.now())  # fmt: skip
    services.refresh_public_state(statement)  # as a publication does

    assert '<option value="FJ">Fiji</option>' in filter_form_of(
        client.get("/en/statements/?page=1")
    )


@pytest.mark.parametrize(
    "address",
    [
        "/en/statements/?q=detention",
        "/fr/statements/?q=d%C3%A9tention&page=2",
        "/es/statements/48/ken/?q=x&country=KE",
        "/en/statements/",
        "/en/statements/?",
        "/en/nowhere/?q=x",
    ],
)
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_same_search_in_another_language_is_the_address_django_translates(address, language):
    from django.urls import translate_url

    from panels.statements.views import _in_language

    assert _in_language(address, language) == translate_url(address, language)
