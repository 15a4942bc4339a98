import pytest
from django import forms
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory, PreSessionFactory

pytestmark = pytest.mark.django_db


def changelist(**params):
    url = reverse("admin:applications_application_changelist")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_admin_lists_applications_with_a_fixed_number_of_queries(
    admin_client, presession, django_assert_max_num_queries
):
    uganda = PreSessionFactory(series=presession.series, country="UG", review_order=2)
    for n in range(30):
        ApplicationFactory(presession=presession if n % 2 else uganda)

    with django_assert_max_num_queries(20):
        response = admin_client.get(changelist())

    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "UG"}, ["Uganda org"]),
        ({"speaker_gender__exact": "man"}, ["Uganda org"]),
        ({"scope__exact": "grassroots"}, ["Uganda org"]),
        ({"status__exact": "withdrawn"}, []),
        ({"q": "kenya"}, ["Kenya org"]),
    ],
)
def test_admin_filters_and_search(admin_client, presession, params, expected):
    uganda = PreSessionFactory(series=presession.series, country="UG", review_order=2)
    ApplicationFactory(presession=presession, organisation_name="Kenya org")
    ApplicationFactory(
        presession=uganda, organisation_name="Uganda org", speaker_gender="man", scope="grassroots"
    )

    response = admin_client.get(changelist(**params))

    assert sorted(a.organisation_name for a in response.context["cl"].result_list) == expected


def test_admin_filters_by_series_and_theme(admin_client, presession, theme, other_theme):
    ApplicationFactory(presession=presession, organisation_name="Health", main_theme=theme)
    ApplicationFactory(presession=presession, organisation_name="Women", main_theme=other_theme)

    response = admin_client.get(
        changelist(
            presession__series__id__exact=presession.series.pk, main_theme__id__exact=theme.pk
        )
    )

    assert [a.organisation_name for a in response.context["cl"].result_list] == ["Health"]


def test_admin_application_page_links_the_report_for_staff(admin_client, presession):
    application = ApplicationFactory(presession=presession, upr_report_name="Report.pdf")
    application.upr_report.save("Report.pdf", ContentFile(PDF_BYTES))

    response = admin_client.get(
        reverse("admin:applications_application_change", args=[application.pk])
    )

    page = response.content.decode()
    assert reverse("application-report", args=[application.pk]) in page
    assert "Report.pdf" in page


def test_admin_cannot_add_an_application_without_the_applicants_consent(admin_client, db):
    response = admin_client.get(reverse("admin:applications_application_add"))

    assert response.status_code == 403


def test_admin_series_page_edits_its_presessions(admin_client, presession):
    response = admin_client.get(
        reverse("admin:presessions_series_change", args=[presession.series.pk])
    )

    assert response.status_code == 200
    assert "presessions-0-country" in response.content.decode()


def test_admin_warns_staff_of_active_content_in_a_report(admin_client, presession):
    flagged = ApplicationFactory(
        presession=presession,
        organisation_name="Flagged org",
        upr_report_name="Report.pdf",
        upr_report_active_content=["javascript", "launch"],
    )
    flagged.upr_report.save("report.pdf", ContentFile(PDF_BYTES))
    clean = ApplicationFactory(presession=presession, organisation_name="Clean org")
    clean.upr_report.save("report.pdf", ContentFile(PDF_BYTES))
    warning = (
        "Contains scripts (JavaScript); an action that starts a program or opens another "
        "file. Open it with care, in a viewer that does not run them."
    )

    change_page = admin_client.get(
        reverse("admin:applications_application_change", args=[flagged.pk])
    ).content.decode()
    clean_page = admin_client.get(
        reverse("admin:applications_application_change", args=[clean.pk])
    ).content.decode()
    listing = admin_client.get(changelist()).content.decode()

    assert warning in change_page
    assert "Open it with care" not in clean_page
    assert listing.count(warning) == 1


# The rules between the applicant's answers hold in the admin --------------------------


def change_url(application):
    return reverse("admin:applications_application_change", args=[application.pk])


def change_data(client, application, **changes):
    """The admin's change form of an application as shown, with these changes."""
    form = client.get(change_url(application)).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_admin_refuses_a_funding_request_without_its_amount(admin_client, presession):
    application = ApplicationFactory(presession=presession)

    response = admin_client.post(
        change_url(application), change_data(admin_client, application, needs_funding="on")
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["funding_amount"] == ["Please give the amount you need."]
    assert errors["funding_reason"] == ["Please say what the support is for."]
    application.refresh_from_db()
    assert application.needs_funding is False


def test_admin_refuses_a_report_said_submitted_without_the_file_above_the_form(
    admin_client, presession
):
    application = ApplicationFactory(presession=presession)

    response = admin_client.post(
        change_url(application), change_data(admin_client, application, submitted_upr_report="on")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Please attach the report you submitted."
    ]
    application.refresh_from_db()
    assert application.submitted_upr_report is False


def test_admin_saves_a_review_of_an_application_whose_old_answers_break_a_rule(
    admin_client, presession
):
    # As erasure leaves it: the funding asked for, its amount and reason blanked.
    application = ApplicationFactory(presession=presession, needs_funding=True)

    response = admin_client.post(
        change_url(application), change_data(admin_client, application, rating="2")
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.rating == 2


def test_admin_keeps_the_related_themes_without_the_main_one(
    admin_client, presession, theme, other_theme
):
    application = ApplicationFactory(presession=presession, main_theme=theme)

    response = admin_client.post(
        change_url(application),
        change_data(admin_client, application, related_themes=[theme.pk, other_theme.pk]),
    )

    assert response.status_code == 302
    assert list(application.related_themes.all()) == [other_theme]
