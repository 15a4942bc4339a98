"""Load a realistic demo: a series at every stage of its life (see presessions.site.demo),
and a demo staff login.

The dates of the coming series are set relative to today so that each stage stays true
whenever the demo is loaded. Running the command twice changes nothing but the password.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from applications.models import Application
from panels.enums import MatchStatus
from panels.models import RecommendationMatch, Statement, UPRRecommendation
from presessions.models import Series
from presessions.site.demo import after_selection, alerts, calendar, calls, past, record, review

DEMO_USERNAME = "coordinator"


class Command(BaseCommand):
    help = (
        "Load demo data (a series at every stage, from open call to published statements) "
        "and a demo staff login."
    )

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo is never loaded into a production database.")
        # Without a broker the demo's few hundred emails go out in this process, each
        # with a log line that would bury the login printed at the end.
        trace = logging.getLogger("celery.app.trace")
        level = trace.level
        trace.setLevel(logging.WARNING)
        try:
            self._load()
        finally:
            trace.setLevel(level)

    @transaction.atomic
    def _load(self) -> None:
        password, coordinator = self._staff_user()
        today = timezone.localdate()
        published = sum(
            past.publish_past_statements(calendar.past_series(number), by=coordinator)
            for number in calendar.PAST_SESSIONS
        )
        after_selection.run_series_after_selection(
            calendar.series_from_today(
                calendar.PROGRAMME_SESSION, calendar.PROGRAMME_STATES, today
            ),
            by=coordinator,
            today=today,
        )
        calls.run_closed_call(
            calendar.series_from_today(calendar.SELECTION_SESSION, calendar.SELECTION_STATES, today)
        )
        calls.run_open_call(
            calendar.series_from_today(calendar.OPEN_SESSION, calendar.OPEN_SESSION_STATES, today)
        )
        recorded = record.load_sample_record()
        confirmed = sum(
            review.match_past_review(calendar.past_series(number), by=coordinator)
            for number in calendar.PAST_SESSIONS
        )
        alerts.subscribe_demo_alerts()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {Series.objects.count()} series, "
                f"{Application.objects.count()} applications, "
                f"{Statement.objects.filter(published_at__isnull=False).count()} statements "
                f"published ({published} now), "
                f"{UPRRecommendation.objects.count()} UPR recommendations of sample data "
                f"({recorded} now), "
                f"{RecommendationMatch.objects.filter(status=MatchStatus.CONFIRMED).count()} "
                f"matches confirmed ({confirmed} now)."
            )
        )
        self.stdout.write(
            f"Demo staff login at /admin/: user {DEMO_USERNAME!r}, password {password!r}"
        )

    def _staff_user(self) -> tuple[str, User]:
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
        return password, user
