import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from applications.models import Application, PendingUpload
from presessions.enums import EmailStatus
from presessions.models import OutboundEmail
from tests.conftest import application_data
from tests.documents import DOCX_BYTES, PDF_BYTES, PNG_BYTES, pdf, upload, zip_bomb
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory


def apply_url(series, language="en"):
    with translation.override(language):
        return reverse("applications:apply", args=[series.number])


@pytest.fixture
def submit(client, presession, theme, django_capture_on_commit_callbacks):
    def submit(language="en", files=None, **overrides):
        data = application_data(presession, theme, **overrides)
        data.update(files or {})
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(apply_url(presession.series, language), data)

    return submit


def test_apply_form_shows_every_field_and_the_chosen_country(client, presession):
    response = client.get(apply_url(presession.series) + "?country=KE")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{presession.pk}" selected>Kenya</option>' in html
    for name in ["organisation_name", "scope", "is_national_coalition", "upr_report",
                 "main_theme", "related_themes", "speaker_gender", "speaker_languages",
                 "needs_funding", "has_safety_concerns", "consent"]:  # fmt: skip
        assert f'name="{name}"' in html
    assert 'enctype="multipart/form-data"' in html


def test_apply_offers_only_the_countries_of_the_series(client, presession):
    PreSessionFactory(series=SeriesFactory(session__number=50), country="FR", review_order=1)

    response = client.get(apply_url(presession.series))

    choices = [str(label) for _, label in response.context["form"].fields["presession"].choices]
    assert choices == ["Choose a country", "Kenya"]


def test_apply_stores_the_application_and_emails_the_private_link(submit, presession):
    response = submit()

    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("applications:received")
    assert application.reference == "PS49-KEN-0001"
    assert application.presession == presession
    assert application.speaker_languages == ["en", "fr"]
    assert application.is_national_coalition is True
    assert application.language == "en"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["contact@krn.example.org"]
    assert message.subject == "Your application PS49-KEN-0001 is received"
    assert "http://testserver/en/application/" in message.body
    assert OutboundEmail.objects.get().status == EmailStatus.SENT


def test_apply_confirmation_page_shows_the_reference(client, submit):
    submit()

    response = client.get(reverse("applications:received"))

    assert response.status_code == 200
    assert "PS49-KEN-0001" in response.content.decode()
    assert "contact@krn.example.org" in response.content.decode()


def test_apply_confirmation_page_is_empty_for_another_browser(client, submit):
    submit()
    client.cookies.clear()

    response = client.get(reverse("applications:received"))

    assert response.status_code == 302


def test_apply_numbers_applications_within_their_presession(submit, presession):
    ApplicationFactory(presession=presession, sequence=7, reference="PS49-KEN-0007")

    submit()

    assert Application.objects.latest("pk").reference == "PS49-KEN-0008"


def test_apply_in_french_sends_the_email_in_french(submit):
    response = submit(language="fr")

    assert response.status_code == 302
    assert Application.objects.get().language == "fr"
    message = mail.outbox[0]
    assert message.subject == "Votre candidature PS49-KEN-0001 a bien été reçue"
    assert "http://testserver/fr/application/" in message.body


def test_apply_in_spanish_sends_the_email_in_spanish(submit):
    submit(language="es")

    assert mail.outbox[0].subject == "Hemos recibido su solicitud PS49-KEN-0001"


@pytest.mark.parametrize(
    "field",
    ["presession", "organisation_name", "organisation_country", "organisation_type", "scope",
     "is_national_coalition", "contact_email", "submitted_upr_report", "main_theme", "summary",
     "speaker_name", "speaker_email", "speaker_gender", "speaker_languages",
     "needs_interpretation", "needs_funding", "has_safety_concerns"],
)  # fmt: skip
def test_apply_refuses_a_missing_required_field_and_keeps_the_rest(submit, field):
    response = submit(**{field: None})

    assert response.status_code == 200
    assert Application.objects.count() == 0
    form = response.context["form"]
    assert form.errors[field] == ["This field is required."]
    page = response.content.decode()
    assert 'id="error-summary"' in page
    anchor = dict((label, a) for a, label, _ in form.error_summary())[str(form[field].label)]
    assert f'href="#{anchor}"' in page
    assert f'id="{anchor}"' in page
    if field != "organisation_name":
        assert 'value="Kenya Rights Network"' in page
    assert mail.outbox == []


def test_apply_refuses_without_consent(submit):
    response = submit(consent=None)

    assert response.context["form"].errors["consent"] == [
        "Please give your consent so that we can process it."
    ]
    assert Application.objects.count() == 0


def test_apply_refuses_a_malformed_email(submit):
    response = submit(contact_email="not-an-email")

    assert response.context["form"].errors["contact_email"] == ["Enter a valid email address."]
    assert 'value="not-an-email"' in response.content.decode()


def test_apply_error_messages_are_translated(submit):
    response = submit(language="fr", contact_email="pas-une-adresse")

    assert response.context["form"].errors["contact_email"] == [
        "Saisissez une adresse de courriel valide."
    ]
    assert "Veuillez corriger" in response.content.decode()


def test_apply_requires_the_report_when_one_was_submitted(submit):
    response = submit(submitted_upr_report="True")

    assert response.context["form"].errors["upr_report"] == [
        "Please attach the report you submitted."
    ]


def test_apply_requires_amount_and_reason_when_funding_is_needed(submit):
    response = submit(needs_funding="True")

    errors = response.context["form"].errors
    assert errors["funding_amount"] == ["Please give the amount you need."]
    assert errors["funding_reason"] == ["Please say what the support is for."]


def test_apply_stores_the_report_under_a_random_private_name(submit, settings):
    submit(submitted_upr_report="True", files={"upr_report": upload("Our report.docx", DOCX_BYTES)})

    application = Application.objects.get()
    assert application.upr_report_name == "Our report.docx"
    assert "Our report" not in application.upr_report.name
    assert application.upr_report.name.startswith("applications/application/")
    with application.upr_report.open("rb") as stored:
        assert stored.read() == DOCX_BYTES


def test_apply_refuses_a_report_whose_content_is_not_a_document(submit):
    response = submit(submitted_upr_report="True", files={"upr_report": upload("r.pdf", PNG_BYTES)})

    assert response.context["form"].errors["upr_report"] == [
        "Please upload a PDF, Word (DOC or DOCX) or OpenDocument (ODT) file."
    ]
    assert Application.objects.count() == 0


def test_apply_refuses_a_report_over_ten_megabytes(submit):
    big = PDF_BYTES + b"0" * (10 * 1024 * 1024)

    response = submit(submitted_upr_report="True", files={"upr_report": upload("r.pdf", big)})

    # Dropped as it arrived (presessions/uploads.py): the form says why, and nothing else.
    assert response.context["form"].errors["upr_report"] == [
        "The file is larger than 10.0\xa0MB. Please upload a smaller file."
    ]
    assert Application.objects.count() == 0


def test_apply_keeps_a_valid_report_when_another_field_fails(client, submit, presession, theme):
    response = submit(
        submitted_upr_report="True",
        speaker_email="broken",
        files={"upr_report": upload("Rapport.pdf", PDF_BYTES)},
    )

    assert PendingUpload.objects.count() == 1
    page = response.content.decode()
    assert "Rapport.pdf" in page
    token = response.context["form"].data["upr_report_pending"]
    assert token in page

    data = application_data(
        presession, theme, submitted_upr_report="True", upr_report_pending=token
    )
    response = client.post(apply_url(presession.series), data)

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.upr_report_name == "Rapport.pdf"
    with application.upr_report.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert PendingUpload.objects.count() == 0


def test_apply_ignores_a_forged_pending_upload_token(submit):
    response = submit(submitted_upr_report="True", upr_report_pending="forged:token")

    assert response.context["form"].errors["upr_report"] == [
        "Please attach the report you submitted."
    ]


def test_apply_after_the_deadline_says_so_and_accepts_nothing(client, theme):
    series = SeriesFactory(session__number=48, closed=True)
    presession = PreSessionFactory(series=series, country="EG", review_order=1)

    page = client.get(apply_url(series)).content.decode()
    assert "The call for applications is closed." in page
    assert "Submit the application" not in page

    response = client.post(apply_url(series), application_data(presession, theme))

    assert response.status_code == 409
    assert Application.objects.count() == 0
    assert "The call for applications is closed." in response.content.decode()
    assert 'value="Kenya Rights Network"' in response.content.decode()


def test_the_closed_call_is_dated_in_the_language_of_the_page(client, theme):
    series = SeriesFactory(
        session__number=48,
        call_opens_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        call_closes_at=dt.datetime(2026, 1, 10, 16, 0, tzinfo=dt.UTC),  # 17:00 in Geneva
    )
    presession = PreSessionFactory(series=series, country="EG", review_order=1)

    response = client.post(apply_url(series, "es"), application_data(presession, theme))

    page = response.content.decode()
    assert response.status_code == 409
    assert "10 de enero de 2026" in page
    assert "17:00" in page
    assert "10 enero 2026" not in page


def test_apply_refuses_a_duplicate_and_emails_the_link_to_the_address_on_file(submit, presession):
    existing = ApplicationFactory(
        presession=presession,
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
        language="fr",
    )

    response = submit(
        organisation_name="  kenya   rights network ", contact_email="CONTACT@krn.example.org"
    )

    assert Application.objects.count() == 1
    assert response.context["form"].non_field_errors() == [
        "This organisation has already applied for Kenya with this email address. We have sent "
        "the private link of that application to the address: use it to see or change the "
        "application."
    ]
    assert str(existing.access_key.hex) not in response.content.decode()
    assert "/application/" not in response.content.decode()
    assert [m.to for m in mail.outbox] == [["contact@krn.example.org"]]
    assert mail.outbox[0].subject == (f"Le lien privé de votre candidature {existing.reference}")


def test_apply_accepts_the_same_organisation_for_another_country(submit, presession, theme):
    other = PreSessionFactory(series=presession.series, country="UG", review_order=2)
    ApplicationFactory(
        presession=other,
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
    )

    response = submit()

    assert response.status_code == 302


def test_apply_to_an_unknown_series_is_not_found(client, db):
    response = client.get(reverse("applications:apply", args=[999]))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_apply_sends_the_existing_link_at_most_every_quarter_hour(submit, presession):
    ApplicationFactory(
        presession=presession,
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
    )

    for _ in range(3):
        response = submit()
        assert response.context["form"].non_field_errors()

    assert len(mail.outbox) == 1


def test_apply_stores_the_report_under_the_extension_of_its_detected_type(submit):
    # A PDF named like a program: the name is kept to show staff, the disk gets .pdf.
    submit(
        submitted_upr_report="True",
        files={"upr_report": upload("UPR report 2026.hta", PDF_BYTES)},
    )

    application = Application.objects.get()
    assert application.upr_report_name == "UPR report 2026.hta"
    assert application.upr_report.name.endswith(".pdf")
    assert ".hta" not in application.upr_report.name
    assert application.upr_report_type == "pdf"
    assert application.upr_report_active_content == []


def test_apply_stores_a_word_file_named_pdf_as_what_it_is(submit):
    submit(submitted_upr_report="True", files={"upr_report": upload("Report.pdf", DOCX_BYTES)})

    application = Application.objects.get()
    assert application.upr_report.name.endswith(".docx")
    assert application.upr_report_type == "docx"


def test_apply_refuses_the_pdf_and_hta_polyglot_and_keeps_what_was_typed(submit):
    polyglot = (
        b"%PDF-1.4\n<html><head><hta:application></head>"
        b"<script>new ActiveXObject('WScript.Shell')</script></html>\n%%EOF\n"
    )

    response = submit(
        submitted_upr_report="True",
        files={"upr_report": upload("UPR report 2026.hta", polyglot)},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["upr_report"] == [
        "This file contains web page code (HTML or script) besides the document. "
        "Please save the document again from your word processor and upload that."
    ]
    assert 'value="Kenya Rights Network"' in response.content.decode()
    assert not Application.objects.exists()
    assert not PendingUpload.objects.exists()


def test_apply_refuses_a_zip_bomb_with_a_clear_message(submit):
    response = submit(
        submitted_upr_report="True",
        files={"upr_report": upload("report.odt", zip_bomb("odt", 64 * 1024 * 1024))},
    )

    assert response.context["form"].errors["upr_report"] == [
        "This file expands to far more than a document would; it may be damaged. "
        "Please save it again or upload a PDF."
    ]
    assert not Application.objects.exists()


def test_apply_accepts_a_report_with_scripts_and_records_them_for_staff(submit):
    scripted = pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

    response = submit(
        submitted_upr_report="True", files={"upr_report": upload("report.pdf", scripted)}
    )

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.upr_report_active_content == ["javascript"]


def test_apply_records_active_content_of_a_report_kept_from_a_failed_attempt(
    client, submit, presession, theme
):
    launching = pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>")
    response = submit(
        submitted_upr_report="True",
        speaker_email="broken",
        files={"upr_report": upload("report.pdf", launching)},
    )
    token = response.context["form"].data["upr_report_pending"]

    client.post(
        apply_url(presession.series),
        application_data(presession, theme, submitted_upr_report="True", upr_report_pending=token),
    )

    application = Application.objects.get()
    assert application.upr_report.name.endswith(".pdf")
    assert application.upr_report_type == "pdf"
    assert application.upr_report_active_content == ["launch"]


def test_apply_keeps_a_file_name_of_three_hundred_characters_cut_to_fit(submit):
    name = "Rapport de la coalition " + "é" * 276 + ".pdf"

    response = submit(submitted_upr_report="True", files={"upr_report": upload(name, PDF_BYTES)})

    assert response.status_code == 302
    application = Application.objects.get()
    assert len(application.upr_report_name) == 255
    assert application.upr_report_name.startswith("Rapport de la coalition éé")
    assert application.upr_report_name.endswith("é.pdf")
