"""The SMART advice is in view right after the statement is saved, on the page the save
leads to, not only when the form is opened again."""

import re

import pytest
from django.urls import reverse

from applications.access import make_token
from panels.enums import Sharing
from tests.factories import RecommendationFactory, StatementFactory
from tests.panels.statements.test_forms import form_data

pytestmark = pytest.mark.django_db

WEAK = "Consider the situation of journalists."
SMART = "Release all detained journalists through the courts by 2028."


def hints_of(page):
    """The hint codes of the advice block, per recommendation number."""
    block = re.search(r'<div class="smart-hints[^"]*"[^>]*id="smart-hints">(.*?)</div>', page, re.S)
    if block is None:
        return {}
    found = re.findall(r"<p class=\"mb-0\">Recommendation (\d)</p>\s*<ul[^>]*>(.*?)</ul>",
                       block.group(1), re.S)  # fmt: skip
    return {int(n): re.findall(r'data-hint="(\w+)"', items) for n, items in found}


def test_the_page_after_saving_shows_the_suggestions(client, speaker, theme):
    url = reverse("panels:statement-edit", args=[make_token(speaker)])

    response = client.post(
        url,
        form_data(theme, **{"recommendations-0-text": SMART, "recommendations-1-text": WEAK}),
        follow=True,
    )

    assert response.redirect_chain == [(reverse("panels:private", args=[make_token(speaker)]), 302)]
    page = response.content.decode()
    assert "Thank you: your statement is saved." in page
    # The first recommendation is SMART; the second misses all four.
    assert hints_of(page) == {2: ["action", "actor", "time", "measure"]}
    assert "Name who should act" in page


def test_a_smart_statement_gets_no_suggestions(client, speaker, theme):
    url = reverse("panels:statement-edit", args=[make_token(speaker)])
    data = form_data(theme, **{"recommendations-0-text": SMART, "recommendations-1-text": SMART})

    response = client.post(url, data, follow=True)

    assert 'id="smart-hints"' not in response.content.decode()


def test_a_published_statement_gets_no_suggestions(client, speaker):
    statement = StatementFactory(
        application=speaker, position=1, sharing=Sharing.NAMED,
        published_at="2026-01-01T10:00:00Z",
    )  # fmt: skip
    RecommendationFactory(statement=statement, position=1, text=WEAK)

    page = client.get(reverse("panels:private", args=[make_token(speaker)])).content.decode()

    assert 'id="smart-hints"' not in page
    assert WEAK not in page
