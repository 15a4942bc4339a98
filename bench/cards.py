"""The cost of the statement cards of the public listing, by how they are rendered:
`.venv/bin/python bench/cards.py`.

A page of the listing shows twenty cards. This renders the same twenty cards (in French,
to count the catalogue's lookups) with Django's template language as the listing did,
with Jinja2 (autoescaping, the same words through Django's gettext), and with the
Python tag the listing uses now (panels/templatetags/statement_cards.py), and prints the
milliseconds per page, best of 5 runs of 200 pages, each beside the others. Figures
only; it never fails.
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presessions.settings")

import django

django.setup()

import jinja2  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from django.utils.formats import date_format  # noqa: E402
from django.utils.text import Truncator  # noqa: E402
from django.utils.translation import gettext, ngettext  # noqa: E402
from django_countries.fields import Country  # noqa: E402

from panels.statements.published import PublicStatement  # noqa: E402
from panels.templatetags.statement_cards import statement_cards  # noqa: E402

PAGES, RUNS = 200, 5

DJANGO_LOOP = """{% load i18n %}{% for statement in statements %}
  <article class="card mb-3">
    <div class="card-body">
      <h2 class="h5 card-title"><a href="{{ statement.get_absolute_url }}">{{ statement.title }}</a></h2>
      <p class="small text-body-secondary mb-2">{% blocktranslate trimmed with number=statement.series_number date=statement.published_at|date:"DATE_FORMAT" %}Pre-sessions {{ number }} · published on {{ date }}{% endblocktranslate %}{% if statement.theme %} · {{ statement.theme }}{% endif %}</p>
      {% if statement.highlight %}<p class="mb-2 search-excerpt">{{ statement.highlight }}</p>{% elif statement.text %}<p class="mb-2">{{ statement.text|truncatewords:50 }}</p>{% endif %}
      <p class="small mb-0">{% blocktranslate trimmed count count=statement.recommendation_count %}{{ count }} recommendation{% plural %}{{ count }} recommendations{% endblocktranslate %}{% if statement.named_organisation %} · <a href="{% url 'panels:statements' %}?organisation={{ statement.named_organisation|urlencode }}">{% blocktranslate with organisation=statement.named_organisation %}All statements of {{ organisation }}{% endblocktranslate %}</a>{% endif %}</p>
    </div>
  </article>
{% endfor %}"""  # noqa: E501 - the listing's template as it was

JINJA_LOOP = """{% for statement in statements %}
  <article class="card mb-3">
    <div class="card-body">
      <h2 class="h5 card-title"><a href="{{ statement.get_absolute_url() }}">{{ statement.title }}</a></h2>
      <p class="small text-body-secondary mb-2">{{ _("Pre-sessions %(number)s · published on %(date)s")|format(number=statement.series_number, date=date(statement.published_at)) }}{% if statement.theme %} · {{ statement.theme }}{% endif %}</p>
      {% if statement.highlight %}<p class="mb-2 search-excerpt">{{ statement.highlight }}</p>{% elif statement.text %}<p class="mb-2">{{ words(statement.text) }}</p>{% endif %}
      <p class="small mb-0">{{ ngettext("%(count)s recommendation", "%(count)s recommendations", statement.recommendation_count)|format(count=statement.recommendation_count) }}{% if statement.named_organisation %} · <a href="{{ listing }}?organisation={{ statement.named_organisation|urlencode }}">{{ _("All statements of %(organisation)s")|format(organisation=statement.named_organisation) }}</a>{% endif %}</p>
    </div>
  </article>
{% endfor %}"""  # noqa: E501


def sample() -> list[PublicStatement]:
    published = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
    text = " ".join(["Journalists in the provinces are detained without charge."] * 12)
    return [
        PublicStatement(
            series_number=48,
            country=Country("KE"),
            position=n,
            organisation="Haki Watch" if n % 2 else "An organisation from Kenya",
            named_organisation="Haki Watch" if n % 2 else "",
            organisation_country=Country("KE"),
            theme="Right to health",
            language="en",
            text=text,
            file=None,
            published_at=published - dt.timedelta(days=n),
            recommendation_count=n % 4,
        )
        for n in range(1, 21)
    ]


def best_ms(render) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for _page in range(PAGES):
            render()
        times.append((time.perf_counter() - started) / PAGES * 1000)
    return min(times)


def main() -> None:
    statements = sample()
    django_loop = engines["django"].from_string(DJANGO_LOOP)
    environment = jinja2.Environment(autoescape=True)
    environment.globals.update(
        _=gettext,
        ngettext=ngettext,
        date=lambda value: date_format(timezone.localtime(value), "DATE_FORMAT"),
        words=lambda text: Truncator(text).words(50, truncate=" …"),
    )
    jinja_loop = environment.from_string(JINJA_LOOP)
    with translation.override("fr"):
        listing = reverse("panels:statements")
        results = {
            "Django templates (the listing before)": best_ms(
                lambda: django_loop.render({"statements": statements})
            ),
            "Jinja2": best_ms(lambda: jinja_loop.render(statements=statements, listing=listing)),
            "Python tag (the listing now)": best_ms(lambda: statement_cards(statements)),
        }
    print(f"20 statement cards, ms per page (best of {RUNS} x {PAGES} pages):")
    slowest = max(results.values())
    for name, ms in results.items():
        print(f"  {name:<40} {ms:6.2f} ms  ({slowest / ms:4.1f}x)")


if __name__ == "__main__":
    main()
