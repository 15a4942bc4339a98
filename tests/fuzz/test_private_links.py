"""Private links (application, edit, answer, withdraw, statement, restrict) and the other
signed links (mailing list, call alerts, event cancellation, accreditation pass), forged
and mutated."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from applications.access import make_token
from applications.call_alerts import services as call_alerts
from applications.models import Application, CallAlert
from panels.models import Placement, Statement
from presessions.attendance import events, mailing_list
from presessions.models import Event, Registration, Subscriber
from tests.factories import ApplicationFactory

from .strategies import (
    FUZZ,
    LINK_INVALID,
    MORE,
    Payload,
    assert_not_server_error,
    assert_nothing_injected,
    main_part,
    marked_payloads,
    page,
    path_part,
)

PRIVATE_ENDPOINTS = [
    ("get", "application/{token}/"),
    ("post", "application/{token}/"),
    ("get", "application/{token}/edit/"),
    ("post", "application/{token}/edit/"),
    ("post", "application/{token}/answer/"),
    ("get", "application/{token}/withdraw/"),
    ("post", "application/{token}/withdraw/"),
    ("get", "application/{token}/statement/"),
    ("post", "application/{token}/statement/"),
    ("post", "application/{token}/statement/restrict/"),
]
LANGUAGES = ["en", "fr", "es"]
POST_DATA = {
    "answer": "confirm",
    "restrict": "withdraw",
    "organisation_name": "Forged Org",
    "text": "Forged statement",
}


@st.composite
def forged_tokens(draw, valid: list[str]) -> tuple[str | bytes, str, Payload | None]:
    """(the forged token, the path segment sent, its markup if any), from a working token
    or from nothing. The tests replace the rare draw that is empty, holds a "/" (another
    address) or is a working token by the token of a deleted application."""
    token = draw(st.sampled_from(valid))
    kind = draw(
        st.sampled_from(
            ["text", "changed", "truncated", "extended", "long", "case", "markup", "bytes",
             "doubled"]
        )
    )  # fmt: skip
    if kind == "text":
        forged = draw(st.text(min_size=1))
    elif kind == "changed":
        i = draw(st.integers(0, len(token) - 1))
        c = draw(st.characters(codec="utf-8").filter(lambda c: c != token[i]))
        forged = token[:i] + c + token[i + 1 :]
    elif kind == "truncated":
        forged = token[: draw(st.integers(1, len(token) - 1))]
    elif kind == "extended":
        forged = token + draw(st.text(min_size=1, max_size=20))
    elif kind == "long":
        forged = draw(st.sampled_from(["a", token, ":", "%", "é"])) * draw(st.integers(500, 4000))
    elif kind == "case":
        forged = token.swapcase()
    elif kind == "markup":
        payload = draw(marked_payloads())
        forged = token[: draw(st.integers(0, len(token)))] + payload.value
        return forged, path_part(forged), payload
    elif kind == "doubled":
        forged = f"{token}:{token}"
    else:  # raw bytes, percent-encoded, often not UTF-8
        raw = draw(st.binary(min_size=1, max_size=60).filter(lambda b: b"/" not in b))
        return raw, "".join(f"%{b:02X}" for b in raw), None
    return forged, path_part(forged), None


def _send(client, method, url):
    if method == "get":
        return client.get(url)
    if method == "one-click":  # what mail clients send (RFC 8058)
        return client.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
    return client.post(url, POST_DATA)


@pytest.fixture
def deleted_token(presession, theme):
    application = ApplicationFactory(presession=presession, main_theme=theme)
    token = make_token(application)
    application.delete()
    return token


@pytest.fixture
def reference_pages(client):
    """The one page every broken link shows, in each language (its <main>)."""
    return {
        language: main_part(page(client.get(f"/{language}/application/not-a-token/")))
        for language in LANGUAGES
    }


@pytest.mark.django_db
@MORE
@given(data=st.data())
def test_private_links_with_forged_tokens_show_the_same_404_page(
    client, speaker, someone_else, deleted_token, reference_pages, data
):
    valid = [make_token(speaker), make_token(someone_else)]
    forged, segment, payload = data.draw(forged_tokens(valid), label="token")
    if isinstance(forged, str) and (not forged or "/" in forged or forged in valid):
        forged, segment, payload = deleted_token, deleted_token, None
    method, pattern = data.draw(st.sampled_from(PRIVATE_ENDPOINTS), label="endpoint")
    language = data.draw(st.sampled_from(LANGUAGES), label="language")
    url = f"/{language}/" + pattern.format(token=segment)

    response = _send(client, method, url)

    assert_not_server_error(response)
    assert response.status_code == 404, response.status_code
    text = page(response)
    assert main_part(text) == reference_pages[language]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    for secret in ["Haki Watch", "Secret Defenders", "hidden@secret", "threatened", "Forged"]:
        assert secret not in text
    assert_nothing_injected(text, [payload] if payload else [])


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_private_links_with_forged_tokens_change_nothing(
    client, speaker, someone_else, deleted_token, data
):
    valid = [make_token(speaker), make_token(someone_else)]
    for _ in range(3):
        forged, segment, _payload = data.draw(forged_tokens(valid), label="token")
        if isinstance(forged, str) and (not forged or "/" in forged or forged in valid):
            segment = deleted_token
        for method, pattern in PRIVATE_ENDPOINTS:
            if method == "post":
                assert_not_server_error(
                    client.post("/en/" + pattern.format(token=segment), POST_DATA)
                )

    assert not Application.objects.filter(withdrawn_at__isnull=False).exists()
    assert not Statement.objects.exists()
    assert Placement.objects.get(application=speaker).response == "confirmed"
    assert set(Application.objects.values_list("organisation_name", flat=True)) == {
        "Haki Watch",
        "Secret Defenders Collective",
    }


@pytest.mark.django_db
@FUZZ
@given(segment=st.one_of(st.just(""), st.text(min_size=1).map(lambda t: t + "/" + t)))
def test_private_links_with_slashes_or_nothing_are_not_found(client, speaker, segment):
    for method, pattern in PRIVATE_ENDPOINTS:
        url = "/en/" + pattern.format(token=path_part(segment))
        response = _send(client, method, url)
        assert_not_server_error(response)
        assert response.status_code == 404
        assert "Haki Watch" not in page(response)


@pytest.mark.django_db
def test_private_link_of_one_application_never_shows_another(client, speaker, someone_else):
    text = page(client.get(f"/en/application/{make_token(speaker)}/"))

    assert "Haki Watch" in text
    assert "Secret Defenders" not in text and "hidden@secret" not in text


# The other signed links ------------------------------------------------------------------


@pytest.fixture
def signed_links(series):
    """Working tokens of the mailing list, a call alert and an event registration, to
    mutate."""
    subscriber = Subscriber.objects.create(email="attache@mission.example.org", language="en")
    alert = CallAlert.objects.create(email="cso@example.org", language="en", countries=["KE"])
    event = Event.objects.create(
        series=series, kind="networking", title="Reception", capacity=5,
        starts_at=series.call_closes_at, ends_at=series.call_closes_at.replace(year=2099),
    )  # fmt: skip
    registration = Registration.objects.create(
        event=event, name="Ana", email="ana@example.org", language="en", status="confirmed"
    )
    return {
        "confirm": mailing_list.link(subscriber, "confirm").rstrip("/").rsplit("/", 1)[1],
        "unsubscribe": mailing_list.link(subscriber, "unsubscribe").rstrip("/").rsplit("/", 1)[1],
        "cancel": events.cancel_url(registration).rstrip("/").rsplit("/", 1)[1],
        "alert confirm": call_alerts.link(alert, "confirm").rstrip("/").rsplit("/", 1)[1],
        "alert unsubscribe": call_alerts.link(alert, "unsubscribe").rstrip("/").rsplit("/", 1)[1],
    }


OTHER_LINKS = [
    ("get", "mailing-list/confirm/{token}/"),
    ("post", "mailing-list/confirm/{token}/"),
    ("get", "mailing-list/unsubscribe/{token}/"),
    ("post", "mailing-list/unsubscribe/{token}/"),
    ("one-click", "mailing-list/unsubscribe/{token}/"),
    ("get", "events/cancel/{token}/"),
    ("post", "events/cancel/{token}/"),
    ("get", "accreditation/pass/{token}/"),
    ("get", "call-alerts/confirm/{token}/"),
    ("post", "call-alerts/confirm/{token}/"),
    ("get", "call-alerts/unsubscribe/{token}/"),
    ("post", "call-alerts/unsubscribe/{token}/"),
    ("one-click", "call-alerts/unsubscribe/{token}/"),
]


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_other_signed_links_with_forged_tokens_say_the_link_does_not_work(
    client, signed_links, speaker, data
):
    valid = [*signed_links.values(), make_token(speaker)]
    forged, segment, payload = data.draw(forged_tokens(valid), label="token")
    if isinstance(forged, str) and (not forged or "/" in forged or forged in valid):
        segment = "x"
    method, pattern = data.draw(st.sampled_from(OTHER_LINKS), label="endpoint")

    response = _send(client, method, "/en/" + pattern.format(token=segment))

    assert_not_server_error(response)
    assert response.status_code == 404
    text = page(response)
    assert LINK_INVALID in text
    assert_nothing_injected(text, [payload] if payload else [])
    assert Subscriber.objects.get().status == "pending"
    assert Registration.objects.get().status == "confirmed"
    assert CallAlert.objects.get().confirmed_at is None
