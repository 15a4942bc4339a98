"""The Door group: its members log in to the staff side, check passes, and see nothing
else. Like reviewers, they confirm their login with an authenticator only once they have
set one up; coordinators always do, at the door too."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from presessions.attendance import accreditation
from presessions.enums import AccreditationStatus
from presessions.models import Accreditation, CheckIn
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture
def door(django_user_model):
    user = django_user_model.objects.create_user("door", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Door"))
    return user


@pytest.fixture
def holder():
    today = timezone.localdate()
    series = SeriesFactory(session__number=60, starts_on=today, ends_on=today)
    return Accreditation.objects.create(
        series=series, name="Ana Reyes", email="ana@example.org", category="media",
        organisation="Radio Ginebra", country="ES", language="en",
        status=AccreditationStatus.APPROVED, days=[today.isoformat()],
    )  # fmt: skip


def check_url(holder):
    return reverse("accreditation-check", args=[accreditation.pass_token(holder)])


def log_in(client, username, next_url):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": PASSWORD, "otp_token": "", "next": next_url},
    )


def test_the_door_group_has_exactly_the_right_to_check_passes():
    group = Group.objects.get(name="Door")

    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("presessions", "check_pass")
    ]


def test_door_staff_log_in_with_the_password_and_check_a_pass(client, door, holder):
    response = log_in(client, "door", check_url(holder))

    assert response.status_code == 302
    assert response["Location"] == check_url(holder)
    page = client.get(check_url(holder)).content.decode()
    assert "Valid pass" in page and "Ana Reyes" in page
    client.post(check_url(holder))
    assert list(CheckIn.objects.values_list("checked_in_by__username", flat=True)) == ["door"]


def test_the_admin_index_shows_door_staff_no_app(client, door, holder):
    client.force_login(door)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.context["app_list"] == []
    assert "Accreditations" not in response.content.decode()


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda model: model._meta.label_lower
)
def test_every_admin_list_is_forbidden_to_door_staff(client, door, holder, model):
    client.force_login(door)
    opts = model._meta

    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    assert response.status_code == 403


def test_door_staff_cannot_open_an_accreditation_in_the_admin(client, door, holder):
    client.force_login(door)

    response = client.get(reverse("admin:presessions_accreditation_change", args=[holder.pk]))

    assert response.status_code == 403
    assert "ana@example.org" not in response.content.decode()


def test_a_coordinator_without_an_authenticator_checks_no_pass(client, coordinator, holder):
    coordinator.set_password(PASSWORD)
    coordinator.save()

    response = log_in(client, "coordinator", check_url(holder))

    assert response["Location"] == reverse("admin:two-factor-setup")
    check = client.get(check_url(holder))
    assert check.status_code == 302
    assert check["Location"].startswith(reverse("admin:login"))
    assert client.post(check_url(holder)).status_code == 302
    assert CheckIn.objects.count() == 0


def test_reviewers_check_no_pass(client, reviewer, holder):
    client.force_login(reviewer)

    response = client.get(check_url(holder))

    assert response.status_code == 403
    assert "Ana Reyes" not in response.content.decode()


def test_the_check_needs_a_login(client, holder):
    response = client.post(check_url(holder))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert CheckIn.objects.count() == 0
