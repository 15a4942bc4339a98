"""The statement form of a confirmed speaker, through the private link, fuzzed; and what a
successful submission becomes once published (the public pages and the feed)."""

import html
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from hypothesis import event, example, given
from hypothesis import strategies as st

from applications.access import make_token
from panels.enums import Sharing
from panels.models import Statement
from panels.statements import search
from panels.statements.services import publish_statements
from presessions.text import clean_text
from tests.factories import PreSessionFactory, SpeakerFactory

from .strategies import (
    ERROR_SUMMARY,
    FUZZ,
    MORE,
    Payload,
    apply_changes,
    assert_error_shown,
    assert_kept,
    assert_not_server_error,
    assert_nothing_injected,
    field_changes,
    page,
    post,
    refused_before_the_view,
    texts,
    uploads,
    wrong_scalars,
    wrong_values,
)

# An organisation may call itself anything when it applies: its name reaches public pages.
ORGANISATION = Payload(
    '<script>fuzz(fzorgq)</script> Haki "Watch" \'',
    ("<script>fuzz(fzorgq)</script>",),
)
TEXT_FIELDS = (
    "text",
    "recommendations-0-text",
    "recommendations-1-text",
    "recommendations-2-text",
    "materials-0-title",
    "materials-1-title",
)
MANAGEMENT_FIELDS = (
    "recommendations-TOTAL_FORMS",
    "recommendations-INITIAL_FORMS",
    "recommendations-MIN_NUM_FORMS",
    "recommendations-MAX_NUM_FORMS",
)
# Fuzzed on their own below (test_statement_form_with_a_forged_materials_management_form...),
# so that the failure they show does not hide the others.
MATERIALS_MANAGEMENT_FIELDS = ("materials-TOTAL_FORMS", "materials-INITIAL_FORMS")
CHOICE_FIELDS = (
    "language",
    "theme",
    "sharing",
    "recommendations-0-theme",
    "recommendations-0-sharing",
    "recommendations-1-theme",
    "recommendations-1-sharing",
    "recommendations-2-sharing",
    "materials-0-sharing",
    "materials-1-sharing",
    "file_pending",
    "materials-0-file_pending",
    "remove_file",
    *MANAGEMENT_FIELDS,
)
FILE_FIELDS = ("file", "materials-0-file", "materials-1-file")
ALL_FIELDS = TEXT_FIELDS + CHOICE_FIELDS + FILE_FIELDS
SHARING = st.sampled_from([Sharing.NAMED, Sharing.ANONYMOUS, Sharing.PRIVATE])


def form_data(theme) -> dict:
    return {
        "language": "en",
        "theme": theme.pk,
        "text": "Journalists are detained for their work.",
        "sharing": Sharing.NAMED,
        "recommendations-TOTAL_FORMS": "3",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-0-text": "Repeal the sedition law through the parliament by 2028.",
        "recommendations-0-theme": theme.pk,
        "recommendations-0-sharing": Sharing.NAMED,
        "recommendations-1-text": "Release all detained journalists within three months.",
        "recommendations-1-sharing": Sharing.ANONYMOUS,
        "recommendations-2-text": "",
        "recommendations-2-sharing": Sharing.PRIVATE,
        "materials-TOTAL_FORMS": "2",
        "materials-INITIAL_FORMS": "0",
        "materials-0-title": "",
        "materials-0-sharing": Sharing.PRIVATE,
        "materials-1-title": "",
        "materials-1-sharing": Sharing.PRIVATE,
    }


@pytest.fixture
def past_speaker(past_series):
    """A confirmed speaker of series 48, which is over: its statement can be published."""
    presession = PreSessionFactory(series=past_series, country="KE")
    return SpeakerFactory(
        application__presession=presession, application__organisation_name=ORGANISATION.value
    ).application


def _value_for(name: str):
    if name in TEXT_FIELDS:
        return st.one_of(texts(), texts(), texts(), st.lists(texts(), min_size=2, max_size=3))
    if name in FILE_FIELDS:
        return st.one_of(uploads(), uploads(), texts())
    if name.endswith("sharing"):
        return st.one_of(SHARING, SHARING, wrong_values())
    return st.one_of(wrong_values(), texts(), uploads())


def _public_pages(client, statement) -> dict[str, str]:
    """Every public page that can show the statement, after publication."""
    cache.clear()
    code = statement.presession.country.alpha3.lower()
    urls = {
        "detail": f"/en/statements/48/{code}/{statement.position}/",
        "list": "/en/statements/",
        "country": f"/en/statements/48/{code}/",
        "recommendations": "/en/statements/recommendations/",
        "organisation": "/en/statements/?" + f"organisation={ORGANISATION.value}",
    }
    words = [*statement.text.split()[:3], "fuzz", "script", "<script>"]
    urls.update({f"search {w}": "/en/statements/?q=" + w for w in words})
    pages = {}
    for name, url in urls.items():
        response = client.get(url) if "?" not in url else client.get(*_split(url))
        assert_not_server_error(response)
        assert response.status_code in {200, 404}, (name, response.status_code)
        pages[name] = page(response)
    # The feed is checked in test_public_pages.py and below, on its own: a failure there
    # would hide every other finding of these tests.
    return pages


def _split(url: str) -> tuple[str, dict]:
    path, _, query = url.partition("?")
    key, _, value = query.partition("=")
    return path, {key: value}


def _check_success(client, response, speaker, coordinator, sent: dict) -> None:
    assert response["Location"] == f"/en/application/{make_token(speaker)}/"
    private = client.get(response["Location"])
    assert private.status_code == 200
    assert_nothing_injected(page(private), [*sent.values(), ORGANISATION])
    statement = Statement.objects.get(application=speaker)
    value = sent.get("text")
    if isinstance(value, Payload):
        assert statement.text == search.clean_text(clean_text(value.value)).strip()
    publish_statements(statements=Statement.objects.filter(pk=statement.pk), by=coordinator)
    statement.refresh_from_db()
    values = [*sent.values(), ORGANISATION]
    pages = _public_pages(client, statement)
    for text in pages.values():
        assert_nothing_injected(text, values)
    if statement.is_published and statement.sharing != Sharing.PRIVATE and statement.text:
        first_line = statement.text.split("\n")[0].strip()
        if first_line:
            assert html.escape(first_line) in pages["detail"]


@pytest.mark.django_db
@MORE
@given(changes=field_changes(ALL_FIELDS, _value_for))
def test_statement_form_with_fuzzed_fields_never_fails_and_escapes_everywhere(
    client, past_speaker, theme, coordinator, changes
):
    Statement.objects.filter(application=past_speaker).delete()
    sent, changed = apply_changes(form_data(theme), changes)
    url = f"/en/application/{make_token(past_speaker)}/statement/"

    response = post(client, url, sent)

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    assert_nothing_injected(page(response), [*sent.values(), ORGANISATION])
    if response.status_code == 302:
        _check_success(client, response, past_speaker, coordinator, sent)
        return
    if refused_before_the_view(response, sent):
        return
    assert_error_shown(response, ERROR_SUMMARY)
    text = page(response)
    tampered = changed & set(MANAGEMENT_FIELDS)
    for name in TEXT_FIELDS:
        if tampered and name.startswith(("recommendations-", "materials-")):
            continue  # a forged management form: the rows it no longer counts are not shown
        value = sent.get(name)
        if isinstance(value, Payload) or (isinstance(value, str) and name not in changed):
            assert_kept(text, value)


@pytest.mark.django_db
@FUZZ
@given(
    texts_=st.lists(texts(), min_size=4, max_size=4),
    sharing=st.lists(SHARING, min_size=4, max_size=4),
)
def test_statement_form_saves_any_text_and_publishes_it_escaped(
    client, past_speaker, theme, coordinator, texts_, sharing
):
    """Text that passes the form's checks is saved as typed and shown escaped."""
    Statement.objects.filter(application=past_speaker).delete()
    sent = form_data(theme)
    sent["text"], sent["sharing"] = texts_[0], sharing[0]
    for i in range(3):
        sent[f"recommendations-{i}-text"] = texts_[i + 1]
        sent[f"recommendations-{i}-sharing"] = sharing[i + 1]
    url = f"/en/application/{make_token(past_speaker)}/statement/"

    response = post(client, url, sent)

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    assert_nothing_injected(page(response), [*sent.values(), ORGANISATION])
    if response.status_code == 302:
        _check_success(client, response, past_speaker, coordinator, sent)
    else:
        assert_error_shown(response, ERROR_SUMMARY)
        for name in ("text", "recommendations-0-text", "recommendations-1-text"):
            assert_kept(page(response), sent[name])


@pytest.mark.django_db
@FUZZ
@given(choice=st.one_of(wrong_values(), st.sampled_from(["withdraw", "anonymous"])))
def test_statement_restrict_with_any_choice_redirects_with_a_message(client, speaker, choice):
    url = f"/en/application/{make_token(speaker)}/statement/restrict/"

    response = post(client, url, {"restrict": choice})

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert 'role="alert"' in page(followed) or 'role="status"' in page(followed)


@pytest.mark.django_db
@FUZZ
@given(
    answer=st.one_of(wrong_values(), st.sampled_from(["confirm", "decline"])),
    name_publicly=st.one_of(wrong_values(), st.just("yes")),
)
def test_private_answer_with_any_choice_redirects_with_a_message(
    client, speaker, answer, name_publicly
):
    url = f"/en/application/{make_token(speaker)}/answer/"

    response = post(client, url, {"answer": answer, "may_name_publicly": name_publicly})

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert 'role="alert"' in page(followed) or 'role="status"' in page(followed)


@pytest.mark.django_db
@FUZZ
@given(
    forged=st.dictionaries(
        st.sampled_from(MATERIALS_MANAGEMENT_FIELDS + MANAGEMENT_FIELDS),
        st.one_of(wrong_scalars(), st.none()),
        min_size=1,
    )
)
@example(forged={"materials-TOTAL_FORMS": ""})
def test_statement_form_with_a_forged_management_form_says_what_is_wrong(
    client, speaker, theme, forged
):
    """The hidden counts of the recommendation and material rows, missing or not numbers:
    the statement is either saved or the page says why it was not."""
    Statement.objects.filter(application=speaker).delete()
    sent = form_data(theme)
    for name, value in forged.items():
        if value is None:
            sent.pop(name, None)
        else:
            sent[name] = value
    url = f"/en/application/{make_token(speaker)}/statement/"

    response = post(client, url, sent)

    assert_not_server_error(response)
    event(f"status {response.status_code}")
    if response.status_code != 302:
        assert not Statement.objects.filter(application=speaker).exists()
        assert_error_shown(response, ERROR_SUMMARY)
        assert_kept(page(response), sent["text"])


@pytest.mark.django_db
@pytest.mark.parametrize("character", ["\x08", "\x01", "\x0c", "\x1b", "\uffff", "\ufffe"])
def test_statement_with_a_character_xml_cannot_hold_keeps_the_feed_working(
    client, past_speaker, theme, coordinator, character
):
    """A control character or a noncharacter (U+FFFE, U+FFFF) typed or pasted into the
    statement is accepted by the form; once published, the feed (XML 1.0, which cannot
    hold them) must still work, and parse, for everyone."""
    sent = form_data(theme)
    sent["text"] = f"Journalists are detained{character} for their work."
    url = f"/en/application/{make_token(past_speaker)}/statement/"
    assert post(client, url, sent).status_code == 302
    publish_statements(statements=Statement.objects.all(), by=coordinator)
    cache.clear()

    response = client.get("/en/statements/feed/")

    assert response.status_code == 200
    ET.fromstring(response.content)  # noqa: S314 - the site's own feed, well-formed
