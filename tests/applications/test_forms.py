"""The application form shows the services' rules on the fields they concern."""

import pytest

from applications import services
from applications.forms import ApplicationForm
from tests.conftest import application_data
from tests.documents import PNG_BYTES, upload
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def bound(presession, theme, files=None, **overrides):
    form = ApplicationForm(
        application_data(presession, theme, **overrides), files or {}, series=presession.series
    )
    form.is_valid()
    return form


def test_form_asks_from_which_language_on_its_field(presession, theme):
    form = bound(presession, theme, needs_interpretation="True")

    assert form.errors == {"interpretation_details": ["Please say from which language."]}


def test_form_refuses_an_amount_of_zero_on_its_field(presession, theme):
    form = bound(presession, theme, needs_funding="True", funding_amount="0",
                 funding_reason="Travel")  # fmt: skip

    assert form.errors == {"funding_amount": ["The amount must be more than zero."]}


def test_form_does_not_ask_again_for_a_report_it_refused(presession, theme):
    form = bound(
        presession, theme, files={"upr_report": upload("r.pdf", PNG_BYTES)},
        submitted_upr_report="True",
    )  # fmt: skip

    assert form.errors == {
        "upr_report": ["Please upload a PDF, Word (DOC or DOCX) or OpenDocument (ODT) file."]
    }


def test_form_keeps_the_related_themes_without_the_main_one(presession, theme, other_theme):
    form = bound(presession, theme, related_themes=[theme.pk, other_theme.pk])

    assert form.errors == {}
    assert list(form.cleaned_data["related_themes"]) == [other_theme]


def test_form_with_another_error_names_the_standing_application_of_a_duplicate(presession, theme):
    standing = ApplicationFactory(
        presession=presession,
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
    )

    form = bound(presession, theme, needs_interpretation="True")

    assert form.duplicate_application == standing
    assert [e.code for e in form.non_field_errors().as_data()] == ["duplicate"]
    assert list(form.errors) == ["interpretation_details", "__all__"]


def test_form_otherwise_valid_leaves_the_duplicate_to_the_service(presession, theme):
    # submit_application checks it with the Pre-session locked; the view shows its refusal.
    ApplicationFactory(
        presession=presession,
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
    )

    form = bound(presession, theme)

    assert form.errors == {}
    assert form.duplicate_application is None


def test_form_knows_a_duplicate_the_service_refused(presession, theme):
    form = bound(presession, theme)
    standing = ApplicationFactory(
        presession=presession,
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
    )
    with pytest.raises(services.DuplicateApplicationError) as refused:
        services.check_not_duplicate(
            presession=presession,
            organisation_name="Kenya Rights Network",
            contact_email="contact@krn.example.org",
        )

    form.add_error(None, refused.value)  # as the view does with the service's refusal

    assert form.duplicate_application == standing


def test_form_without_a_duplicate_names_none(presession, theme):
    form = bound(presession, theme, needs_interpretation="True")

    assert form.duplicate_application is None
