"""The applicant's journey in a real browser: apply in French, open the private link
from the email, change the application, withdraw it; and a failed submission."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from applications.access import make_token
from applications.enums import ApplicationStatus
from applications.models import Application
from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def group(page: Page, legend: str):
    return page.get_by_role("group", name=legend)


def fill_french_form(page: Page, pdf_file) -> None:
    """Every required field, as a French-speaking applicant reads them."""
    page.get_by_label("État examiné").select_option(label="Kenya")
    page.get_by_label("Nom de l'organisation").fill("Réseau kényan des droits")
    page.get_by_label("Pays de l'organisation").select_option(label="Kenya")
    page.get_by_label("Site web").fill("https://rkd.example.org")
    group(page, "Type d'organisation").get_by_label("Organisation de la société civile").check()
    group(page, "Champ d'action").get_by_label("Nationale", exact=True).check()
    group(page, "coalition nationale").get_by_label("Oui").check()
    page.get_by_label("Adresse e-mail de l'organisation").fill("Contact@RKD.example.org")
    group(page, "soumis un rapport").get_by_label("Oui").check()
    page.get_by_label("Le rapport des parties prenantes pour l'EPU").set_input_files(pdf_file)
    page.get_by_label("Thème principal").select_option(label="Droit à la santé")
    group(page, "Thèmes connexes").get_by_label("Droits des femmes").check()
    page.get_by_label("Résumé").fill("La situation du droit à la santé dans les zones rurales.")
    page.get_by_label("Nom de l'intervenant").fill("Grace Wanjiru")
    page.get_by_label("Adresse e-mail de l'intervenant").fill("grace@rkd.example.org")
    group(page, "Genre de l'intervenant").get_by_label("Femme").check()
    languages = group(page, "Langues dans lesquelles l'intervenant")
    languages.get_by_label("Français").check()
    languages.get_by_label("Anglais").check()
    group(page, "besoin d'une interprétation").get_by_label("Non").check()
    group(page, "soutien financier").get_by_label("Non").check()
    group(page, "représailles").get_by_label("Non").check()
    page.get_by_label("J'accepte que l'organisateur").check()


def test_apply_in_french_then_change_and_withdraw_through_the_private_link(
    page: Page, live_server, series, pdf_file, private_path_from_email, submit_private_form
):
    # The home page, in English, lists the open call.
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Speak at a Pre-session")

    # The switcher (a select and a button, no JavaScript) gives the same page in French.
    page.get_by_label("Language", exact=True).select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page).to_have_url(f"{live_server.url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Prendre la parole lors d'une Pré-session"
    )
    expect(page.get_by_label("Langue", exact=True)).to_have_value("fr")

    # The series card leads to the form of that series, still in French.
    page.get_by_role("link", name="Postuler", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/fr/series/49/apply/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Postuler pour intervenir{NBSP}: Pré-sessions 49"
    )
    countries = page.get_by_label("État examiné").locator("option")
    expect(countries).to_have_text(["Choisissez un pays", "Brésil", "Kenya", "Sénégal"])

    fill_french_form(page, pdf_file)
    page.get_by_role("button", name="Envoyer la candidature").click()

    # The confirmation page, in French, with the reference.
    expect(page).to_have_url(f"{live_server.url}/fr/apply/received/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Merci{NBSP}: votre candidature a bien été reçue"
    )
    expect(page.get_by_text(f"Votre référence{NBSP}:")).to_contain_text("PS49-KEN-0001")
    expect(page.locator(".reference")).to_have_text("PS49-KEN-0001")
    expect(page.get_by_role("main")).to_contain_text("contact@rkd.example.org")

    application = Application.objects.get()
    assert application.reference == "PS49-KEN-0001"
    assert application.presession.country.code == "KE"
    assert application.language == "fr"
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.organisation_name == "Réseau kényan des droits"
    assert application.contact_email == "contact@rkd.example.org"
    assert application.is_national_coalition is True
    assert application.submitted_upr_report is True
    assert application.main_theme.name == "Right to health"
    assert [t.name for t in application.related_themes.all()] == ["Women's rights"]
    assert sorted(application.speaker_languages) == ["en", "fr"]
    assert application.upr_report_name == "rapport-epu.pdf"
    with application.upr_report.open("rb") as stored:
        assert stored.read() == PDF_BYTES

    # The confirmation email, in French, carries the private link.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Votre candidature PS49-KEN-0001 a bien été reçue"
    private_path = private_path_from_email("contact@rkd.example.org")
    assert private_path.startswith("/fr/application/")

    page.goto(live_server.url + private_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidature PS49-KEN-0001")
    expect(page.get_by_role("main")).to_contain_text(f"Statut{NBSP}: soumise.")
    expect(page.get_by_role("main")).to_contain_text("rapport-epu.pdf")

    # Change the summary.
    page.get_by_role("link", name="Modifier la candidature").click()
    expect(page).to_have_url(live_server.url + private_path + "edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Modifier la candidature PS49-KEN-0001"
    )
    summary = page.get_by_label("Résumé")
    expect(summary).to_have_value("La situation du droit à la santé dans les zones rurales.")
    expect(page.locator("#kept-file")).to_contain_text("rapport-epu.pdf")
    summary.fill("Le droit à la santé des femmes dans les zones rurales du Kenya.")
    submit_private_form(page, page.get_by_role("button", name="Enregistrer les modifications"))

    expect(page).to_have_url(live_server.url + private_path)
    expect(page.get_by_role("status")).to_have_text("Vos modifications ont été enregistrées.")
    expect(page.get_by_role("main")).to_contain_text(
        "Le droit à la santé des femmes dans les zones rurales du Kenya."
    )
    application.refresh_from_db()
    assert application.summary == "Le droit à la santé des femmes dans les zones rurales du Kenya."
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.upr_report_name == "rapport-epu.pdf"
    assert application.upr_report.storage.exists(application.upr_report.name)

    # Withdraw: a page that explains, then the button.
    page.get_by_role("link", name="Retirer la candidature").click()
    expect(page).to_have_url(live_server.url + private_path + "withdraw/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Retirer la candidature PS49-KEN-0001"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED  # nothing happens on GET
    submit_private_form(page, page.get_by_role("button", name="Oui, retirer la candidature"))

    expect(page).to_have_url(live_server.url + private_path)
    expect(page.get_by_role("status")).to_have_text("Votre candidature a été retirée.")
    expect(page.get_by_text("Cette candidature a été retirée le")).to_be_visible()
    expect(page.get_by_role("link", name="Modifier la candidature")).to_have_count(0)
    expect(page.get_by_role("link", name="Retirer la candidature")).to_have_count(0)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.withdrawn_at is not None
    assert [m.subject for m in mail.outbox] == [
        "Votre candidature PS49-KEN-0001 a bien été reçue",
        "Votre candidature PS49-KEN-0001 a été retirée",
    ]

    # The edit page of a withdrawn application sends back with the reason.
    page.goto(live_server.url + private_path + "edit/")
    expect(page).to_have_url(live_server.url + private_path)
    expect(page.locator(".alert-danger")).to_have_text(
        "Cette candidature a été retirée et ne peut plus être modifiée."
    )


def test_a_failed_submission_keeps_what_was_typed_and_links_each_error_to_its_field(
    page: Page, live_server, series, pdf_file, fill_application
):
    page.goto(f"{live_server.url}/en/series/49/apply/?country=KE")
    expect(page.get_by_label("State under Review")).to_have_value(
        str(series.presessions.get(country="KE").pk)
    )
    fill_application(page, skip=("summary", "speaker_gender", "submitted_upr_report"))
    page.get_by_label("Website").fill("https://krn.example.org")
    group(page, "Did the organisation submit a report").get_by_label("Yes").check()
    page.get_by_label("The UPR stakeholder report").set_input_files(pdf_file)
    group(page, "Languages the speaker can speak in").get_by_label("French").check()
    page.get_by_role("button", name="Submit the application").click()

    # Nothing is stored; the error summary names the two missing answers.
    expect(page).to_have_url(f"{live_server.url}/en/series/49/apply/?country=KE")
    summary_box = page.get_by_role("alert")
    expect(summary_box).to_contain_text("Please correct the following:")
    # The summary takes the focus, so that a screen reader reads it first (no JavaScript).
    expect(summary_box).to_be_focused()
    error_links = summary_box.get_by_role("link")
    expect(error_links).to_have_text(
        ["Summary: This field is required.", "Speaker's gender: This field is required."]
    )
    assert not Application.objects.exists()
    assert mail.outbox == []

    # What was typed is still there, and the valid file is kept.
    expect(page.get_by_label("Name of the organisation")).to_have_value("Kenya Rights Network")
    expect(page.get_by_label("Website")).to_have_value("https://krn.example.org")
    expect(page.get_by_label("Email address of the organisation")).to_have_value(
        "contact@krn.example.org"
    )
    expect(page.get_by_label("Country of the organisation")).to_have_value("KE")
    expect(group(page, "Scope").get_by_label("National", exact=True)).to_be_checked()
    expect(
        group(page, "Is the organisation a national coalition?").get_by_label("No")
    ).to_be_checked()
    languages = group(page, "Languages the speaker can speak in")
    expect(languages.get_by_label("English", exact=True)).to_be_checked()
    expect(languages.get_by_label("French")).to_be_checked()
    expect(languages.get_by_label("Spanish")).not_to_be_checked()
    expect(page.get_by_label("I agree that the organiser stores")).to_be_checked()
    expect(page.locator("#kept-file")).to_contain_text("rapport-epu.pdf")

    # The field is marked invalid and described by its error.
    summary = page.get_by_label("Summary")
    expect(summary).to_have_attribute("aria-invalid", "true")
    expect(summary).to_have_accessible_description(re.compile("This field is required"))

    # Each link of the summary moves the focus to its field: with the keyboard...
    error_links.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#id_summary$"))
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    page.keyboard.type("The right to health in rural Kenya.")

    # ... and with the mouse, to the first choice of a group of radio buttons.
    error_links.last.click()
    woman = group(page, "Speaker's gender").get_by_label("Woman")
    expect(woman).to_be_focused()
    expect(woman).to_be_in_viewport()
    page.keyboard.press("Space")
    expect(woman).to_be_checked()

    # The application is then stored, with the file kept from the first try.
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".reference")).to_have_text("PS49-KEN-0001")
    application = Application.objects.get()
    assert application.summary == "The right to health in rural Kenya."
    assert application.speaker_gender == "woman"
    assert application.organisation_website == "https://krn.example.org"
    assert application.submitted_upr_report is True
    assert application.upr_report_name == "rapport-epu.pdf"
    with application.upr_report.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert len(mail.outbox) == 1


def test_switch_language_on_the_private_page(page: Page, live_server, series, submit_private_form):
    application = ApplicationFactory(presession=series.presessions.get(country="KE"), language="en")
    private_path = f"/en/application/{make_token(application)}/"
    page.goto(live_server.url + private_path)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Application {application.reference}"
    )

    page.get_by_label("Language", exact=True).select_option("fr")
    submit_private_form(page, page.get_by_role("button", name="Change"))

    expect(page).to_have_url(live_server.url + private_path.replace("/en/", "/fr/", 1))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Candidature {application.reference}"
    )
