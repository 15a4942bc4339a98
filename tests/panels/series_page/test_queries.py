"""The read behind the series page: the stage of a series as it moves on, the counts of
each country, and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.enums import ApplicationStatus
from applications.models import Application
from panels.enums import Outcome, Sharing
from panels.models import Panel, Placement, Statement, Timetable
from panels.programme import scheduling
from panels.selection import services
from panels.series_page.queries import series_overview
from panels.series_page.stages import Stage, StepKind
from panels.statements.services import publish_statements
from presessions.models import Series
from tests.factories import SeriesFactory, StatementFactory

from .conftest import build_series


def suggest_all(series, by):
    for presession in series.presessions.all():
        services.suggest_panel(presession=presession, by=by)


def confirm_all(series, by):
    for panel in Panel.objects.filter(presession__series=series):
        services.confirm_panel(panel=panel, by=by)


def send_all(series, by):
    for panel in Panel.objects.filter(presession__series=series):
        services.send_outcomes(panel=panel, by=by)


def test_a_series_whose_call_is_open_waits(db):
    series = SeriesFactory()

    overview = series_overview(series.pk)

    assert (overview.stage, overview.steps, overview.next_step) == (Stage.CALL_OPEN, (), None)


def test_each_step_moves_the_series_to_the_next_stage(closed_series, coordinator):
    series = closed_series
    panels = lambda: tuple(  # noqa: E731
        Panel.objects.filter(presession__series=series).order_by("presession__review_order")
        .values_list("pk", flat=True)
    )  # fmt: skip

    first = series_overview(series.pk)
    assert (first.stage, first.next_step) == (Stage.CALL_CLOSED, StepKind.SUGGEST_PANELS)

    suggest_all(series, coordinator)
    suggested = series_overview(series.pk)
    assert (suggested.stage, suggested.next_step) == (
        Stage.PANELS_SUGGESTED, StepKind.CONFIRM_PANELS
    )  # fmt: skip
    assert suggested.facts.draft_panels == panels()

    confirm_all(series, coordinator)
    confirmed = series_overview(series.pk)
    assert (confirmed.stage, confirmed.next_step) == (
        Stage.PANELS_CONFIRMED, StepKind.SEND_OUTCOMES
    )  # fmt: skip
    assert confirmed.facts.confirmed_panels_with_unsent == panels()

    send_all(series, coordinator)
    sent = series_overview(series.pk)
    assert (sent.stage, sent.next_step) == (Stage.OUTCOMES_SENT, StepKind.PREPARE_TIMETABLE)

    scheduling.prepare_timetable(series=series)
    prepared = series_overview(series.pk)
    assert (prepared.stage, prepared.next_step) == (
        Stage.TIMETABLE_PREPARED, StepKind.GENERATE_TIMETABLE
    )  # fmt: skip
    assert prepared.timetable_id == Timetable.objects.get(series=series).pk

    scheduling.generate_timetable(series=series)
    generated = series_overview(series.pk)
    assert (generated.stage, generated.steps) == (
        Stage.TIMETABLE_GENERATED,
        (StepKind.PUBLISH_PROGRAMME, StepKind.GENERATE_TIMETABLE),
    )

    scheduling.publish_programme(series=series, by=coordinator)
    published = series_overview(series.pk)
    assert (published.stage, published.steps) == (Stage.PROGRAMME_PUBLISHED, ())


def test_after_the_series_the_statements_are_published(closed_series, coordinator):
    series = closed_series
    suggest_all(series, coordinator)
    confirm_all(series, coordinator)
    send_all(series, coordinator)
    scheduling.generate_timetable(series=series)
    scheduling.publish_programme(series=series, by=coordinator)
    today = timezone.localdate()
    Series.objects.filter(pk=series.pk).update(
        starts_on=today - dt.timedelta(days=10), ends_on=today - dt.timedelta(days=7)
    )
    speaker = Placement.objects.filter(outcome=Outcome.SELECTED).first().application
    shared = StatementFactory(application=speaker, sharing=Sharing.NAMED)
    StatementFactory(  # its speaker shares nothing: never to publish
        application=Placement.objects.filter(outcome=Outcome.SELECTED).last().application
    )

    over = series_overview(series.pk)
    assert (over.stage, over.next_step) == (Stage.SERIES_OVER, StepKind.PUBLISH_STATEMENTS)
    assert over.facts.statements_to_publish == (shared.pk,)

    publish_statements(statements=Statement.objects.all(), by=coordinator)
    done = series_overview(series.pk)
    assert (done.stage, done.steps) == (Stage.STATEMENTS_PUBLISHED, ())


def test_a_reopened_panel_takes_the_series_back_to_confirming(closed_series, coordinator):
    series = closed_series
    suggest_all(series, coordinator)
    confirm_all(series, coordinator)
    send_all(series, coordinator)
    kenya = Panel.objects.get(presession__country="KE")

    services.reopen_panel(panel=kenya, by=coordinator)

    overview = series_overview(series.pk)
    assert (overview.stage, overview.facts.draft_panels) == (Stage.PANELS_SUGGESTED, (kenya.pk,))
    assert overview.next_step == StepKind.CONFIRM_PANELS


def test_outcomes_of_confirmed_panels_can_be_sent_before_every_panel_is_confirmed(
    closed_series, coordinator
):
    suggest_all(closed_series, coordinator)
    kenya = Panel.objects.get(presession__country="KE")
    services.confirm_panel(panel=kenya, by=coordinator)

    overview = series_overview(closed_series.pk)

    assert overview.stage == Stage.PANELS_SUGGESTED
    assert overview.steps == (StepKind.CONFIRM_PANELS, StepKind.SEND_OUTCOMES)
    assert overview.facts.confirmed_panels_with_unsent == (kenya.pk,)


def test_a_country_without_eligible_applications_does_not_hold_the_series_back(
    closed_series, coordinator
):
    from tests.factories import PreSessionFactory

    PreSessionFactory(series=closed_series, country="UG", review_order=9)
    suggest_all(closed_series, coordinator)

    overview = series_overview(closed_series.pk)

    assert overview.stage == Stage.PANELS_SUGGESTED
    uganda = overview.countries[-1]
    assert (uganda.country, uganda.received, uganda.is_suggested) == ("Uganda", 0, False)


def test_each_country_is_counted(closed_series, coordinator):
    series = closed_series
    kenya_apps = list(Application.objects.filter(presession__country="KE").order_by("pk"))
    extra = Application.objects.filter(presession__country="SN").order_by("pk").last()
    Application.objects.filter(pk=extra.pk).update(status=ApplicationStatus.WITHDRAWN)
    suggest_all(series, coordinator)
    confirm_all(series, coordinator)
    sent_at = timezone.now() - dt.timedelta(hours=12)
    for panel in Panel.objects.all():
        services.send_outcomes(panel=panel, by=coordinator, now=sent_at)
    speakers = list(
        Placement.objects.filter(panel__presession__country="KE", outcome=Outcome.SELECTED)
        .order_by("application__pk")
    )  # fmt: skip
    services.respond_to_invitation(application=speakers[0].application, accept=True)
    scheduling.generate_timetable(series=series)
    StatementFactory(application=speakers[0].application, sharing=Sharing.NAMED)

    kenya, senegal = series_overview(series.pk).countries

    assert (kenya.country, kenya.received, kenya.withdrawn, kenya.eligible, kenya.rated) == (
        "Kenya", 3, 0, 3, 1
    )  # fmt: skip
    assert {t.value: t.count for t in kenya.by_scope} == {
        "grassroots": 1, "national": 1, "regional": 0, "international": 1
    }  # fmt: skip
    assert {t.value: t.count for t in kenya.by_gender} == {
        "woman": 2, "man": 1, "other": 0, "undisclosed": 0
    }  # fmt: skip
    # The panel: the best balanced pair of two seats is the national woman and the man.
    assert {p.application for p in speakers} == {kenya_apps[0], kenya_apps[1]}
    assert (kenya.panel_status, kenya.speakers, kenya.waitlisted, kenya.themes) == (
        "confirmed", 2, 1, 1
    )  # fmt: skip
    assert {t.value: t.count for t in kenya.speaker_genders if t.count} == {"woman": 1, "man": 1}
    assert kenya.languages == ("French", "Spanish")
    assert kenya.interpretation == "French into English, Spanish into English"
    assert (kenya.confirmed, kenya.declined, kenya.awaiting) == (1, 0, 1)
    assert kenya.awaiting_since == sent_at
    assert kenya.outcomes_to_send == 0
    assert kenya.meeting is not None and kenya.meeting.date is not None
    assert (kenya.meeting.starts_at, kenya.meeting.room, kenya.meeting.is_published) == (
        dt.time(10, 0), "Room XXIV", False
    )  # fmt: skip
    assert (kenya.statements_received, kenya.statements_published) == (1, 0)
    assert (senegal.received, senegal.withdrawn, senegal.eligible) == (3, 1, 2)
    assert (senegal.statements_received, senegal.awaiting_since) == (0, sent_at)


@pytest.mark.parametrize("stage", ["suggested", "published"])
def test_the_overview_runs_as_many_queries_for_fourteen_countries_as_for_one(
    db, coordinator, stage
):
    def queries_for(countries: int, number: int) -> int:
        series = build_series(countries, number=number)
        suggest_all(series, coordinator)
        if stage == "published":
            confirm_all(series, coordinator)
            send_all(series, coordinator)
            for placement in Placement.objects.filter(panel__presession__series=series):
                if placement.outcome == Outcome.SELECTED:
                    services.respond_to_invitation(application=placement.application, accept=True)
            scheduling.generate_timetable(series=series)
            scheduling.publish_programme(series=series, by=coordinator)
            for placement in Placement.objects.filter(
                panel__presession__series=series, response="confirmed"
            ):
                StatementFactory(application=placement.application, sharing=Sharing.NAMED)
        with CaptureQueriesContext(connection) as queries:
            overview = series_overview(series.pk)
        assert len(overview.countries) == countries
        return len(queries)

    assert queries_for(14, 56) == queries_for(1, 55)
