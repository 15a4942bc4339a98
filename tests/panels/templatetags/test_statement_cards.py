"""The statement cards written in Python give what Django's own helpers give."""

from django.template import Context, Template
from django.template.defaultfilters import linebreaksbr
from django.utils import html, translation
from django.utils.text import Truncator
from django_countries.fields import Country
from hypothesis import given, settings
from hypothesis import strategies as st

from panels.statements.published import PublicRecommendation
from panels.templatetags.statement_cards import (
    escape,
    first_words,
    recommendation_items,
    with_line_breaks,
)

# Words, runs of spaces, tabs and line breaks, and the ellipsis itself.
texts = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=12),
        st.sampled_from([" ", "  ", "\n", "\t", " …", "…", "<b>", "&amp;", '"', "'"]),
    ),
    max_size=80,
).map("".join)


@given(texts, st.integers(min_value=1, max_value=60))
def test_first_words_are_the_truncators(text, count):
    assert first_words(text, count) == Truncator(text).words(count, truncate=" …")


def test_first_words_cut_after_fifty_words():
    text = " ".join(f"w{n}" for n in range(60))

    assert first_words(text) == " ".join(f"w{n}" for n in range(50)) + " …"


@given(st.one_of(texts, st.integers()))
def test_escape_is_djangos(value):
    assert escape(value) == html.escape(value)


# The loop of the public recommendations' template, before it became a tag.
RECOMMENDATION_LOOP = """{% load i18n %}<ul class="list-unstyled">
  {% for recommendation in recommendations %}
    <li class="border-bottom py-3">
      <p class="mb-1">{{ recommendation.text|linebreaksbr }}</p>
      <p class="small text-body-secondary mb-0">{{ recommendation.country.name }} · {% blocktranslate with number=recommendation.series_number %}Pre-sessions {{ number }}{% endblocktranslate %}{% if recommendation.theme %} · {{ recommendation.theme }}{% endif %} · <a href="{{ recommendation.statement_url }}">{{ recommendation.organisation }}</a></p>
    </li>
  {% endfor %}
</ul>"""  # noqa: E501 - the template as it was

hostile = st.one_of(
    texts,
    st.sampled_from(["<script>alert(1)</script>", "a \"b\" 'c'", "x\r\ny\rz\n", "&lt;"]),
)


def _recommendation(text, theme, organisation, url, code="CI", number=45):
    return PublicRecommendation(
        position=1,
        text=text,
        theme=theme,
        statement_url=url,
        country=Country(code),
        series_number=number,
        organisation=organisation,
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            _recommendation,
            hostile,
            st.one_of(st.just(""), hostile),
            hostile,
            st.sampled_from(["/en/statements/45/civ/1/", '/x?a=1&b="2"']),
            st.sampled_from(["CI", "FR", "KP", "CD"]),
            st.integers(min_value=1, max_value=999),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["en", "fr", "es"]),
)
def test_recommendation_items_are_the_templates(recommendations, language):
    with translation.override(language):
        expected = Template(RECOMMENDATION_LOOP).render(
            Context({"recommendations": recommendations})
        )
        assert recommendation_items(recommendations) == expected


def test_recommendation_items_of_nothing_are_nothing():
    assert recommendation_items([]) == ""


def test_line_breaks_are_the_filters():
    for text in ["a\r\nb", "a\rb\nc", "<b>\n</b>", "", "plain"]:
        assert with_line_breaks(text) == linebreaksbr(text, autoescape=True)


@given(st.dates(), st.sampled_from(["en", "fr", "es"]))
def test_the_day_of_a_card_is_djangos_date_format_in_the_pages_language(day, language):
    from django.utils.formats import date_format

    from panels.templatetags.statement_cards import day_label

    with translation.override(language):
        assert day_label(day, language) == date_format(day, "DATE_FORMAT")
