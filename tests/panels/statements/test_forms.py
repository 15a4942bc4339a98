"""The speaker's statement form, through the private link."""

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.access import make_token
from applications.models import PendingUpload
from panels.enums import Response, Sharing
from panels.models import Statement
from tests.documents import PDF_BYTES, PNG_BYTES, pdf, upload
from tests.factories import SpeakerFactory, StatementFactory


def edit_url(application):
    return reverse("panels:statement-edit", args=[make_token(application)])


def private_url(application):
    return reverse("panels:private", args=[make_token(application)])


def form_data(theme, **overrides):
    data = {
        "language": "en",
        "theme": theme.pk,
        "text": "Journalists are detained for their work.",
        "sharing": Sharing.NAMED,
        "recommendations-TOTAL_FORMS": "3",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-0-text": "Repeal the sedition law through the parliament by 2028.",
        "recommendations-0-theme": theme.pk,
        "recommendations-0-sharing": Sharing.NAMED,
        "recommendations-1-text": "Release all detained journalists within three months.",
        "recommendations-1-sharing": Sharing.ANONYMOUS,
        "recommendations-2-text": "",
        "recommendations-2-sharing": Sharing.PRIVATE,
        "materials-TOTAL_FORMS": "2",
        "materials-INITIAL_FORMS": "0",
        "materials-0-title": "",
        "materials-0-sharing": Sharing.PRIVATE,
        "materials-1-title": "",
        "materials-1-sharing": Sharing.PRIVATE,
    }
    data.update(overrides)
    return data


def test_private_page_of_a_confirmed_speaker_invites_the_statement(client, speaker):
    page = client.get(private_url(speaker)).content.decode()

    assert "Hand in the statement" in page
    assert edit_url(speaker) in page


def test_private_page_of_a_speaker_who_has_not_confirmed_offers_no_statement(client, presession):
    application = SpeakerFactory(
        application__presession=presession, response=Response.PENDING
    ).application

    page = client.get(private_url(application)).content.decode()

    assert "Hand in the statement" not in page
    response = client.get(edit_url(application))
    assert response.status_code == 302
    assert response["Location"] == private_url(application)


def test_statement_form_starts_with_the_application_theme(client, speaker):
    response = client.get(edit_url(speaker))

    assert response.status_code == 200
    assert response.context["form"].initial["theme"] == speaker.main_theme_id
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_statement_form_saves_statement_recommendations_and_material(client, speaker, theme):
    data = form_data(
        theme,
        **{
            "materials-0-file": upload("facts.pdf"),
            "materials-0-title": "Factsheet",
            "materials-0-sharing": Sharing.NAMED,
        },
    )

    response = client.post(edit_url(speaker), data)

    assert response.status_code == 302
    statement = Statement.objects.get(application=speaker)
    assert statement.text == "Journalists are detained for their work."
    assert list(statement.recommendations.values_list("position", "sharing")) == [
        (1, Sharing.NAMED),
        (2, Sharing.ANONYMOUS),
    ]
    assert list(statement.materials.values_list("title", "file_name", "sharing")) == [
        ("Factsheet", "facts.pdf", Sharing.NAMED)
    ]
    page = client.get(private_url(speaker)).content.decode()
    assert "Change the statement" in page


def test_statement_form_needs_two_recommendations_and_keeps_the_text(client, speaker, theme):
    data = form_data(theme, **{"recommendations-1-text": ""})

    response = client.post(edit_url(speaker), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Give at least two recommendations, each in its own box." in page
    assert "Journalists are detained for their work." in page
    assert "Repeal the sedition law" in page
    assert not Statement.objects.exists()


def test_statement_form_needs_text_or_file(client, speaker, theme):
    response = client.post(edit_url(speaker), form_data(theme, text=""))

    assert "Write the statement here or attach it as a file." in response.content.decode()
    assert not Statement.objects.exists()


def test_statement_form_refuses_a_file_of_the_wrong_type_with_a_message(client, speaker, theme):
    data = form_data(theme, file=upload("photo.pdf", PNG_BYTES))

    response = client.post(edit_url(speaker), data)

    assert "Please upload a PDF, Word (DOC or DOCX) or OpenDocument (ODT) file." in (
        response.content.decode()
    )
    assert not Statement.objects.exists()


def test_statement_form_keeps_a_valid_file_when_something_else_fails(client, speaker, theme):
    data = form_data(theme, file=upload("my statement.pdf"), **{"recommendations-1-text": ""})

    response = client.post(edit_url(speaker), data)

    assert "File kept: <strong>my statement.pdf</strong>" in response.content.decode()
    token = response.context["form"].data["file_pending"]
    fixed = form_data(theme, file_pending=token)
    assert client.post(edit_url(speaker), fixed).status_code == 302
    statement = Statement.objects.get(application=speaker)
    assert statement.file_name == "my statement.pdf"
    assert not PendingUpload.objects.exists()


def test_statement_form_shows_smart_hints_without_blocking(client, speaker, theme):
    data = form_data(theme, **{"recommendations-0-text": "Think about journalists."})
    data["text"] = ""  # an error elsewhere, so that the form comes back with its hints

    page = client.post(edit_url(speaker), data).content.decode()

    assert 'data-hint="action"' in page
    assert 'data-hint="time"' in page
    saved = client.post(edit_url(speaker), form_data(theme, **{"recommendations-0-text": "x y"}))
    assert saved.status_code == 302


def test_statement_form_escapes_what_was_typed(client, speaker, theme):
    data = form_data(theme, text='<script>alert("x")</script>', **{"recommendations-1-text": ""})

    page = client.post(edit_url(speaker), data).content.decode()

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_published_statement_cannot_be_edited_but_consent_can_be_withdrawn(client, speaker):
    statement = StatementFactory(
        application=speaker, sharing=Sharing.NAMED, published_at=timezone.now()
    )

    assert client.get(edit_url(speaker)).status_code == 302
    page = client.get(private_url(speaker)).content.decode()
    assert "Change the statement" not in page
    assert "Withdraw everything from publication" in page

    restrict = reverse("panels:statement-restrict", args=[make_token(speaker)])
    response = client.post(restrict, {"restrict": "withdraw"})

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.sharing == Sharing.PRIVATE


def test_restrict_asks_for_a_choice(client, speaker):
    StatementFactory(application=speaker, sharing=Sharing.NAMED)
    restrict = reverse("panels:statement-restrict", args=[make_token(speaker)])

    response = client.post(restrict, {"restrict": "everything"}, follow=True)

    assert "Please choose what to take back." in response.content.decode()


@pytest.mark.parametrize("url_name", ["panels:statement-edit", "panels:statement-restrict"])
def test_statement_pages_refuse_a_forged_link(client, speaker, url_name):
    token = make_token(speaker)[:-2] + "xx"

    response = client.post(reverse(url_name, args=[token]))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_withdrawn_speaker_can_still_take_back_consent(client, speaker):
    StatementFactory(application=speaker, sharing=Sharing.NAMED, published_at=timezone.now())
    speaker.status = "withdrawn"
    speaker.withdrawn_at = timezone.now()
    speaker.save()

    page = client.get(private_url(speaker)).content.decode()

    assert "Withdraw everything from publication" in page
    assert "Change the statement" not in page


def test_an_oversized_optional_file_is_not_silently_dropped(client, speaker, theme, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    data = form_data(theme, file=upload("statement.pdf", PDF_BYTES + b"0" * 5000))

    response = client.post(reverse("panels:statement-edit", args=[make_token(speaker)]), data)

    assert response.status_code == 200
    assert "The file is larger than" in response.content.decode()
    assert not Statement.objects.exists()


SCRIPTED_PDF = pdf(b"/OpenAction << /S /JavaScript /JS (app.launchURL('x')) >>")
LAUNCHING_PDF = pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>")


def test_statement_form_refuses_a_statement_file_with_scripts_and_says_what_was_found(
    client, speaker, theme
):
    data = form_data(theme, file=upload("statement.pdf", SCRIPTED_PDF))

    response = client.post(edit_url(speaker), data)

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This PDF contains scripts (JavaScript). A file that may be published must not: "
        "please save it again without them (for example by printing it to a new PDF) and "
        "upload that copy."
    ]
    assert "Journalists are detained for their work." in response.content.decode()
    assert not Statement.objects.exists()
    assert not PendingUpload.objects.exists()


def test_statement_form_refuses_a_material_that_launches_a_program(client, speaker, theme):
    data = form_data(
        theme,
        **{
            "materials-0-file": upload("factsheet.pdf", LAUNCHING_PDF),
            "materials-0-title": "Factsheet",
            "materials-0-sharing": Sharing.NAMED,
        },
    )

    response = client.post(edit_url(speaker), data)

    assert response.status_code == 200
    assert (
        "This PDF contains an action that starts a program or opens another file."
        in response.content.decode()
    )
    assert not Statement.objects.exists()


def test_statement_form_refuses_a_pdf_header_followed_by_a_web_page(client, speaker, theme):
    polyglot = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"
    data = form_data(theme, file=upload("UPR report 2026.hta", polyglot))

    response = client.post(edit_url(speaker), data)

    assert response.context["form"].errors["file"] == [
        "This file contains web page code (HTML or script) besides the document. "
        "Please save the document again from your word processor and upload that."
    ]
    assert not Statement.objects.exists()
