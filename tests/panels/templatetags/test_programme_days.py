"""The programme's days written in Python give what their template loop gave."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation
from django_countries.fields import Country
from hypothesis import given, settings
from hypothesis import strategies as st

from panels.programme.documents import PublicDocument
from panels.programme.interpretation import Interpretation
from panels.programme.public import (
    GENEVA,
    Programme,
    ProgrammeDay,
    ProgrammeMeeting,
    ProgrammeSeries,
)
from panels.templatetags.programme_days import programme_days

# The loop of the programme's page and print view, before it became a tag.
DAYS_LOOP = """{% load dates i18n tz %}
{% timezone "Europe/Zurich" %}
{% for day in programme.days %}
  <section aria-labelledby="day-{{ forloop.counter }}" class="mb-4">
    <h2 id="day-{{ forloop.counter }}" class="h3">{{ day.date|long_date }}</h2>
    <ul class="list-unstyled">
    {% for meeting in day.meetings %}
      <li class="border-top py-3">
        <h3 class="h5 mb-1">{{ meeting.start|time:"H:i" }}–{{ meeting.end|time:"H:i" }} · {{ meeting.country.name }}</h3>
        <p class="mb-1">{% translate "Room:" %} {{ meeting.room }}</p>
        {% if meeting.speakers_to_be_confirmed %}
          <p class="mb-1">{% translate "Speakers to be confirmed." %}</p>
        {% else %}
          <p class="mb-1">{% translate "Speakers:" %} {{ meeting.organisations|join:"; " }}</p>
          <p class="mb-1">{% translate "Interpretation:" %}
            {{ meeting.interpreted_into_english|join:", " }}{% if meeting.interpretation.needs_simultaneous %}{% if meeting.interpreted_into_english %}; {% endif %}{% translate "simultaneous interpretation is being arranged" %}{% elif not meeting.interpreted_into_english %}{% translate "none needed (English)" %}{% endif %}
          </p>
        {% endif %}
        {% if meeting.documents %}
          <p class="mb-1 mt-2">{% translate "Documents from observers for the missions:" %}</p>
          <ul class="mb-1">
          {% for document in meeting.documents %}
            <li>{% if printable %}{{ document.title }}{% else %}<a href="{{ document.url }}">{{ document.title }}</a>{% endif %} ({{ document.organisation }})</li>
          {% endfor %}
          </ul>
        {% endif %}
        {% if not printable %}<p class="mb-0 small"><a href="{% url 'panels:meeting-ics' programme.series.number meeting.alpha3 %}">{% blocktranslate with country=meeting.country.name %}Add the meeting on {{ country }} to a calendar{% endblocktranslate %}</a></p>{% endif %}
      </li>
    {% endfor %}
    </ul>
  </section>
{% endfor %}
{% endtimezone %}
"""  # noqa: E501 - the template as it was

hostile = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["<script>alert(1)</script>", "a \"b\" 'c'", "x & y", "&lt;", "O'Brien"]),
)
interpretations = st.builds(
    Interpretation,
    into_english_from=st.sampled_from([(), ("fr",), ("es",), ("fr", "es")]),
    other_language_speakers=st.integers(min_value=0, max_value=3),
    needs_simultaneous=st.booleans(),
    from_other_languages=st.sampled_from([(), ("ar",), ("zh", "other"), ("ru", "pt")]),
)
documents = st.builds(
    PublicDocument,
    title=hostile,
    organisation=hostile,
    file_name=st.just("presession-49-TUN-observer-document-1.pdf"),
    url=st.sampled_from(["/en/series/49/documents/1/", '/x?a=1&b="2"']),
)


@st.composite
def programmes(draw):
    number = draw(st.integers(min_value=1, max_value=99))
    days = []
    day = dt.date(2027, 3, 22)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        day += dt.timedelta(days=draw(st.integers(min_value=1, max_value=3)))
        meetings = []
        for hour in range(draw(st.integers(min_value=1, max_value=3))):
            start = dt.datetime(day.year, day.month, day.day, 9 + 2 * hour, 30, tzinfo=GENEVA)
            meetings.append(
                ProgrammeMeeting(
                    country=Country(draw(st.sampled_from(["CI", "FR", "KP", "CD", "TN"]))),
                    # Kept in UTC as a stored value would be: Geneva's time is shown.
                    start=start.astimezone(dt.UTC),
                    end=(start + dt.timedelta(minutes=90)).astimezone(dt.UTC),
                    room=draw(hostile),
                    organisations=tuple(draw(st.lists(hostile, max_size=3))),
                    interpretation=draw(interpretations),
                    documents=tuple(draw(st.lists(documents, max_size=2))),
                )
            )
        days.append(ProgrammeDay(date=day, meetings=tuple(meetings)))
    series = ProgrammeSeries(
        number=number,
        title="Pre-sessions",
        starts_on=dt.date(2027, 3, 22),
        ends_on=dt.date(2027, 3, 26),
        venue="Geneva",
    )
    return Programme(series=series, days=tuple(days))


@settings(max_examples=80, deadline=None)
@given(programmes(), st.booleans(), st.sampled_from(["en", "fr", "es"]))
def test_programme_days_are_the_templates(programme, printable, language):
    with translation.override(language):
        expected = Template(DAYS_LOOP).render(
            Context({"programme": programme, "printable": printable})
        )
        assert programme_days(programme, printable) == expected


def test_a_programme_without_days_is_its_blank_lines():
    series = ProgrammeSeries(1, "Pre-sessions", dt.date(2027, 3, 22), dt.date(2027, 3, 26), "")

    assert programme_days(Programme(series=series, days=())) == "\n\n\n\n"
