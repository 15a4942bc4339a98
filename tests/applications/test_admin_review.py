"""The reviewer's tools on the applications' admin pages: the review at the top with the
criteria at a glance and the next application, the languages as checkboxes, and rating
or marking ineligible in bulk through a page that asks for the rating or the reason."""

import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.admin import ApplicationAdminForm
from applications.forms import ApplicationForm
from applications.models import Application
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory
from tests.query_counts import settled_queries_of

from .test_admin import change_data

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:applications_application_changelist"


def change_url(application):
    return reverse("admin:applications_application_change", args=[application.pk])


def act(client, name, applications, **answers):
    """The action on these applications from the list: the first step without answers,
    the page's own form (action, selection, apply) with them."""
    data = {"action": name, "_selected_action": [a.pk for a in applications]}
    if answers:
        data |= {"apply": "yes", **answers}
    else:
        data["index"] = "0"
    return client.post(reverse(CHANGELIST), data, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def applications(presession):
    return [ApplicationFactory(presession=presession, sequence=n) for n in (1, 2, 3)]


# The change page --------------------------------------------------------------------------


def test_change_page_opens_on_the_review_with_the_criteria_and_the_next_one(
    client, reviewer, presession, applications
):
    client.force_login(reviewer)

    response = client.get(change_url(applications[0]))

    first = next(iter(response.context["adminform"]))
    fields = list(first.fields)
    assert (str(first.name), fields) == (
        "Review",
        ["criteria", "rating", "review_notes", "next_application", "is_ineligible",
         "ineligible_reason"],
    )  # fmt: skip


def test_criteria_at_a_glance_give_the_answers_and_the_points_of_the_series(
    client, reviewer, theme
):
    series = SeriesFactory(session__number=50, weight_local_scope=5, weight_coalition=1,
                           weight_upr_report=7, weight_theme=3)  # fmt: skip
    application = ApplicationFactory(
        presession=PreSessionFactory(series=series, country="KE"),
        scope="grassroots",
        is_national_coalition=False,
        submitted_upr_report=True,
        main_theme=theme,
        speaker_gender="man",
        speaker_languages=["fr", "es"],
        speaker_other_languages="Swahili",
        needs_interpretation=True,
        interpretation_details="From French into English",
    )
    client.force_login(reviewer)

    page = client.get(change_url(application)).content.decode()

    table = re.search(r'<table class="criteria-at-a-glance">.*?</table>', page, re.S).group(0)
    rows = [
        [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in re.findall(
            r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]  # fmt: skip
    assert rows == [
        ["Criterion", "Answer", "Points in series 50"],
        ["Scope", "Grassroots", "5 of 5"],
        ["National coalition", "No", "0 of 1"],
        ["UPR report", "Yes", "7 of 7"],
        ["Main theme", "Right to health", "3 per distinct main theme of the panel"],
        ["Gender", "Man", "the panel's balance of women and men"],
        ["Languages", "French, Spanish, Swahili", ""],
        ["Interpretation", "From French into English", ""],
        ["Rating", "the rating below", "0 to 3"],
    ]


def test_next_application_links_the_next_one_that_needs_a_rating(
    client, reviewer, presession, applications
):
    first, second, third = applications
    second.rating = 1
    second.save()
    client.force_login(reviewer)

    page = client.get(change_url(first)).content.decode()

    assert (
        f'<a href="{change_url(third)}">{third.reference} {third.organisation_name}</a> '
        "(needs a rating)"
    ) in page
    assert change_url(second) not in page


def test_next_application_says_when_this_is_the_last_one(client, reviewer, presession):
    only = ApplicationFactory(presession=presession)
    client.force_login(reviewer)

    page = client.get(change_url(only)).content.decode()

    assert "This is the last application of this country." in page


def test_save_and_open_the_next_rates_then_opens_the_next_unrated_with_the_filters(
    client, reviewer, presession, applications
):
    first, second, third = applications
    second.rating = 3
    second.save()
    filters = "?_changelist_filters=country%3DKE"
    client.force_login(reviewer)
    page = client.get(change_url(first) + filters).content.decode()
    assert 'name="_savenext"' in page

    response = client.post(
        change_url(first) + filters,
        change_data(client, first, rating="1", review_notes="Clear.", _savenext="1"),
        follow=True,
    )

    assert response.redirect_chain == [(change_url(third) + filters, 302)]
    assert messages_of(response) == [f"{first} saved. Here is the next one."]
    first.refresh_from_db()
    assert (first.rating, first.review_notes) == (1, "Clear.")


def test_save_and_open_the_next_after_the_last_goes_back_to_the_list(
    client, reviewer, presession, applications
):
    for application in applications[:2]:
        application.rating = 2
        application.save()
    last = applications[2]
    filters = "?_changelist_filters=country%3DKE"
    client.force_login(reviewer)

    response = client.post(
        change_url(last) + filters,
        change_data(client, last, rating="0", _savenext="1"),
        follow=True,
    )

    assert response.redirect_chain == [(reverse(CHANGELIST) + "?country=KE", 302)]
    assert messages_of(response) == [f"{last} saved. It was the last application of this country."]


# The speaker's languages as checkboxes -------------------------------------------------


def test_languages_offer_the_public_forms_choices():
    admin_choices = ApplicationAdminForm.base_fields["speaker_languages"].choices
    public_choices = ApplicationForm.base_fields["speaker_languages"].choices

    assert list(admin_choices) == list(public_choices)


def test_coordinator_ticks_languages_and_they_are_saved_as_the_public_form_saves_them(
    client, coordinator, presession
):
    application = ApplicationFactory(presession=presession, speaker_languages=["en"])
    client.force_login(coordinator)
    page = client.get(change_url(application)).content.decode()
    assert re.search(r'<input type="checkbox" name="speaker_languages" value="en"[^>]*checked',
                     page)  # fmt: skip

    response = client.post(
        change_url(application),
        change_data(client, application, speaker_languages=["fr", "ar"]),
    )

    assert response.status_code == 302
    application.refresh_from_db()
    public = ApplicationForm.base_fields["speaker_languages"].clean(["fr", "ar"])
    assert application.speaker_languages == public == ["fr", "ar"]


@pytest.mark.parametrize(
    ("languages", "error"),
    [
        ([], "This field is required."),
        (["xx"], "Select a valid choice. xx is not one of the available choices."),
    ],
)
def test_languages_refused_keep_the_stored_ones(client, coordinator, presession, languages, error):
    application = ApplicationFactory(presession=presession, speaker_languages=["en", "es"])
    client.force_login(coordinator)
    data = change_data(client, application, review_notes="Typed notes.")
    data["speaker_languages"] = languages

    response = client.post(change_url(application), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["speaker_languages"] == [error]
    assert form["review_notes"].value() == "Typed notes."
    application.refresh_from_db()
    assert application.speaker_languages == ["en", "es"]


def test_reviewer_reads_the_languages_by_name_without_checkboxes(client, reviewer, presession):
    application = ApplicationFactory(presession=presession, speaker_languages=["fr", "es"])
    client.force_login(reviewer)

    response = client.get(change_url(application))

    page = response.content.decode()
    assert 'name="speaker_languages"' not in page
    assert "speaker_languages" not in response.context["adminform"].form.fields
    assert '<div class="readonly">French, Spanish</div>' in page


# Rating in bulk --------------------------------------------------------------------------


def test_reviewer_rates_the_selected_applications_after_choosing_the_rating(
    client, reviewer, applications
):
    first, second, third = applications
    client.force_login(reviewer)

    asked = act(client, "rate", [first, second])

    assert asked.templates[0].name == "admin/applications/application/review_in_bulk.html"
    page = asked.content.decode()
    assert f"{first.reference} {first.organisation_name}" in page
    assert f"{third.reference}" not in page
    assert Application.objects.filter(rating__isnull=False).count() == 0

    done = act(client, "rate", [first, second], rating="2")

    assert messages_of(done) == ["2 applications rated."]
    ratings = dict(Application.objects.values_list("pk", "rating"))
    assert ratings == {first.pk: 2, second.pk: 2, third.pk: None}
    assert first.history.latest().history_user == reviewer


def test_rating_without_a_choice_asks_again_and_keeps_the_selection(client, reviewer, applications):
    first, second, _third = applications
    client.force_login(reviewer)

    response = act(client, "rate", [first, second], rating="")

    assert response.context["form"].errors == {"rating": ["Choose the rating to give."]}
    page = response.content.decode()
    for application in (first, second):
        assert f'name="_selected_action" value="{application.pk}"' in page
    assert Application.objects.filter(rating__isnull=False).count() == 0


def test_rating_refuses_a_value_the_page_does_not_offer(client, reviewer, applications):
    client.force_login(reviewer)

    response = act(client, "rate", applications[:1], rating="4")

    assert response.context["form"].errors["rating"] == [
        "Select a valid choice. 4 is not one of the available choices."
    ]
    assert Application.objects.filter(rating__isnull=False).count() == 0


def test_staff_who_may_only_read_applications_cannot_rate(client, django_user_model, applications):
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(viewer)

    response = act(client, "rate", applications, rating="3")

    # No action is offered, and the one posted is not run.
    assert response.context["action_form"] is None
    assert messages_of(response) == []
    assert Application.objects.filter(rating__isnull=False).count() == 0


def test_the_rating_page_runs_the_same_queries_for_three_times_the_selection(
    client, reviewer, presession
):
    few = [ApplicationFactory(presession=presession) for _n in range(2)]
    many = [ApplicationFactory(presession=presession) for _n in range(6)]
    client.force_login(reviewer)
    act(client, "rate", few)  # the process-wide caches warm

    counts = []
    for selection in (few, many):
        with CaptureQueriesContext(connection) as queries:
            response = act(client, "rate", selection)
        assert len(response.context["applications"]) == len(selection)
        counts.append(len(queries))

    assert counts[0] == counts[1]


# Marking ineligible in bulk ------------------------------------------------------------


def test_reviewer_is_not_offered_to_mark_ineligible_and_cannot(client, reviewer, applications):
    client.force_login(reviewer)

    listing = client.get(reverse(CHANGELIST))
    response = act(client, "mark_ineligible", applications, ineligible_reason="Not a CSO.")

    offered = [name for name, _label in listing.context["action_form"].fields["action"].choices]
    assert offered == ["", "rate"]
    assert messages_of(response) == ["No action selected."]
    assert Application.objects.filter(is_ineligible=True).count() == 0


def test_coordinator_marks_ineligible_with_the_reason(client, coordinator, applications):
    first, _second, third = applications
    client.force_login(coordinator)

    asked = act(client, "mark_ineligible", [first, third])
    done = act(client, "mark_ineligible", [first, third], ineligible_reason="Not from Kenya.")

    assert "Why they are ineligible" in asked.content.decode()
    assert messages_of(done) == ["2 applications marked ineligible."]
    marked = Application.objects.filter(is_ineligible=True)
    assert sorted(marked.values_list("pk", "ineligible_reason")) == [
        (first.pk, "Not from Kenya."),
        (third.pk, "Not from Kenya."),
    ]
    assert first.history.latest().history_user == coordinator


@pytest.mark.parametrize("reason", ["", "   "])
def test_marking_ineligible_without_a_reason_says_so_and_loses_nothing(
    client, coordinator, applications, reason
):
    first, second, _third = applications
    client.force_login(coordinator)

    response = act(client, "mark_ineligible", [first, second], ineligible_reason=reason)

    assert response.context["form"].errors == {
        "ineligible_reason": ["Say why the application is ineligible."]
    }
    page = response.content.decode()
    assert "Say why the application is ineligible." in page
    for application in (first, second):
        assert f'name="_selected_action" value="{application.pk}"' in page
    assert Application.objects.filter(is_ineligible=True).count() == 0


def test_reviewers_list_runs_the_same_queries_for_three_times_the_applications(
    client, reviewer, presession
):
    url = reverse(CHANGELIST)
    for _n in range(2):
        ApplicationFactory(presession=presession, speaker_languages=["en", "fr"])
    client.force_login(reviewer)
    few = settled_queries_of(client, url)

    for _n in range(4):
        ApplicationFactory(presession=presession, speaker_languages=["es"])

    assert client.get(url).context["cl"].result_count == 6
    assert settled_queries_of(client, url) == few
