import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from panels.enums import TimetableStatus
from panels.models import Meeting, Placement, Timetable
from panels.programme import scheduling
from panels.selection import services
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory


@pytest.fixture
def table(db, coordinator):
    series = SeriesFactory(session__number=55, starts_on=dt.date(2027, 3, 23))
    for order, country in enumerate(["EC", "KE"], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        ApplicationFactory(presession=presession, speaker_languages=["fr"])
        ApplicationFactory(presession=presession, speaker_languages=["en"])
        panel = services.suggest_panel(presession=presession, by=coordinator)
        services.confirm_panel(panel=panel, by=coordinator)
    return scheduling.prepare_timetable(series=series)


def act(client, name, table):
    return client.post(
        reverse("admin:panels_timetable_changelist"),
        {"action": name, "_selected_action": [table.pk], "post": "yes"},
        follow=True,
    )


def test_coordinator_generates_and_publishes(
    client, coordinator, table, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        generating = act(client, "generate", table)
    response = act(client, "publish", table)

    assert "1 timetable is being generated" in generating.content.decode()
    assert "1 programme published." in response.content.decode()
    assert Timetable.objects.get().status == TimetableStatus.PUBLISHED
    assert all(m.published_start for m in Meeting.objects.all())


def test_reviewer_cannot_generate_or_publish(client, reviewer, table):
    client.force_login(reviewer)

    listing = client.get(reverse("admin:panels_timetable_changelist"))
    act(client, "publish", table)

    assert listing.status_code == 200
    assert listing.context["action_form"] is None
    assert Timetable.objects.get().status == TimetableStatus.DRAFT


def test_timetable_page_shows_each_meetings_interpretation(client, coordinator, table):
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_timetable_change", args=[table.pk])).content.decode()

    assert "French into English" in page


def test_a_move_that_breaks_the_rule_is_refused_with_the_reason(client, coordinator, table):
    scheduling.generate_timetable(series=table.series)
    ecuador = Meeting.objects.get(presession__country="EC")
    kenya = Meeting.objects.get(presession__country="KE")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:panels_meeting_change", args=[kenya.pk]),
        {"day": ecuador.day_id, "room": ecuador.room_id, "starts_at": "10:20"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "It would overlap another meeting in the same room."
    ]
    kenya.refresh_from_db()
    assert kenya.day != ecuador.day


def test_a_valid_move_is_saved_and_pinned(client, coordinator, table):
    scheduling.generate_timetable(series=table.series)
    ecuador = Meeting.objects.get(presession__country="EC")
    kenya = Meeting.objects.get(presession__country="KE")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:panels_meeting_change", args=[kenya.pk]),
        {"day": ecuador.day_id, "room": ecuador.room_id, "starts_at": "11:00"},
    )

    assert response.status_code == 302
    kenya.refresh_from_db()
    assert (kenya.day, kenya.starts_at, kenya.is_pinned) == (ecuador.day, dt.time(11, 0), True)


def test_marking_an_unusable_day_alone_does_not_move_the_meeting(client, coordinator, table):
    kenya = Meeting.objects.get(presession__country="KE")
    tuesday = table.days.first()
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:panels_meeting_change", args=[kenya.pk]),
        {"unavailable_days": [tuesday.pk]},
    )

    assert response.status_code == 302
    kenya.refresh_from_db()
    assert list(kenya.unavailable_days.all()) == [tuesday]
    assert not kenya.is_pinned


def test_marking_the_day_a_meeting_sits_on_as_unusable_is_refused(client, coordinator, table):
    scheduling.generate_timetable(series=table.series)
    kenya = Meeting.objects.get(presession__country="KE")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:panels_meeting_change", args=[kenya.pk]),
        {"day": kenya.day_id, "room": kenya.room_id, "starts_at": kenya.starts_at.strftime("%H:%M"),
         "unavailable_days": [kenya.day_id]},
    )  # fmt: skip

    assert response.context["adminform"].form.non_field_errors() == [
        "Its country cannot use that day."
    ]
    assert kenya.unavailable_days.count() == 0


def test_generation_records_why_it_could_not_fit(
    client, coordinator, table, django_capture_on_commit_callbacks
):
    table.days.exclude(pk=table.days.first().pk).delete()
    table.days.update(ends_at=dt.time(10, 40))
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        act(client, "generate", table)

    table.refresh_from_db()
    assert table.is_generating is False
    assert table.generation_problem == (
        "The meetings need 80 minutes, the mornings hold 40: add a day or lengthen a morning."
    )
    page = client.get(reverse("admin:panels_timetable_change", args=[table.pk])).content.decode()
    assert "the mornings hold 40" in page


def test_a_second_generation_waits_for_the_first(table):
    scheduling.request_generation(series=table.series)

    with pytest.raises(ValidationError):
        scheduling.request_generation(series=table.series)

    Timetable.objects.update(generation_requested_at=timezone.now() - dt.timedelta(hours=1))
    scheduling.request_generation(series=table.series)  # the first worker died: try again


def test_timetable_page_shows_a_speaker_who_asked_for_arabic(client, coordinator, table):
    kenya = Placement.objects.filter(application__presession__country="KE").first().application
    kenya.needs_interpretation = True
    kenya.interpretation_details = "Arabic"
    kenya.save()
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_timetable_change", args=[table.pk])).content.decode()

    assert "Arabic into English" in page
