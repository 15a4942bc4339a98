"""Fill the archive with many published, synthetic statements, to try the statement pages
at scale: `manage.py load_sample_statements --count 10000`.

Each statement has three recommendations. About one speaker in ten asked not to be
named and one recommendation in ten is not shared, as in real series. The sample series
are numbered from 101, in the past, so they never mix with real ones; running it again
adds nothing if that many sample statements exist.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from applications.enums import Gender, OrganisationType, Scope
from applications.models import Application
from panels.enums import Sharing, StatementLanguage
from panels.management import sample_texts
from panels.models import Recommendation, Statement
from panels.statements import search
from presessions.countries import un_member_codes
from presessions.models import PreSession, Series, Theme, WorkingGroupSession

FIRST_SAMPLE_SESSION = 101
STATES_PER_SERIES = 14
STATEMENTS_PER_STATE = 5

_ORGANISATION_WORDS = ["Rights", "Justice", "Voices", "Forum", "Network", "Coalition",
                       "Watch", "Alliance", "Initiative", "Centre"]  # fmt: skip


@transaction.atomic
def load_sample_statements(count: int, *, seed: int = 7) -> int:
    """Create `count` published statements (if fewer sample ones exist); return how many
    were created."""
    existing = Statement.objects.filter(
        presession__series__session__number__gte=FIRST_SAMPLE_SESSION
    ).count()
    if existing >= count:
        return 0
    rng = random.Random(seed + existing)
    themes = {theme.name: theme for theme in Theme.objects.filter(is_active=True)}
    fallback = next(iter(themes.values()))
    states = list(un_member_codes())
    per_series = STATES_PER_SERIES * STATEMENTS_PER_STATE
    first = FIRST_SAMPLE_SESSION + existing // per_series + (1 if existing % per_series else 0)
    to_create = count - existing
    series_needed = -(-to_create // per_series)
    now = timezone.now()
    created = 0
    for offset in range(series_needed):
        number = first + offset
        wg_start = dt.date(2012, 1, 9) + dt.timedelta(weeks=3 * (number - FIRST_SAMPLE_SESSION))
        session, _created = WorkingGroupSession.objects.get_or_create(
            number=number,
            defaults={"starts_on": wg_start, "ends_on": wg_start + dt.timedelta(days=11)},
        )
        series_start = wg_start - dt.timedelta(days=35)
        series = Series.objects.create(
            session=session,
            starts_on=series_start,
            ends_on=series_start + dt.timedelta(days=3),
            call_opens_at=timezone.make_aware(dt.datetime.combine(series_start, dt.time(9)))
            - dt.timedelta(days=120),
            call_closes_at=timezone.make_aware(dt.datetime.combine(series_start, dt.time(9)))
            - dt.timedelta(days=60),
        )
        chosen = rng.sample(states, STATES_PER_SERIES)
        presessions = PreSession.objects.bulk_create(
            PreSession(series=series, country=code, review_order=n)
            for n, code in enumerate(chosen, start=1)
        )
        applications: list[Application] = []
        topics: list[sample_texts.Topic] = []
        for presession in presessions:
            for position in range(1, STATEMENTS_PER_STATE + 1):
                if created + len(applications) >= to_create:
                    break
                name = " ".join(rng.sample(_ORGANISATION_WORDS, 2))
                topic = rng.choice(sample_texts.topics_for(presession.country.code))
                topics.append(topic)
                applications.append(
                    Application(
                        presession=presession,
                        sequence=position,
                        reference=f"PS{number}-{presession.country.alpha3}-{position:04d}",
                        language="en",
                        organisation_name=f"{presession.country.name} {name} {position}",
                        organisation_country=presession.country.code,
                        organisation_type=OrganisationType.CSO,
                        scope=rng.choice(list(Scope)),
                        is_national_coalition=rng.random() < 0.2,
                        contact_email=f"contact{number}-{presession.pk}-{position}@example.org",
                        submitted_upr_report=False,
                        main_theme=themes.get(topic.theme) or fallback,
                        summary="Sample application.",
                        speaker_name="Sample Speaker",
                        speaker_email=f"speaker{number}-{presession.pk}-{position}@example.org",
                        speaker_gender=rng.choice([Gender.WOMAN, Gender.MAN]),
                        speaker_languages=["en"],
                        consent_given_at=now,
                    )
                )
        applications = Application.objects.bulk_create(applications)
        statements, recommendations = [], []
        for application, topic in zip(applications, topics, strict=True):
            published = timezone.make_aware(
                dt.datetime.combine(series.ends_on + dt.timedelta(days=14), dt.time(10))
            ) + dt.timedelta(minutes=application.sequence)
            statement = Statement(
                application=application,
                presession=application.presession,
                position=application.sequence,
                language=StatementLanguage.EN,
                theme=application.main_theme,
                text=sample_texts.statement_text(rng, topic, application.presession.country.name),
                sharing=Sharing.ANONYMOUS if rng.random() < 0.1 else Sharing.NAMED,
                published_at=published,
            )
            items = [
                Recommendation(
                    position=n,
                    text=text,
                    theme=application.main_theme if rng.random() < 0.8 else None,
                    sharing=Sharing.PRIVATE
                    if rng.random() < 0.1
                    else (
                        Sharing.ANONYMOUS
                        if statement.sharing == Sharing.ANONYMOUS
                        else Sharing.NAMED
                    ),
                )
                for n, text in enumerate(sample_texts.recommendation_texts(rng, topic, 3), start=1)
            ]
            statement.search_document = search.document_for(statement, items)
            statement.shares_anything = statement.sharing != Sharing.PRIVATE or any(
                item.sharing != Sharing.PRIVATE for item in items
            )
            statements.append((statement, items))
        Statement.objects.bulk_create(s for s, _items in statements)
        for statement, items in statements:
            for item in items:
                item.statement = statement
                recommendations.append(item)
        Recommendation.objects.bulk_create(recommendations, batch_size=2000)
        created += len(statements)
    search.refresh_vectors(Statement.objects.filter(presession__series__session__number__gte=first))
    return created


class Command(BaseCommand):
    help = "Add many published sample statements, to try the statement pages at scale."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **options) -> None:
        created = load_sample_statements(options["count"], seed=options["seed"])
        self.stdout.write(
            f"{created} sample statements added; {Statement.objects.count()} statements in all."
        )
