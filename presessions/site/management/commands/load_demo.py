"""Load a realistic demo: past series 49 and 50 with their real States, and a series
whose call is open now, for Working Group session 55 (the first of the 5th cycle,
which reviews again the States of session 41), with about 60 applications.

The dates of the open series are set relative to today so that its call is open
whenever the demo is loaded. Running the command twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from applications.enums import Gender, Language, OrganisationType, Scope
from applications.models import Application
from applications.services import next_reference
from panels.enums import Outcome, PanelStatus, Response, Sharing
from panels.management.commands.load_sample_statements import (
    recommendation_text,
    statement_text,
)
from panels.models import Panel, Placement, Statement
from panels.statements import services as statements
from presessions.models import PreSession, Series, Theme, WorkingGroupSession

DEMO_USERNAME = "coordinator"

# The Working Group's order, from the public record (see the README's data sources).
PAST_SESSIONS = {
    49: (
        dt.date(2025, 4, 28),
        dt.date(2025, 5, 9),
        ["AM", "GD", "GN", "GW", "GY", "KE", "KI", "KW", "KG", "LS", "LA", "ES", "SE", "TR"],
    ),
    50: (
        dt.date(2025, 11, 3),
        dt.date(2025, 11, 14),
        ["MV", "AD", "BY", "BG", "HR", "HN", "JM", "LY", "LR", "MW", "MN", "MH", "PA"],
    ),
}
OPEN_SESSION = 55
OPEN_SESSION_STATES = [
    "BH", "EC", "TN", "MA", "ID", "FI", "GB", "IN", "DZ", "PH", "BR", "PL", "NL", "ZA",
]  # fmt: skip

# How many applications each State of the open series gets (60 in all; some none).
APPLICATIONS_PER_STATE = [7, 6, 4, 5, 3, 1, 2, 8, 4, 6, 7, 3, 0, 4]

FIRST_NAMES = {
    Gender.WOMAN: ["Amina", "Lucía", "Fatima", "Priya", "Maria", "Nadia", "Grace", "Leila",
                   "Ana", "Siti", "Thandiwe", "Joanna", "Salma", "Camila", "Anjali"],
    Gender.MAN: ["Karim", "José", "Rahul", "Youssef", "Daniel", "Tomasz", "Ahmed", "Budi",
                 "Sipho", "Carlos", "Mehdi", "Rafael", "Arjun", "Omar", "Pieter"],
    Gender.OTHER: ["Alex", "Sam", "Noor"],
    Gender.UNDISCLOSED: ["R.", "M.", "J."],
}  # fmt: skip
LAST_NAMES = ["Benali", "García", "Sharma", "Haddad", "Santos", "Kowalski", "Nkosi", "Rahman",
              "Wijaya", "Torres", "Mansour", "Costa", "Dlamini", "Nowak", "Reyes", "Iyer",
              "Ouali", "Pereira", "Sari", "Jansen"]  # fmt: skip
ORGANISATION_PATTERNS = [
    "{adjective} Network for {cause}",
    "Association for {cause}",
    "{adjective} Coalition on {cause}",
    "Centre for {cause} Studies",
    "{adjective} Women's Forum",
    "Youth for {cause}",
    "Observatory of {cause}",
    "Foundation for {cause}",
]
ADJECTIVES = ["National", "Grassroots", "Citizens'", "Rural", "Coastal", "United", "Independent"]
CAUSES = ["Human Rights", "Justice", "Dignity", "Equality", "Free Expression", "Land Rights",
          "Children's Rights", "Migrant Workers", "Disability Rights", "Clean Water"]  # fmt: skip
SUMMARIES = [
    "We document cases in rural districts and will present the main developments since the "
    "last review, with recommendations on implementation and follow-up.",
    "Our coalition consulted member organisations in every region; we will present the "
    "situation of the rights concerned and three concrete recommendations.",
    "We will show the progress made since the last cycle, the gaps that remain, and what "
    "recommending States can ask for, with time-bound targets.",
]


def _tuesday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class Command(BaseCommand):
    help = "Load demo data (series, States under Review, applications) and a demo staff login."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo is never loaded into a production database.")
        for number, (starts, ends, states) in PAST_SESSIONS.items():
            series_start = _tuesday_on_or_after(starts - dt.timedelta(days=31))
            self._series(
                number,
                starts,
                ends,
                states,
                series_start,
                call_opens=_at(series_start - dt.timedelta(days=120), 9),
                call_closes=_at(series_start - dt.timedelta(days=50), 23, 59),
            )
        today = timezone.localdate()
        series_start = _tuesday_on_or_after(today + dt.timedelta(days=110))
        wg_start = series_start + dt.timedelta(days=34)
        series = self._series(
            OPEN_SESSION,
            wg_start,
            wg_start + dt.timedelta(days=11),
            OPEN_SESSION_STATES,
            series_start,
            call_opens=_at(today - dt.timedelta(days=14), 9),
            call_closes=_at(today + dt.timedelta(days=60), 23, 59),
        )
        created = self._applications(series)
        password = self._staff_user()
        statements = sum(
            self._published_statements(Series.objects.get(session__number=number))
            for number in PAST_SESSIONS
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {Series.objects.count()} series, "
                f"{Application.objects.count()} applications ({created} new), "
                f"{statements} statements published."
            )
        )
        self.stdout.write(
            f"Demo staff login at /admin/: user {DEMO_USERNAME!r}, password {password!r}"
        )

    def _series(self, number, wg_starts, wg_ends, states, series_start, *, call_opens, call_closes):
        session, _ = WorkingGroupSession.objects.get_or_create(
            number=number, defaults={"starts_on": wg_starts, "ends_on": wg_ends}
        )
        series, _ = Series.objects.get_or_create(
            session=session,
            defaults={
                "starts_on": series_start,
                "ends_on": series_start + dt.timedelta(days=3),
                "call_opens_at": call_opens,
                "call_closes_at": call_closes,
            },
        )
        for order, code in enumerate(states, start=1):
            PreSession.objects.get_or_create(
                series=series, country=code, defaults={"review_order": order}
            )
        return series

    def _applications(self, series: Series) -> int:
        if Application.objects.filter(presession__series=series).exists():
            return 0
        rng = random.Random(OPEN_SESSION)
        themes = list(Theme.objects.filter(is_active=True))
        presessions = list(series.presessions.order_by("review_order"))
        created = 0
        submitted = timezone.now() - dt.timedelta(days=13)
        for presession, count in zip(presessions, APPLICATIONS_PER_STATE, strict=True):
            names: set[str] = set()
            while len(names) < count:
                names.add(
                    rng.choice(ORGANISATION_PATTERNS).format(
                        adjective=rng.choice(ADJECTIVES), cause=rng.choice(CAUSES)
                    )
                )
            for name in sorted(names):
                created += 1
                submitted += dt.timedelta(hours=rng.randint(1, 5))
                self._application(rng, presession, name, themes, submitted)
        return created

    def _published_statements(self, series: Series) -> int:
        """Three speakers per State of a past series, each with a statement published
        after the series; some asked not to be named, some kept a recommendation private."""
        if Statement.objects.filter(presession__series=series).exists():
            return 0
        rng = random.Random(series.number)
        themes = list(Theme.objects.filter(is_active=True))
        coordinator = get_user_model().objects.get(username=DEMO_USERNAME)
        submitted = timezone.make_aware(dt.datetime.combine(series.starts_on, dt.time(9)))
        submitted -= dt.timedelta(days=80)
        for presession in series.presessions.order_by("review_order"):
            panel, _ = Panel.objects.get_or_create(
                presession=presession, defaults={"status": PanelStatus.CONFIRMED}
            )
            names = rng.sample(ORGANISATION_PATTERNS, 3)
            for pattern in names:
                name = pattern.format(adjective=rng.choice(ADJECTIVES), cause=rng.choice(CAUSES))
                application = self._application(rng, presession, name, themes, submitted)
                Placement.objects.create(
                    panel=panel,
                    application=application,
                    outcome=Outcome.SELECTED,
                    response=Response.CONFIRMED,
                    reason_code="selected",
                    notified_outcome=Outcome.SELECTED,
                )
                anonymous = application.has_safety_concerns
                shared = Sharing.ANONYMOUS if anonymous else Sharing.NAMED
                statements.save_statement(
                    application=application,
                    language="en",
                    theme=application.main_theme,
                    text=statement_text(rng, presession.country.name),
                    sharing=shared,
                    recommendations=[
                        statements.RecommendationInput(
                            recommendation_text(rng),
                            rng.choice(themes),
                            Sharing.PRIVATE if rng.random() < 0.1 else shared,
                        )
                        for _ in range(rng.choice([2, 3]))
                    ],
                )
        report = statements.publish_statements(
            statements=Statement.objects.filter(presession__series=series), by=coordinator
        )
        return report.published

    def _application(self, rng, presession, name, themes, submitted) -> Application:
        gender = rng.choices(list(Gender), weights=[50, 42, 4, 4])[0]
        speaker = f"{rng.choice(FIRST_NAMES[gender])} {rng.choice(LAST_NAMES)}"
        scope = rng.choices(list(Scope), weights=[30, 45, 15, 10])[0]
        languages = rng.choice([["en"], ["fr"], ["es"], ["en", "fr"], ["es", "en"], ["ar", "fr"],
                                ["pt", "en"], ["ar"]])  # fmt: skip
        main_theme, *related = rng.sample(themes, 3)
        slug = "".join(c for c in name.lower() if c.isalnum())[:20]
        needs_funding = rng.random() < 0.35
        sequence, reference = next_reference(presession)
        application = Application.objects.create(
            presession=presession,
            sequence=sequence,
            reference=reference,
            language=rng.choice(["en", "en", "fr", "es"]),
            organisation_name=name,
            organisation_country=presession.country.code,
            organisation_website=f"https://{slug}.example.org",
            organisation_type=rng.choices(list(OrganisationType), weights=[90, 10])[0],
            scope=scope,
            is_national_coalition=rng.random() < 0.3,
            contact_email=f"contact@{slug}.example.org",
            submitted_upr_report=rng.random() < 0.6,
            main_theme=main_theme,
            summary=rng.choice(SUMMARIES),
            speaker_name=speaker,
            speaker_email=f"{speaker.split()[0].lower().strip('.')}@{slug}.example.org",
            speaker_gender=gender,
            speaker_languages=languages,
            needs_interpretation=not set(languages) & {"en", "fr", "es"} or "en" not in languages,
            interpretation_details=", ".join(
                str(Language(code).label) for code in languages if code != "en"
            ),
            needs_funding=needs_funding,
            funding_amount=rng.choice([800, 1200, 1500, 2000]) if needs_funding else None,
            funding_reason="Travel and three nights in Geneva." if needs_funding else "",
            has_safety_concerns=rng.random() < 0.15,
            # About half already reviewed, so that the suggested panels have ratings to use.
            rating=rng.choice([None, None, 0, 1, 2, 3]),
            consent_given_at=submitted,
        )
        application.related_themes.set(related[: rng.randint(0, 2)])
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted)
        return application

    def _staff_user(self) -> str:
        """The demo coordinator, with a new random password at each load (printed)."""
        password = secrets.token_urlsafe(9)
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEMO_USERNAME).first()
        if user is None:
            user = user_model.objects.create_superuser(
                DEMO_USERNAME, "coordinator@example.org", password
            )
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        coordinators = Group.objects.filter(name="Coordinators").first()
        if coordinators:
            user.groups.add(coordinators)  # so that it receives the coordinators' emails
        return password
