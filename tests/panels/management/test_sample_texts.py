import random
import re
from pathlib import Path

import pytest

from panels.management import sample_texts
from presessions.countries import un_member_codes

THEMES_FILE = Path(__file__).parents[3] / "presessions" / "migrations" / "0002_themes.py"
# A number above 100 followed by "per cent" or "%": an invented statistic.
IMPLAUSIBLE_SHARE = re.compile(r"\b[1-9]\d{2,}\s*(?:per cent|percent|%)")


def every_text() -> list[str]:
    return [
        text
        for topic in sample_texts.TOPICS
        for text in (*topic.situations, *topic.recommendations, *topic.materials)
    ]


def test_every_topic_belongs_to_a_theme_of_the_taxonomy():
    taxonomy = THEMES_FILE.read_text()

    missing = [t.theme for t in sample_texts.TOPICS if f'("{t.theme}", ' not in taxonomy]

    assert missing == []
    assert len({topic.theme for topic in sample_texts.TOPICS}) == len(sample_texts.TOPICS)


def test_every_topic_has_enough_words_for_a_statement_of_three_recommendations():
    for topic in sample_texts.TOPICS:
        assert len(topic.recommendations) >= 3, topic.theme
        assert len(set(topic.recommendations)) == len(topic.recommendations), topic.theme
        assert topic.situations and topic.materials and topic.causes, topic.theme


def test_the_words_hold_no_invented_statistic():
    assert [text for text in every_text() if IMPLAUSIBLE_SHARE.search(text)] == []
    assert [text for text in every_text() if re.search(r"\d+ per cent", text)] == []


def test_the_pattern_finds_an_invented_statistic():
    assert IMPLAUSIBLE_SHARE.search("The budget fell by 842 per cent over four years.")
    assert not IMPLAUSIBLE_SHARE.search("Half of the 842 detainees are not tried.")


def test_every_recommendation_is_a_sentence_that_begins_with_what_to_do():
    for topic in sample_texts.TOPICS:
        for text in topic.recommendations:
            assert text[0].isupper() and text.endswith("."), text
            assert "{" not in text, text


def test_topics_for_a_state_leave_out_those_that_do_not_concern_it():
    sweden = {topic.theme for topic in sample_texts.topics_for("SE")}
    china = {topic.theme for topic in sample_texts.topics_for("CN")}

    assert "Death penalty" not in sweden
    assert "Death penalty" in china
    assert "Indigenous peoples" in sweden
    assert "Women's rights" in sweden & china


def test_every_state_has_topics_to_speak_on():
    assert all(len(sample_texts.topics_for(code)) >= 15 for code in un_member_codes())


@pytest.mark.parametrize("topic", sample_texts.TOPICS, ids=lambda topic: topic.theme)
def test_a_statement_tells_the_situation_of_its_topic_in_its_country(topic):
    rng = random.Random(1)

    text = sample_texts.statement_text(rng, topic, "Kenya")

    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0] in {situation.format(country="Kenya") for situation in topic.situations}
    assert "Kenya" in paragraphs[0]
    assert "{" not in text


def test_recommendation_texts_are_different_ones_of_the_topic():
    topic = sample_texts.topic_of("Enforced disappearances")

    texts = sample_texts.recommendation_texts(random.Random(3), topic, 3)

    assert len(set(texts)) == 3
    assert set(texts) <= set(topic.recommendations)


def test_a_summary_is_a_sentence_of_the_situation_and_what_will_be_presented():
    topic = sample_texts.topic_of("Right to water")

    summary = sample_texts.summary(random.Random(5), topic, "Malawi")

    assert "Malawi" in summary
    assert summary.count(". ") == 1
    assert summary.endswith(".")


def test_topic_of_an_unknown_theme_is_the_first_topic():
    assert sample_texts.topic_of("Other") == sample_texts.TOPICS[0]
