"""Public pages read with odd addresses and parameters: the statement listing, search and
filters, the stable statement addresses, the recommendations, the feed, the programme and
its calendars, the home page; and published text shown escaped everywhere."""

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from panels.enums import Sharing
from panels.models import Placement, Statement
from panels.programme import scheduling
from panels.selection import services
from presessions.models import PreSession
from tests.factories import (
    ApplicationFactory,
    MaterialFactory,
    PreSessionFactory,
    RecommendationFactory,
    StatementFactory,
)

from .strategies import (
    FUZZ,
    Payload,
    assert_not_server_error,
    assert_nothing_injected,
    marked_payloads,
    page,
    path_part,
    texts,
    wrong_scalars,
)

# What speakers and applicants typed, published: markup that must show as text.
STATEMENT = Payload(
    "<script>fuzz(fzstatementq)</script> Journalists are detained \"for\" their 'work'.",
    ("<script>fuzz(fzstatementq)</script>",),
)
_ORGANISATION_TAG = '"><img src=x onerror=fuzz(fzorgq)>'
ORGANISATION = Payload(_ORGANISATION_TAG, (_ORGANISATION_TAG,))
RECOMMENDATION = Payload(
    "<svg onload=fuzz(fzrecq)> Repeal the law by 2028.", ("<svg onload=fuzz(fzrecq)>",)
)
MATERIAL = Payload("<iframe srcdoc=fzmatq></iframe>", ("<iframe srcdoc=fzmatq></iframe>",))
STORED = [STATEMENT, ORGANISATION, RECOMMENDATION, MATERIAL]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LIST_PARAMETERS = ("q", "series", "country", "theme", "organisation", "page")


@pytest.fixture
def published(past_series, theme):
    kenya = PreSessionFactory(series=past_series, country="KE")
    uganda = PreSessionFactory(series=past_series, country="UG")
    for n, presession in enumerate([kenya, kenya, uganda], start=1):
        statement = StatementFactory(
            application__presession=presession,
            application__organisation_name=ORGANISATION.value + f" {n}",
            position=n,
            theme=theme,
            text=STATEMENT.value,
            sharing=Sharing.NAMED,
            published_at=timezone.now() - timezone.timedelta(hours=n),
        )
        RecommendationFactory(
            statement=statement, position=1, text=RECOMMENDATION.value, sharing=Sharing.NAMED
        )
        MaterialFactory(
            statement=statement, position=1, title=MATERIAL.value, sharing=Sharing.NAMED
        )
    cache.clear()
    return past_series


def _parameter_values():
    words = st.sampled_from(
        ["script", "fuzz", "<script>", "Journalists", "detained", '"for"', "-law", "lt", "amp",
         "mark", "<mark>", "&", "2028", "KE", "KEN", "48", "1", "0", "-1", "9" * 30]
    )  # fmt: skip
    return st.one_of(texts(), wrong_scalars(), words, st.lists(words, max_size=9).map(" ".join))


@st.composite
def query_parameters(draw) -> dict:
    names = st.one_of(st.sampled_from(LIST_PARAMETERS), st.text(min_size=1, max_size=10))
    return draw(st.dictionaries(names, _parameter_values(), max_size=5))


def path_codes(*samples: str) -> st.SearchStrategy[Payload]:
    """Country codes for addresses: real ones in any case, any text, or markup."""
    return st.one_of(
        st.sampled_from(samples).map(Payload),
        st.text(min_size=1).map(Payload),
        marked_payloads().filter(lambda p: p.value != ""),
    )


def _check(response, values=()) -> str:
    assert_not_server_error(response)
    text = page(response)
    assert_nothing_injected(text, [*STORED, *values])
    return text


@pytest.mark.django_db
@FUZZ
@given(
    params=query_parameters(),
    path=st.sampled_from(
        [
            "/en/statements/",
            "/fr/statements/",
            "/en/statements/48/",
            "/en/statements/48/ken/",
            "/en/statements/recommendations/",
            "/es/statements/recommendations/",
        ]
    ),
)
def test_statement_listing_with_fuzzed_parameters_never_fails(client, published, params, path):
    cache.clear()  # the lists are cached by address: build each one
    response = client.get(path, {key: str(value) for key, value in params.items()})

    assert response.status_code == 200
    text = _check(response, params.values())
    if path == "/en/statements/" and str(params.get("series", "")) not in {"", "48"}:
        # A filter that does not fit is said so, and the others apply.
        assert "Some filters could not be used; they are marked below." in text


@pytest.mark.django_db
@FUZZ
@given(query=st.one_of(st.text(), marked_payloads().map(str)).map(lambda q: q.replace("#", "")))
def test_statement_listing_with_a_raw_query_string_never_fails(client, published, query):
    """The address as typed, not encoded: it is written back in the page's language form."""
    cache.clear()
    response = client.get("/en/statements/?" + query)

    assert response.status_code == 200
    _check(response)


@pytest.mark.django_db
@FUZZ
@given(
    number=st.one_of(st.integers(0, 10**30), st.just(48)),
    code=path_codes("ken", "KEN", "ke", "uga", "XKX"),
    position=st.one_of(st.integers(0, 10**30), st.integers(1, 3)),
    item=st.one_of(st.none(), st.integers(0, 10**30), st.just(1)),
    suffix=st.sampled_from(["", "file/", "materials/"]),
)
def test_statement_addresses_with_odd_parts_are_found_or_not_found(
    client, published, number, code, position, item, suffix
):
    url = f"/en/statements/{number}/{path_part(code.value)}/{position}/{suffix}"
    if suffix == "materials/":
        url += f"{item if item is not None else 1}/"

    response = client.get(url)

    assert_not_server_error(response)
    assert response.status_code in {200, 404}
    if response.streaming:  # a published file: close it
        # Read whole, which closes it (an explicit close() would also close the test's
        # database connection, through the request_finished signal).
        b"".join(response.streaming_content)
    elif response.status_code == 404 or not suffix:
        _check(response, [code])


@pytest.mark.django_db
@FUZZ
@given(
    number=st.one_of(st.integers(0, 10**30), st.just(48)),
    code=path_codes("ken", "KEN", "ke"),
)
def test_statement_country_and_series_listing_with_odd_parts(client, published, number, code):
    for url in [f"/en/statements/{number}/", f"/en/statements/{number}/{path_part(code.value)}/"]:
        response = client.get(url)
        assert_not_server_error(response)
        assert response.status_code in {200, 404}
        _check(response, [code])


@pytest.mark.django_db
def test_published_pages_show_stored_markup_as_text(client, published):
    for url in [
        "/en/statements/",
        "/en/statements/48/ken/1/",
        "/en/statements/recommendations/",
        "/en/statements/?q=script",
        "/en/statements/?q=fuzz+detained",
        "/en/statements/?organisation=" + quote(ORGANISATION.value + " 1"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        _check(response)


def _xml_characters(payload: Payload) -> Payload:
    """Without the characters XML 1.0 cannot hold: their own failure is the next test's."""
    return Payload(
        _NOT_XML.sub("", payload.value), tuple(_NOT_XML.sub("", c) for c in payload.cores)
    )


def _publish_one(past_series, text: str, organisation: str) -> None:
    # Written straight to the database: the forms refuse NUL, which PostgreSQL cannot
    # store either, so it is left out here.
    text, organisation = text.replace("\x00", ""), organisation.replace("\x00", "")
    Statement.objects.all().delete()
    presession = PreSession.objects.filter(series=past_series).first() or PreSessionFactory(
        series=past_series, country="KE"
    )
    StatementFactory(
        application__presession=presession,
        application__organisation_name=organisation[:200] or "Organisation",
        text=text or "Statement",
        sharing=Sharing.NAMED,
        published_at=timezone.now(),
    )
    cache.clear()


@pytest.mark.django_db
@FUZZ
@given(
    text=marked_payloads().map(_xml_characters), organisation=marked_payloads().map(_xml_characters)
)
@example(
    text=Payload("<script>fuzz(1)</script>", ("<script>fuzz(1)</script>",)),
    organisation=Payload("Org"),
)
def test_statement_feed_shows_what_speakers_typed_as_text(
    client, past_series, theme, text, organisation
):
    """The Atom feed: elements of type "html" hold escaped HTML, which feed readers
    unescape and show as HTML. What a speaker typed must arrive there as text."""
    _publish_one(past_series, text.value, organisation.value)

    response = client.get("/en/statements/feed/")

    assert_not_server_error(response)
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own feed
    for element in root.iter():
        if element.get("type") == "html":
            assert_nothing_injected(element.text or "", [text, organisation])


@pytest.mark.django_db
@FUZZ
@given(text=texts(), organisation=texts())
@example(text=Payload("Statement \x08 with a backspace"), organisation=Payload("Org"))
@example(text=Payload("Statement"), organisation=Payload("Org \x01"))
@example(text=Payload("Statement"), organisation=Payload("Org \uffff"))
def test_statement_feed_with_any_published_text_never_fails(
    client, past_series, theme, text, organisation
):
    """Whatever the forms let through (control characters included) must not break the
    feed for everyone once published."""
    _publish_one(past_series, text.value, organisation.value)

    response = client.get("/en/statements/feed/")

    assert_not_server_error(response)
    assert response.status_code == 200
    ET.fromstring(response.content)  # noqa: S314 - the site's own feed


# Programme, calendars, series pages, home ---------------------------------------------------


@pytest.mark.django_db
@FUZZ
@given(
    number=st.one_of(st.integers(0, 10**30), st.sampled_from([48, 49])),
    code=path_codes("ken", "KEN", "ke", "K", "ken.ics"),
)
def test_programme_and_calendars_with_odd_codes_never_fail(
    client, series, past_series, number, code
):
    urls = [
        f"/en/series/{number}/",
        f"/en/series/{number}/programme/",
        f"/en/series/{number}/programme/print/",
        f"/en/series/{number}/programme.ics",
        f"/en/series/{number}/programme/{path_part(code.value)}.ics",
        f"/en/series/{number}/events/",
        f"/en/series/{number}/accreditation/",
        f"/en/series/{number}/apply/?country={quote(code.value)}",
    ]
    for url in urls:
        response = client.get(url)
        assert_not_server_error(response)
        assert response.status_code in {200, 404}, (url, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            assert_nothing_injected(page(response), [code])


@pytest.mark.django_db
@FUZZ
@given(page_=st.one_of(st.text(), wrong_scalars().map(str), st.integers().map(str)))
def test_home_page_with_any_page_parameter_never_fails(client, past_series, page_):
    response = client.get("/en/", {"page": page_})

    assert response.status_code == 200
    assert_nothing_injected(page(response))


PROGRAMME_NAMES = [
    Payload("<script>fuzz(fzprog1q)</script> Amani", ("<script>fuzz(fzprog1q)</script>",)),
    Payload('Haki "><img src=x onerror=fuzz(fzprog2q)>', ('"><img src=x onerror=fuzz(fzprog2q)>',)),
]


@pytest.fixture
def programme(series, coordinator, django_capture_on_commit_callbacks):
    """Series 49 with a published programme: one meeting on Kenya, whose speakers'
    organisations are named in it, with names as typed."""
    presession = PreSessionFactory(series=series, country="KE", review_order=1)
    for payload, gender in zip(PROGRAMME_NAMES, ["woman", "man"], strict=True):
        ApplicationFactory(presession=presession, organisation_name=payload.value,
                           speaker_gender=gender)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        panel = services.suggest_panel(presession=presession, by=coordinator)
        services.confirm_panel(panel=panel, by=coordinator)
        # The call of the shared series is still open: the applications are fuzzed too.
        services.send_outcomes(panel=panel, by=coordinator, override_reason="Fuzzing.")
    for placement in Placement.objects.filter(outcome="selected"):
        services.respond_to_invitation(
            application=placement.application, accept=True, may_name_publicly=True
        )
    scheduling.generate_timetable(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=series, by=coordinator)
    cache.clear()
    return series


@pytest.mark.django_db
@FUZZ
@given(
    code=path_codes("ken", "KEN", "Ken", "kEn", "ke", "KE", "ken\x00", "ken ", "ke n"),
    language=st.sampled_from(["en", "fr", "es"]),
)
def test_published_programme_and_calendars_with_odd_codes(client, programme, code, language):
    for url in [f"/{language}/series/49/programme/", f"/{language}/series/49/programme/print/"]:
        response = client.get(url)
        assert response.status_code == 200
        text = _check(response, PROGRAMME_NAMES)
        assert "Kenya" in text or "Kenia" in text
        for name in PROGRAMME_NAMES:
            assert html.escape(name.value) in text
    calendar = client.get(f"/{language}/series/49/programme.ics")
    assert calendar.status_code == 200
    response = client.get(f"/{language}/series/49/programme/{path_part(code.value)}.ics")
    assert_not_server_error(response)
    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert code.value.upper() == "KEN"
        disposition = response["Content-Disposition"]
        assert disposition == 'attachment; filename="pre-session-49-KEN.ics"'
        assert b"BEGIN:VCALENDAR" in response.content
    else:
        assert_nothing_injected(page(response), [code])
