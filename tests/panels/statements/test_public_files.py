"""The files of statements as the public gets them: neutral names, copies without the
author's details whenever the organisation is not named, files that cannot be cleaned
withheld (and staff and speaker told why), and the speaker's preview of the public page.

Every document here names "Ligue Tunisienne des Droits" in its metadata and is uploaded
under a name that gives the organisation away."""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applications.access import make_token
from panels.enums import Cleaning, Sharing
from panels.models import Material, Statement
from panels.statements import published
from panels.statements.public_files import prepare_public_copy, public_name
from tests.authored_documents import (
    BODY,
    ORGANISATION,
    docx_by,
    everything_in,
    names,
    odt_by,
    pdf_by,
)
from tests.documents import DOC_BYTES, upload
from tests.factories import MaterialFactory, PreSessionFactory, SpeakerFactory, StatementFactory
from tests.panels.statements.test_forms import form_data as statement_form_data

UPLOADS = ("Note_plaidoyer_LTC-Tunisie", "LTC-Tunisie", "LTC_annexe")
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
DOC_REASON = "Word 97-2003 (.doc) files cannot be cleaned of their author&#x27;s details."


@pytest.fixture
def tunisian(past_series):
    """The confirmed speaker of a Tunisian organisation on the panel of Tunisia, series 48."""
    presession = PreSessionFactory(series=past_series, country="TN")
    return SpeakerFactory(
        application__presession=presession,
        application__organisation_name=ORGANISATION,
        application__organisation_country="TN",
    ).application


def private_url(application):
    return reverse("panels:private", args=[make_token(application)])


def form_data(theme, sharing, **overrides):
    """The statement form, every item shared as `sharing`."""
    return statement_form_data(
        theme,
        **{
            "text": f"{BODY}.",
            "sharing": sharing,
            "recommendations-0-text": "Release all detained journalists within three months.",
            "recommendations-0-theme": "",
            "recommendations-0-sharing": sharing,
            "recommendations-1-text": "Repeal Decree 54 through the parliament by 2028.",
            "recommendations-1-sharing": sharing,
            **overrides,
        },
    )


def hand_in(client, application, theme, sharing):
    """The speaker hands in a PDF statement, a DOCX and an ODT, all naming the
    organisation, through the form of their private link."""
    response = client.post(
        reverse("panels:statement-edit", args=[make_token(application)]),
        form_data(
            theme,
            sharing,
            file=upload("Note_plaidoyer_LTC-Tunisie.pdf", pdf_by(ORGANISATION)),
            **{
                "materials-0-file": upload("LTC-Tunisie.docx", docx_by(ORGANISATION)),
                "materials-1-file": upload("LTC_annexe.odt", odt_by(ORGANISATION)),
                "materials-1-title": "Annex on detention",
                "materials-0-sharing": sharing,
                "materials-1-sharing": sharing,
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()
    return Statement.objects.get(application=application)


def publish(client, coordinator, statement):
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:panels_statement_changelist"),
        {"action": "publish", "_selected_action": [statement.pk]},
        follow=True,
    )
    client.logout()
    return response.content.decode()


def public_pages(client):
    urls = [
        reverse("panels:statement", args=[48, "tun", 1]),
        reverse("panels:statements"),
        reverse("panels:statements") + "?q=journalists",
        reverse("panels:country-statements", args=[48, "tun"]),
        reverse("panels:recommendations"),
        reverse("panels:statement-feed"),
    ]
    return {url: client.get(url).content.decode() for url in urls}


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return response["Content-Disposition"], response["Content-Type"], content


def preview_of(page: str) -> str:
    match = re.search(r'<div class="statement-preview[^"]*">(.*?)</div>\s*</section>', page, re.S)
    assert match, "no preview on the private page"
    return match.group(1)


FILES = [
    ("panels:statement-file", [48, "tun", 1], "presession-48-TUN-statement-1.pdf", PDF_TYPE),
    (
        "panels:statement-material",
        [48, "tun", 1, 1],
        "presession-48-TUN-statement-1-material-1.docx",
        DOCX_TYPE,
    ),
    (
        "panels:statement-material",
        [48, "tun", 1, 2],
        "presession-48-TUN-statement-1-material-2.odt",
        ODT_TYPE,
    ),
]


def test_anonymous_statement_names_the_organisation_nowhere_public(
    client, coordinator, tunisian, theme
):
    statement = hand_in(client, tunisian, theme, Sharing.ANONYMOUS)
    before = client.get(private_url(tunisian)).content.decode()

    report = publish(client, coordinator, statement)
    pages = public_pages(client)
    after = client.get(private_url(tunisian)).content.decode()

    assert "1 statement published." in report
    everything = "".join(pages.values())
    assert "Tunisia: statement by an organisation from Tunisia" in everything
    for public_text in (everything, preview_of(before), preview_of(after)):
        assert ORGANISATION not in html.unescape(public_text)
        for uploaded in UPLOADS:
            assert uploaded not in public_text
    detail = pages[reverse("panels:statement", args=[48, "tun", 1])]
    for _view, _args, name, _type in FILES:
        assert name in detail
        assert name in preview_of(before)
        assert name in preview_of(after)
    # The material without a title is shown as such, never under its uploaded name.
    assert "Material 1</a>" in detail
    assert "Annex on detention</a>" in detail
    for view, args, name, content_type in FILES:
        disposition, kind, content = download(client, reverse(view, args=args))
        assert disposition == f'attachment; filename="{name}"'
        assert kind == content_type
        assert not names(content, ORGANISATION)
        for uploaded in UPLOADS:
            assert not names(content, uploaded)
        assert BODY.encode() in everything_in(content)


def test_preview_is_the_public_page_before_and_after_publication(
    client, coordinator, tunisian, theme
):
    statement = hand_in(client, tunisian, theme, Sharing.ANONYMOUS)

    before = client.get(private_url(tunisian)).content.decode()
    assert client.get(reverse("panels:statement", args=[48, "tun", 1])).status_code == 404
    publish(client, coordinator, statement)
    after = client.get(private_url(tunisian)).content.decode()
    public = client.get(reverse("panels:statement", args=[48, "tun", 1])).content.decode()

    assert "This is how the public will see your statement once it is published" in before
    assert "Pre-sessions 48 · not published yet" in before
    # Before publication nothing in the preview points to a download that would fail.
    assert "/file/" not in preview_of(before)
    assert "/materials/" not in preview_of(before)
    assert "Your statement as the public sees it now" in after
    assert preview_of(after).strip() in public


def test_named_statement_serves_its_files_as_they_were_handed_in(
    client, coordinator, tunisian, theme
):
    statement = hand_in(client, tunisian, theme, Sharing.NAMED)
    publish(client, coordinator, statement)

    page = client.get(reverse("panels:statement", args=[48, "tun", 1])).content.decode()
    disposition, _type, content = download(
        client, reverse("panels:statement-file", args=[48, "tun", 1])
    )

    assert f"statement by {ORGANISATION}" in page
    assert disposition == 'attachment; filename="presession-48-TUN-statement-1.pdf"'
    assert content == statement.file.open("rb").read()
    statement.file.close()
    assert names(content, ORGANISATION)


def test_taking_back_the_name_switches_downloads_to_the_cleaned_copies_at_once(
    client, coordinator, tunisian, theme
):
    statement = hand_in(client, tunisian, theme, Sharing.NAMED)
    publish(client, coordinator, statement)
    url = reverse("panels:statement-material", args=[48, "tun", 1, 1])
    assert names(download(client, url)[2], ORGANISATION)

    client.post(
        reverse("panels:statement-restrict", args=[make_token(tunisian)]),
        {"restrict": "anonymous"},
    )

    assert not names(download(client, url)[2], ORGANISATION)
    page = client.get(reverse("panels:statement", args=[48, "tun", 1])).content.decode()
    assert ORGANISATION not in html.unescape(page)


def test_doc_file_is_withheld_when_the_organisation_is_not_named_and_both_sides_told_why(
    client, coordinator, tunisian
):
    statement = StatementFactory(
        application=tunisian, position=1, text=f"{BODY}.", sharing=Sharing.ANONYMOUS
    )
    # Shared with the name, but the statement is not named: the file would name it.
    MaterialFactory(
        statement=statement,
        position=1,
        title="Legacy note",
        sharing=Sharing.NAMED,
        file=upload("LTC-Tunisie.doc", DOC_BYTES),
        file_name="LTC-Tunisie.doc",
    )

    private = client.get(private_url(tunisian)).content.decode()
    report = publish(client, coordinator, statement)
    page = client.get(reverse("panels:statement", args=[48, "tun", 1])).content.decode()
    material = client.get(reverse("panels:statement-material", args=[48, "tun", 1, 1]))

    assert "Material 1: " + DOC_REASON in private
    assert "These files cannot be, so the public does not get them" in private
    assert "1 statement published." in report
    assert (
        f"{tunisian.reference}, Material 1: published without this file, since the "
        f"organisation is not named. {DOC_REASON}"
    ) in report
    assert "Legacy note" not in page
    assert material.status_code == 404


def test_statement_sharing_only_an_uncleanable_file_anonymously_is_not_published(
    client, coordinator, tunisian
):
    statement = StatementFactory(
        application=tunisian,
        position=1,
        text="",
        sharing=Sharing.ANONYMOUS,
        file=upload("LTC-Tunisie.doc", DOC_BYTES),
        file_name="LTC-Tunisie.doc",
    )

    report = publish(client, coordinator, statement)

    statement.refresh_from_db()
    assert statement.published_at is None
    assert (
        "1 statement not published: it shares only files that cannot be cleaned of their "
        "author&#x27;s details, and its organisation is not to be named."
    ) in report


def test_doc_shared_anonymously_is_refused_at_upload_and_nothing_typed_is_lost(
    client, tunisian, theme
):
    data = form_data(
        theme,
        Sharing.ANONYMOUS,
        file=upload("Note_plaidoyer_LTC-Tunisie.pdf", pdf_by(ORGANISATION)),
        **{
            "materials-0-file": upload("LTC-Tunisie.doc", DOC_BYTES),
            "materials-0-title": "Legacy note",
            "materials-0-sharing": Sharing.ANONYMOUS,
        },
    )

    response = client.post(reverse("panels:statement-edit", args=[make_token(tunisian)]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Word 97-2003 (.doc) files cannot be cleaned of their author&#x27;s details, so they "
        "can only be published with your organisation&#x27;s name. Save it as PDF or DOCX, or "
        "choose another option."
    ) in page
    assert BODY in page
    assert 'value="Legacy note"' in page
    assert "File kept: <strong>Note_plaidoyer_LTC-Tunisie.pdf</strong>" in page
    assert "File kept: <strong>LTC-Tunisie.doc</strong>" in page
    assert not Statement.objects.filter(application=tunisian).exists()


def test_doc_shared_with_the_name_is_accepted(client, tunisian, theme):
    data = form_data(
        theme,
        Sharing.NAMED,
        **{
            "materials-0-file": upload("LTC-Tunisie.doc", DOC_BYTES),
            "materials-0-sharing": Sharing.NAMED,
        },
    )

    response = client.post(reverse("panels:statement-edit", args=[make_token(tunisian)]), data)

    assert response.status_code == 302
    material = Material.objects.get(statement__application=tunisian)
    assert (material.file_type, material.cleaning) == ("doc", Cleaning.OLD_WORD_FORMAT)


@pytest.mark.parametrize(
    ("content", "kind", "cleaning"),
    [
        (pdf_by(ORGANISATION), "pdf", Cleaning.CLEANED),
        (docx_by(ORGANISATION), "docx", Cleaning.CLEANED),
        (odt_by(ORGANISATION), "odt", Cleaning.CLEANED),
        (DOC_BYTES, "doc", Cleaning.OLD_WORD_FORMAT),
        (b"%PDF-1.4 not really", "pdf", Cleaning.UNREADABLE),
    ],
)
def test_prepare_public_copy_keeps_the_original_and_stores_a_clean_copy(
    tunisian, content, kind, cleaning
):
    statement = StatementFactory(application=tunisian)
    material = MaterialFactory(statement=statement, file=upload("x", content))

    prepare_public_copy(material)

    material.refresh_from_db()
    assert (material.file_type, material.cleaning) == (kind, cleaning)
    with material.file.open("rb") as original:
        assert original.read() == content
    if cleaning == Cleaning.CLEANED:
        with material.public_file.open("rb") as copy:
            assert not names(copy.read(), ORGANISATION)
    else:
        assert not material.public_file


def test_removing_a_material_deletes_its_copy_too(client, tunisian, theme):
    statement = hand_in(client, tunisian, theme, Sharing.ANONYMOUS)
    material = statement.materials.get(position=1)
    storage, copy_name = material.public_file.storage, material.public_file.name
    assert storage.exists(copy_name)

    client.post(
        reverse("panels:statement-edit", args=[make_token(tunisian)]),
        form_data(
            theme,
            Sharing.ANONYMOUS,
            **{
                f"material-{material.pk}-remove": "on",
                f"material-{material.pk}-sharing": Sharing.ANONYMOUS,
                f"material-{statement.materials.get(position=2).pk}-sharing": Sharing.ANONYMOUS,
            },
        ),
    )

    assert not storage.exists(copy_name)


def test_public_names_are_neutral_and_follow_the_detected_type():
    assert public_name(number=49, alpha3="tun", position=2, kind="pdf") == (
        "presession-49-TUN-statement-2.pdf"
    )
    assert public_name(number=49, alpha3="TUN", position=2, kind="docx", material=1) == (
        "presession-49-TUN-statement-2-material-1.docx"
    )
    assert public_name(number=49, alpha3="TUN", position=2, kind="", material=3) == (
        "presession-49-TUN-statement-2-material-3.bin"
    )


def test_preview_of_a_statement_sharing_nothing_is_empty(tunisian):
    statement = StatementFactory(application=tunisian, sharing=Sharing.PRIVATE)

    assert published.statement_preview(statement) is None


def test_files_stored_before_copies_existed_are_hidden_until_prepared(client, tunisian):
    statement = StatementFactory(
        application=tunisian,
        position=1,
        sharing=Sharing.NAMED,
        published_at=timezone.now(),
        file=upload("Note_plaidoyer_LTC-Tunisie.pdf", pdf_by(ORGANISATION)),
    )
    Statement.objects.filter(pk=statement.pk).update(file_type="", cleaning="", public_file="")
    url = reverse("panels:statement-file", args=[48, "tun", 1])
    assert client.get(url).status_code == 404

    call_command("prepare_public_files", stdout=io.StringIO())

    assert download(client, url)[0] == 'attachment; filename="presession-48-TUN-statement-1.pdf"'
