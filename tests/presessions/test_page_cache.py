"""Whole pages kept in the cache: a page whose context is only text is its template's
frame, rendered once per language, with the texts put in; it must be exactly the page
the template renders."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from presessions import page_cache

# Every page served through its frame, with the texts its view gives it.
FRAMES = {
    "panels/statement_list.html": ("title", "body"),
    "panels/statement_detail.html": ("title", "body"),
    "panels/recommendation_list.html": ("body",),
    "panels/programme.html": ("series", "body"),
    "panels/programme_print.html": ("series", "body"),
    "presessions/home.html": ("current", "past"),
}
# The print view has no language form, and so no token.
WITHOUT_FORM = {"panels/programme_print.html"}
TEXTS = {
    "title": ["Kenya: statement by <Ligue> & “Voix” 'de' l'Est", ""],
    "series": ["Pre-sessions <45> & “UPR” 'l'Est'", ""],
    "current": [mark_safe("<h1>Speak</h1>\n<section>open</section>"), mark_safe("")],
    "past": [mark_safe("<section><h2>Past</h2></section>"), mark_safe("")],
    "body": [mark_safe("<h1>Déclarations</h1>\n<p>a &amp; b</p>"), mark_safe("")],
}


def _slow(template: str, context: dict, marker: str) -> str:
    return render_to_string(
        template, {**context, "csrf_token": f"{marker}-csrf", "language_next": f"{marker}-path"}
    )


@pytest.mark.parametrize("template", FRAMES)
@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("variant", [0, 1])
def test_a_page_from_its_frame_is_the_page_its_template_renders(template, language, variant):
    context = {name: TEXTS[name][variant] for name in FRAMES[template]}

    with translation.override(language):
        entry = page_cache.render_entry(template, context, version=1)
        expected = _slow(template, context, entry.marker)

    assert entry.content == expected
    assert (f"{entry.marker}-csrf" in entry.content) is (template not in WITHOUT_FORM)
    assert page_cache._FRAME_MARK not in entry.content


def test_the_texts_are_escaped_as_the_template_escapes_them():
    context = {"title": "<script>alert(1)</script>", "body": mark_safe("<p>kept</p>")}

    entry = page_cache.render_entry("panels/statement_list.html", context, version=1)

    assert "<script>alert(1)</script>" not in entry.content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entry.content
    assert "<p>kept</p>" in entry.content


def test_a_text_that_looks_like_a_marker_stays_text():
    title = f"{page_cache._FRAME_MARK}:body: and -csrf"

    entry = page_cache.render_entry(
        "panels/statement_list.html", {"title": title, "body": mark_safe("<p>b</p>")}, 1
    )

    assert entry.content.count("<p>b</p>") == 1
    assert f"{page_cache._FRAME_MARK}:body:" in entry.content  # as it was typed, once


def test_a_template_that_does_not_show_a_text_is_refused():
    with pytest.raises(ValueError, match="does not show"):
        page_cache.render_entry(
            "panels/recommendation_list.html", {"title": "t", "body": mark_safe("b")}, 1
        )


def test_a_page_with_other_values_is_rendered_whole():
    entry = page_cache.render_entry("panels/statement_list.html", {"title": "t", "body": 3}, 1)

    assert entry.content == _slow(
        "panels/statement_list.html", {"title": "t", "body": 3}, entry.marker
    )


# Values held by the process for the pages of one version ---------------------------------


def _under(version_key: str, version: int):
    """As while a page is built under this version (page_cache.serve)."""
    return page_cache.building_under.set((version_key, version))


def test_a_held_value_is_read_once_per_version():
    held = page_cache.HeldValues("test:version", seconds=60, at_most=8)
    reads = iter(range(10))
    token = _under("test:version", 1)
    try:
        first = [held.get("key", lambda: next(reads)) for _ in range(3)]
        page_cache.building_under.set(("test:version", 2))
        second = [held.get("key", lambda: next(reads)) for _ in range(2)]
    finally:
        page_cache.building_under.reset(token)

    assert (first, second) == ([0, 0, 0], [1, 1])


def test_outside_a_page_of_its_version_a_value_is_read_each_time():
    held = page_cache.HeldValues("test:version", seconds=60, at_most=8)
    reads = iter(range(10))
    outside = [held.get("key", lambda: next(reads)) for _ in range(2)]
    token = _under("another:version", 1)
    try:
        another = [held.get("key", lambda: next(reads)) for _ in range(2)]
    finally:
        page_cache.building_under.reset(token)
    given = [held.get("key", lambda: next(reads), version=7) for _ in range(2)]

    assert (outside, another, given) == ([0, 1], [2, 3], [4, 4])


def test_a_held_value_is_read_again_after_its_time_or_once_it_no_longer_holds(monkeypatch):
    held = page_cache.HeldValues("test:version", seconds=60, at_most=8)
    reads = iter(range(10))
    now = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])

    before = held.get("key", lambda: next(reads), version=1)
    now[0] += 59
    within = held.get("key", lambda: next(reads), version=1)
    now[0] += 2
    after = held.get("key", lambda: next(reads), version=1)
    stale = held.get("key", lambda: next(reads), version=1, fresh=lambda value: value != 1)

    assert (before, within, after, stale) == (0, 0, 1, 2)


def test_held_values_let_go_of_the_least_recently_used_first():
    held = page_cache.HeldValues("test:version", seconds=60, at_most=3)
    for key in ("a", "b", "c"):
        held.get(key, lambda key=key: key, version=1)
    held.get("a", lambda: "read again", version=1)
    held.get("d", lambda: "d", version=1)

    assert held.in_order() == ["c", "a", "d"]
    assert held.get("a", lambda: "read again", version=1) == "a"
    held.clear()
    assert held.in_order() == []


def test_a_pages_variant_is_its_parameters_in_order(rf):
    variant = page_cache.address_variant

    assert variant(rf.get("/?b=2&a=1&a=0"), {"a", "b"}) == variant(rf.get("/?a=0&a=1&b=2"), "ab")
    assert variant(rf.get("/?a=0&a=1&b=2"), {"a", "b"}) == "a=0&a=1&b=2"
    assert variant(rf.get("/"), ()) == ""
    assert variant(rf.get("/?a=1&junk=2"), {"a"}) is None
    assert variant(rf.get("/?a=" + "x" * page_cache.LONGEST_KEPT), {"a"}) is None
