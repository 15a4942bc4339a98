"""The statement cards written in Python give what Django's own helpers give."""

from django.utils import html
from django.utils.text import Truncator
from hypothesis import given
from hypothesis import strategies as st

from panels.templatetags.statement_cards import escape, first_words

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
