"""The language of each staff member's notices, and the page where they choose it."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from presessions.models import StaffPreference
from presessions.staff_preferences import addresses_with_languages, set_staff_language

pytestmark = pytest.mark.django_db


def staff(django_user_model, name, *, group="Reviewers", **fields):
    user = django_user_model.objects.create_user(
        name, email=f"{name}@example.org", password="x", is_staff=True, **fields
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def test_set_staff_language_records_and_changes_the_choice(django_user_model):
    user = staff(django_user_model, "claire")

    set_staff_language(user=user, language="fr")
    set_staff_language(user=user, language="es")

    assert list(StaffPreference.objects.values_list("user__username", "language")) == [
        ("claire", "es")
    ]


def test_set_staff_language_refuses_a_language_the_site_does_not_offer(django_user_model):
    user = staff(django_user_model, "hans")

    with pytest.raises(ValidationError) as refused:
        set_staff_language(user=user, language="de")

    assert refused.value.messages == ["This language is not offered."]
    assert not StaffPreference.objects.exists()


def test_addresses_with_languages_default_to_the_site_language(
    django_user_model, settings, django_assert_num_queries
):
    settings.LANGUAGE_CODE = "es"
    claire = staff(django_user_model, "claire")
    set_staff_language(user=claire, language="fr")
    staff(django_user_model, "ann")
    django_user_model.objects.create_user("blank", email="", is_staff=True)

    users = django_user_model.objects.all()

    with django_assert_num_queries(1):
        found = addresses_with_languages(users)

    assert found == [
        ("ann@example.org", "es"), ("claire@example.org", "fr")
    ]  # fmt: skip


def preferences_url():
    return reverse("admin:presessions_staffpreference_changelist")


@pytest.mark.parametrize("group", ["Reviewers", "Coordinators"])
def test_a_staff_member_opens_and_changes_their_own_preferences(client, django_user_model, group):
    user = staff(django_user_model, "claire", group=group)
    client.force_login(user)

    opened = client.get(preferences_url(), follow=True)
    preference = StaffPreference.objects.get(user=user)
    change_url = reverse("admin:presessions_staffpreference_change", args=[preference.pk])
    saved = client.post(change_url, {"language": "fr"}, follow=True)

    assert opened.redirect_chain == [(change_url, 302)]
    assert 'name="language"' in opened.content.decode()
    assert saved.redirect_chain[-1] == (change_url, 302)
    preference.refresh_from_db()
    assert preference.language == "fr"


def test_the_preferences_start_in_the_site_language(client, django_user_model):
    user = staff(django_user_model, "ann")
    client.force_login(user)

    client.get(preferences_url())

    assert StaffPreference.objects.get(user=user).language == "en"


def test_nobody_reads_or_changes_another_staff_members_preferences(client, django_user_model):
    claire = staff(django_user_model, "claire")
    set_staff_language(user=claire, language="fr")
    other = StaffPreference.objects.get(user=claire)
    client.force_login(staff(django_user_model, "ann", group="Coordinators"))
    change_url = reverse("admin:presessions_staffpreference_change", args=[other.pk])

    seen = client.get(change_url, follow=True)
    client.post(change_url, {"language": "es"})

    assert "claire" not in seen.content.decode()
    assert StaffPreference.objects.get(user=claire).language == "fr"


def test_the_preferences_refuse_an_unknown_language_and_keep_the_choice(client, django_user_model):
    user = staff(django_user_model, "claire")
    set_staff_language(user=user, language="fr")
    preference = StaffPreference.objects.get(user=user)
    client.force_login(user)

    response = client.post(
        reverse("admin:presessions_staffpreference_change", args=[preference.pk]),
        {"language": "de"},
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    preference.refresh_from_db()
    assert preference.language == "fr"


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(preferences_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not StaffPreference.objects.exists()


def test_the_admin_index_offers_my_preferences_to_every_staff_member(client, django_user_model):
    client.force_login(staff(django_user_model, "claire"))

    page = client.get(reverse("admin:index")).content.decode()

    assert preferences_url() in page
    assert "My preferences" in page
