import re

import pytest

from panels.management import sample_texts
from panels.management.commands.load_sample_statements import load_sample_statements
from panels.models import Recommendation, Statement


@pytest.mark.django_db
def test_sample_statements_speak_on_their_theme_in_words_written_for_it():
    assert load_sample_statements(70) == 70

    rows = Statement.objects.select_related("theme", "presession")
    for statement in rows.prefetch_related("recommendations"):
        topic = sample_texts.topic_of(statement.theme.name)
        assert topic.theme == statement.theme.name
        country = statement.presession.country.name
        situations = {situation.format(country=country) for situation in topic.situations}
        assert statement.text.split("\n\n")[0] in situations
        texts = [r.text for r in statement.recommendations.all()]
        assert len(set(texts)) == 3
        assert set(texts) <= set(topic.recommendations)
    texts = [*Statement.objects.values_list("text", flat=True)]
    texts += Recommendation.objects.values_list("text", flat=True)
    assert not [text for text in texts if re.search(r"\d+ per cent", text)]
