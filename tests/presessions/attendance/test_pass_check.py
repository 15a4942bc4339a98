"""At the door: the pass check says whether the pass is valid today, records each entry
when the button is pressed, and says who let the holder in already today."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from presessions.attendance import accreditation
from presessions.enums import AccreditationStatus
from presessions.models import Accreditation, CheckIn
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def door(django_user_model):
    user = django_user_model.objects.create_user(
        "door", password="x", is_staff=True, first_name="Dora", last_name="Keeper"
    )
    user.groups.add(Group.objects.get(name="Door"))
    return user


def holder_of(series, days, status=AccreditationStatus.APPROVED, email="ana@example.org"):
    return Accreditation.objects.create(
        series=series, name="Ana Reyes", email=email, category="media",
        organisation="Radio Ginebra", country="ES", language="en", status=status,
        days=[day.isoformat() for day in days],
    )  # fmt: skip


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def running_series(today):
    """A series held this week: today is its second day."""
    return SeriesFactory(
        session__number=60, starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=2),
    )  # fmt: skip


@pytest.fixture
def march_series():
    return SeriesFactory(
        session__number=55, starts_on=dt.date(2027, 3, 23), ends_on=dt.date(2027, 3, 26)
    )


def check_url(holder):
    return reverse("accreditation-check", args=[accreditation.pass_token(holder)])


def at_geneva(day, hour, minute):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=GENEVA)


# Today a pass day or not ----------------------------------------------------------------


def test_a_pass_for_other_days_says_which_days_and_is_not_a_green_ok(client, door, march_series):
    holder = holder_of(march_series, [dt.date(2027, 3, 23), dt.date(2027, 3, 24)])
    client.force_login(door)

    response = client.get(check_url(holder))

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "This pass is not valid today: it is for Tuesday, March 23, 2027 and Wednesday, March "
        "24, 2027." in page
    )
    assert '<h1 class="text-danger" id="not-today">Not valid today</h1>' in page
    assert "Valid pass" not in page
    assert "text-success" not in page
    assert ">Check in<" not in page


def test_a_pass_for_today_is_valid_with_a_check_in_button(client, door, running_series, today):
    holder = holder_of(running_series, [today, today + dt.timedelta(days=1)])
    client.force_login(door)

    page = client.get(check_url(holder)).content.decode()

    assert '<h1 class="text-success">Valid pass</h1>' in page
    assert "not valid today" not in page
    assert ">Check in</button>" in page


def test_a_revoked_pass_for_today_is_still_refused(client, door, running_series, today):
    holder = holder_of(running_series, [today], status=AccreditationStatus.REVOKED)
    client.force_login(door)

    page = client.get(check_url(holder)).content.decode()

    assert "Not valid: revoked" in page
    assert "Check in" not in page


def test_the_days_of_the_message_are_in_the_language_of_the_page(client, door, march_series):
    holder = holder_of(march_series, [dt.date(2027, 3, 23), dt.date(2027, 3, 24)])
    client.force_login(door)

    page = client.get(check_url(holder), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "mardi 23 mars" in page and "mercredi 24 mars" in page


# Check-ins -----------------------------------------------------------------------------


def test_opening_the_check_records_nothing(client, door, running_series, today):
    holder = holder_of(running_series, [today])
    client.force_login(door)

    client.get(check_url(holder))
    client.get(check_url(holder))

    assert CheckIn.objects.count() == 0


def test_the_button_records_the_entry_and_who_let_the_holder_in(
    client, door, running_series, today
):
    holder = holder_of(running_series, [today])
    client.force_login(door)

    response = client.post(check_url(holder), follow=True)

    entry = CheckIn.objects.get()
    assert (entry.accreditation, entry.checked_in_by) == (holder, door)
    assert timezone.localdate(entry.checked_in_at) == today
    assert response.redirect_chain == [(check_url(holder), 302)]
    page = response.content.decode()
    assert "Ana Reyes is checked in." in page
    assert (
        f"Already checked in today at {timezone.localtime(entry.checked_in_at):%H:%M} "
        "by Dora Keeper." in page
    )
    assert ">Check in again</button>" in page


def test_earlier_check_ins_of_today_are_shown_in_geneva_time(
    client, door, coordinator, running_series, today
):
    holder = holder_of(running_series, [today])
    CheckIn.objects.create(
        accreditation=holder, checked_in_at=at_geneva(today, 9, 12), checked_in_by=coordinator
    )
    # Yesterday's entry is not today's.
    CheckIn.objects.create(
        accreditation=holder,
        checked_in_at=at_geneva(today - dt.timedelta(days=1), 9, 30),
        checked_in_by=door,
    )
    client.force_login(door)

    page = client.get(check_url(holder)).content.decode()

    assert CheckIn.objects.first().checked_in_at.astimezone(dt.UTC).hour != 9
    assert "Already checked in today at 09:12 by coordinator." in page
    assert "09:30" not in page


def test_a_pass_for_other_days_cannot_be_checked_in(client, door, march_series):
    holder = holder_of(march_series, [dt.date(2027, 3, 23)])
    client.force_login(door)

    page = client.post(check_url(holder), follow=True).content.decode()

    assert CheckIn.objects.count() == 0
    assert "This pass is not valid today: it is for Tuesday, March 23, 2027." in page


def test_check_in_refuses_a_pass_that_is_not_valid(running_series, today, door):
    holder = holder_of(running_series, [today], status=AccreditationStatus.PENDING)

    with pytest.raises(ValidationError) as refused:
        accreditation.check_in(accreditation=holder, by=door)

    assert refused.value.code == "pass_not_valid"
    assert refused.value.messages == ["This pass is not valid: waiting for a decision."]
    assert CheckIn.objects.count() == 0


def test_check_in_follows_geneva_s_date_not_utc_s(march_series, door):
    holder = holder_of(march_series, [dt.date(2027, 3, 24)])
    # 00:30 in Geneva on the 24th is still the 23rd in UTC.
    just_after_midnight = at_geneva(dt.date(2027, 3, 24), 0, 30)

    entry = accreditation.check_in(accreditation=holder, by=door, now=just_after_midnight)
    check = accreditation.door_check(holder, now=at_geneva(dt.date(2027, 3, 24), 10, 0))
    day_before = accreditation.door_check(holder, now=at_geneva(dt.date(2027, 3, 23), 23, 0))

    assert check.valid_today is True
    assert check.check_ins_today == [entry]
    assert str(entry) == "Ana Reyes (Radio Ginebra) (2027-03-24 00:30)"
    assert (day_before.valid_today, day_before.check_ins_today) == (False, [])
    with pytest.raises(ValidationError) as refused:
        accreditation.check_in(
            accreditation=holder, by=door, now=at_geneva(dt.date(2027, 3, 23), 23, 59)
        )
    assert refused.value.code == "not_a_pass_day"


def test_every_entry_of_the_day_is_recorded(march_series, door):
    holder = holder_of(march_series, [dt.date(2027, 3, 23)])
    day = dt.date(2027, 3, 23)

    for hour in (9, 11):
        accreditation.check_in(accreditation=holder, by=door, now=at_geneva(day, hour, 0))

    check = accreditation.door_check(holder, now=at_geneva(day, 12, 0))
    assert [timezone.localtime(c.checked_in_at).hour for c in check.check_ins_today] == [9, 11]


def test_coordinators_see_the_check_ins_read_only_in_the_admin(
    client, coordinator, door, march_series
):
    holder = holder_of(march_series, [dt.date(2027, 3, 23)])
    CheckIn.objects.create(
        accreditation=holder, checked_in_at=at_geneva(dt.date(2027, 3, 23), 9, 12),
        checked_in_by=door,
    )  # fmt: skip
    client.force_login(coordinator)

    response = client.get(reverse("admin:presessions_accreditation_change", args=[holder.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Check-ins" in page
    assert re.search(r'field-checked_in_at">\s*<p>March 23, 2027, 9:12 a.m.</p>', page)
    assert re.search(r'field-checked_in_by">\s*<p>(<a [^>]*>)?door<', page)
    assert 'name="check_ins-0-checked_in_at"' not in page
    assert 'name="check_ins-0-DELETE"' not in page
