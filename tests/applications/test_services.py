"""State changes of the call for applications, called directly."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications import emails, services
from applications.enums import ApplicationStatus
from applications.models import Application, PendingUpload
from presessions.models import OutboundEmail
from tests.conftest import application_data
from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory


def fields(presession, theme, **overrides) -> dict:
    """The cleaned fields of a complete application, as the form hands them over."""
    data = application_data(presession, theme, **overrides)
    booleans = [
        "is_national_coalition", "submitted_upr_report", "needs_interpretation",
        "needs_funding", "has_safety_concerns",
    ]  # fmt: skip
    cleaned = {name: data[name] for name in services.APPLICANT_FIELDS if name in data}
    cleaned.update({name: data[name] == "True" for name in booleans})
    cleaned["main_theme"] = theme
    cleaned["funding_amount"] = None
    return cleaned


# The call ------------------------------------------------------------------------------


def test_ensure_call_open_accepts_until_the_deadline_and_refuses_after(presession):
    closes = presession.series.call_closes_at

    services.ensure_call_open(presession, now=closes - dt.timedelta(seconds=1))
    with pytest.raises(ValidationError) as error:
        services.ensure_call_open(presession, now=closes)

    assert error.value.code == "call_closed"
    assert error.value.messages == ["The call for applications for Pre-sessions 49 is closed."]


def test_next_reference_follows_the_highest_number_of_the_presession(presession):
    ApplicationFactory(presession=presession, sequence=1)
    ApplicationFactory(presession=presession, sequence=7)
    ApplicationFactory(presession=PreSessionFactory(series=presession.series, country="UG"),
                       sequence=30)  # fmt: skip

    assert services.next_reference(presession) == (8, "PS49-KEN-0008")


def test_next_reference_of_an_empty_presession_starts_at_one(presession):
    assert services.next_reference(presession) == (1, "PS49-KEN-0001")


def test_find_duplicate_ignores_case_and_spaces_but_not_withdrawn_or_other_countries(presession):
    standing = ApplicationFactory(
        presession=presession, organisation_name="Haki Watch", contact_email="info@haki.org"
    )
    ApplicationFactory(
        presession=presession, organisation_name="Other", contact_email="info@haki.org"
    )

    found = services.find_duplicate(
        presession=presession, organisation_name="  haki WATCH ", contact_email="INFO@haki.org "
    )
    standing.status = ApplicationStatus.WITHDRAWN
    standing.save()
    after_withdrawal = services.find_duplicate(
        presession=presession, organisation_name="Haki Watch", contact_email="info@haki.org"
    )

    assert found == standing
    assert after_withdrawal is None


@pytest.mark.parametrize(
    ("name", "limit", "expected"),
    [
        ("report.pdf", 255, "report.pdf"),
        ("a" * 20 + ".pdf", 10, "aaaaaa.pdf"),
        ("a" * 20, 10, "a" * 10),
        (".hidden-file-name", 5, ".hidd"),
        ("name." + "x" * 20, 10, "name.xxxxx"),
    ],
)
def test_shorten_file_name_keeps_the_extension_when_it_can(name, limit, expected):
    assert services.shorten_file_name(name, limit) == expected
    assert len(services.shorten_file_name(name, limit)) <= limit


# Submitting, changing, withdrawing -----------------------------------------------------


def test_submit_application_numbers_stores_and_acknowledges(presession, theme, other_theme):
    application = services.submit_application(
        presession=presession,
        fields=fields(presession, theme),
        related_themes=[other_theme],
        language="fr",
    )

    stored = Application.objects.get()
    assert (stored.reference, stored.language, stored.status) == (
        "PS49-KEN-0001", "fr", ApplicationStatus.SUBMITTED
    )  # fmt: skip
    assert list(stored.related_themes.all()) == [other_theme]
    assert stored.consent_given_at is not None
    assert list(OutboundEmail.objects.values_list("to", "kind", "language")) == [
        ("contact@krn.example.org", "application_received", "fr")
    ]
    assert application == stored


def test_submit_application_stores_the_report_with_its_detected_type(presession, theme):
    report = SimpleUploadedFile("Our report.doc", PDF_BYTES, content_type="application/msword")

    application = services.submit_application(
        presession=presession,
        fields=fields(presession, theme, submitted_upr_report="True"),
        report=report,
        language="en",
    )

    assert application.upr_report_name == "Our report.doc"
    assert application.upr_report_type == "pdf"
    assert application.upr_report.name.endswith(".pdf")
    assert "Our report" not in application.upr_report.name


def test_submit_application_refuses_a_duplicate_and_stores_nothing_more(presession, theme):
    services.submit_application(presession=presession, fields=fields(presession, theme),
                                language="en")  # fmt: skip

    with pytest.raises(ValidationError) as error:
        services.submit_application(
            presession=presession,
            fields=fields(presession, theme, organisation_name="KENYA rights network"),
            language="en",
        )

    assert error.value.code == "duplicate"
    assert Application.objects.count() == 1
    assert OutboundEmail.objects.count() == 1


def test_submit_application_refuses_once_the_call_is_closed(db, theme):
    presession = PreSessionFactory(series=SeriesFactory(closed=True))

    with pytest.raises(ValidationError) as error:
        services.submit_application(presession=presession, fields=fields(presession, theme),
                                    language="en")  # fmt: skip

    assert error.value.code == "call_closed"
    assert not Application.objects.exists()


def test_update_application_changes_the_applicants_fields_only(presession, theme):
    application = ApplicationFactory(presession=presession, rating=3, review_notes="Strong.")

    services.update_application(
        application=application,
        fields={"summary": "A new summary.", "rating": 1, "reference": "FORGED"},
    )

    application.refresh_from_db()
    assert application.summary == "A new summary."
    assert (application.rating, application.review_notes) == (3, "Strong.")
    assert application.reference.startswith("PS49-KEN-")


def test_update_application_refuses_a_withdrawn_one_and_after_the_deadline(presession):
    withdrawn = ApplicationFactory(presession=presession, status=ApplicationStatus.WITHDRAWN)
    standing = ApplicationFactory(presession=presession)
    after = presession.series.call_closes_at + dt.timedelta(minutes=1)

    with pytest.raises(ValidationError) as refused:
        services.update_application(application=withdrawn, fields={"summary": "Again."})
    with pytest.raises(ValidationError) as late:
        services.update_application(application=standing, fields={"summary": "Late."}, now=after)

    assert (refused.value.code, late.value.code) == ("withdrawn", "call_closed")


def test_withdraw_application_once_and_tells_the_applicant_once(presession):
    application = ApplicationFactory(presession=presession)
    when = timezone.now() - dt.timedelta(hours=1)

    services.withdraw_application(application=application, now=when)
    services.withdraw_application(application=application)

    application.refresh_from_db()
    assert (application.status, application.withdrawn_at) == (ApplicationStatus.WITHDRAWN, when)
    assert list(OutboundEmail.objects.values_list("kind", flat=True)) == ["application_withdrawn"]


# The private link sent again, and kept uploads ------------------------------------------


def test_resend_private_link_at_most_once_a_quarter_hour(presession):
    application = ApplicationFactory(presession=presession)
    later = timezone.now() + services.LINK_RESEND_INTERVAL + dt.timedelta(seconds=5)

    sent = [
        services.resend_private_link(application=application),
        services.resend_private_link(application=application),
        services.resend_private_link(application=application, now=later),
    ]

    assert sent == [True, False, True]
    assert OutboundEmail.objects.filter(kind=emails.EXISTING_LINK).count() == 2


def test_resend_private_link_counts_per_address(presession):
    first = ApplicationFactory(presession=presession, contact_email="a@example.org")
    second = ApplicationFactory(presession=presession, contact_email="b@example.org")

    sent = [services.resend_private_link(application=a) for a in (first, second)]

    assert sent == [True, True]


def test_stash_upload_keeps_the_file_under_a_neutral_name(db):
    upload = SimpleUploadedFile("Confidential report.pdf", PDF_BYTES)

    pending = services.stash_upload(upload)

    assert pending.original_name == "Confidential report.pdf"
    assert "Confidential" not in pending.file.name
    with pending.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_purge_pending_uploads_deletes_only_the_stale_ones_and_their_files(db):
    stale = services.stash_upload(SimpleUploadedFile("old.pdf", PDF_BYTES))
    fresh = services.stash_upload(SimpleUploadedFile("new.pdf", PDF_BYTES))
    PendingUpload.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    storage, stale_name = stale.file.storage, stale.file.name

    purged = services.purge_pending_uploads()

    assert purged == 1
    assert list(PendingUpload.objects.all()) == [fresh]
    assert not storage.exists(stale_name)
    assert storage.exists(fresh.file.name)


# The rules between the answers, for every way in ----------------------------------------


@pytest.mark.parametrize(
    ("answers", "has_report", "expected"),
    [
        ({"submitted_upr_report": True}, False,
         {"upr_report": ["Please attach the report you submitted."]}),
        ({"needs_interpretation": True, "interpretation_details": ""}, True,
         {"interpretation_details": ["Please say from which language."]}),
        ({"needs_funding": True, "funding_amount": None, "funding_reason": ""}, True,
         {"funding_amount": ["Please give the amount you need."],
          "funding_reason": ["Please say what the support is for."]}),
        ({"needs_funding": True, "funding_amount": Decimal("0"), "funding_reason": "Travel"},
         True, {"funding_amount": ["The amount must be more than zero."]}),
    ],
)  # fmt: skip
def test_validate_answers_refuses_what_breaks_a_rule_on_its_field(answers, has_report, expected):
    with pytest.raises(ValidationError) as refused:
        services.validate_answers(answers, has_report=has_report)

    assert refused.value.message_dict == expected


@pytest.mark.parametrize(
    "answers",
    [
        {"submitted_upr_report": True},
        {"submitted_upr_report": False, "needs_interpretation": False, "needs_funding": False},
        {"needs_interpretation": True, "interpretation_details": "Swahili"},
        {"needs_funding": True, "funding_amount": Decimal("0.01"), "funding_reason": "Travel"},
    ],
)
def test_validate_answers_accepts_answers_that_agree(answers):
    services.validate_answers(answers, has_report=True)


def test_validate_answers_checks_only_the_rules_of_what_changed():
    blanked = {"needs_funding": True, "funding_amount": None, "funding_reason": ""}

    services.validate_answers(blanked, has_report=False, changed=["rating"])
    with pytest.raises(ValidationError) as refused:
        services.validate_answers(blanked, has_report=False, changed=["funding_reason"])

    assert list(refused.value.message_dict) == ["funding_amount", "funding_reason"]


def test_submit_application_refuses_answers_that_break_a_rule_and_keeps_no_file(presession, theme):
    kept = services.stash_upload(SimpleUploadedFile("report.pdf", PDF_BYTES))

    with pytest.raises(ValidationError) as refused:
        services.submit_application(
            presession=presession,
            fields=fields(presession, theme, submitted_upr_report="True", needs_funding="True"),
            pending_report=kept,
            language="en",
        )

    assert list(refused.value.message_dict) == ["funding_amount", "funding_reason"]
    assert not Application.objects.exists()
    assert list(PendingUpload.objects.all()) == [kept]
    assert OutboundEmail.objects.count() == 0


def test_update_application_refuses_answers_that_break_a_rule(presession):
    application = ApplicationFactory(presession=presession, summary="As sent.")

    with pytest.raises(ValidationError) as refused:
        services.update_application(
            application=application,
            fields={"summary": "Changed.", "needs_interpretation": True},
        )

    assert refused.value.message_dict == {
        "interpretation_details": ["Please say from which language."]
    }
    application.refresh_from_db()
    assert application.summary == "As sent."


def test_submit_and_update_keep_the_related_themes_without_the_main_one(
    presession, theme, other_theme
):
    application = services.submit_application(
        presession=presession, fields=fields(presession, theme),
        related_themes=[theme, other_theme], language="en",
    )  # fmt: skip
    submitted = list(application.related_themes.all())
    services.update_application(
        application=application, fields={"main_theme": other_theme},
        related_themes=[theme, other_theme],
    )  # fmt: skip

    assert submitted == [other_theme]
    assert list(application.related_themes.all()) == [theme]


def test_themes_besides_main_keeps_the_order_of_the_others(theme, other_theme):
    assert services.themes_besides_main(theme, [other_theme, theme]) == [other_theme]
    assert services.themes_besides_main(None, [other_theme, theme]) == [other_theme, theme]


# A second application -----------------------------------------------------------------


def test_check_not_duplicate_refuses_with_the_standing_application(presession):
    standing = ApplicationFactory(
        presession=presession, organisation_name="Haki Watch", contact_email="info@haki.org"
    )

    with pytest.raises(services.DuplicateApplicationError) as refused:
        services.check_not_duplicate(
            presession=presession, organisation_name="haki watch", contact_email="INFO@haki.org"
        )

    assert (refused.value.code, refused.value.existing) == ("duplicate", standing)
    assert refused.value.messages == [
        "This organisation has already applied for Kenya with this email address. We have "
        "sent the private link of that application to the address: use it to see or change "
        "the application."
    ]


def test_check_not_duplicate_accepts_a_first_application(presession):
    ApplicationFactory(presession=presession, organisation_name="Other", contact_email="i@h.org")

    services.check_not_duplicate(
        presession=presession, organisation_name="Haki Watch", contact_email="i@h.org"
    )


def test_submit_application_refuses_a_duplicate_with_the_standing_one(presession, theme):
    standing = services.submit_application(
        presession=presession, fields=fields(presession, theme), language="en"
    )

    with pytest.raises(services.DuplicateApplicationError) as refused:
        services.submit_application(
            presession=presession, fields=fields(presession, theme), language="en"
        )

    assert refused.value.existing == standing


def test_answer_duplicate_sends_the_standing_applications_link_and_nothing_otherwise(
    presession,
):
    standing = ApplicationFactory(presession=presession, contact_email="info@haki.org")

    sent = [
        services.answer_duplicate(existing=None),
        services.answer_duplicate(existing=standing),
        services.answer_duplicate(existing=standing),
    ]

    assert sent == [False, True, False]
    assert list(OutboundEmail.objects.values_list("to", "kind")) == [
        ("info@haki.org", emails.EXISTING_LINK)
    ]


# The review in bulk ---------------------------------------------------------------------


def test_rate_applications_rates_each_and_counts_the_changes(presession):
    unrated, rated_two, rated_one = (
        ApplicationFactory(presession=presession, rating=rating) for rating in (None, 2, 1)
    )

    changed = services.rate_applications(
        applications=Application.objects.filter(pk__in=[unrated.pk, rated_two.pk]), rating=2
    )

    assert changed == 1
    ratings = dict(Application.objects.values_list("pk", "rating"))
    assert ratings == {unrated.pk: 2, rated_two.pk: 2, rated_one.pk: 1}
    assert unrated.history.latest().rating == 2


@pytest.mark.parametrize("rating", [-1, 4])
def test_rate_applications_refuses_a_rating_outside_0_to_3(presession, rating):
    application = ApplicationFactory(presession=presession)

    with pytest.raises(ValidationError) as refused:
        services.rate_applications(applications=[application], rating=rating)

    assert refused.value.messages == ["A rating is 0, 1, 2 or 3."]
    application.refresh_from_db()
    assert application.rating is None


def test_mark_ineligible_keeps_the_reason_on_each(presession):
    chosen = [ApplicationFactory(presession=presession) for _n in range(2)]
    other = ApplicationFactory(presession=presession)

    changed = services.mark_ineligible(applications=chosen, reason="  Not a CSO of Kenya. ")

    assert changed == 2
    assert set(Application.objects.filter(is_ineligible=True).values_list("pk", flat=True)) == {
        a.pk for a in chosen
    }
    assert set(Application.objects.filter(pk__in=[a.pk for a in chosen]).values_list(
        "ineligible_reason", flat=True)) == {"Not a CSO of Kenya."}  # fmt: skip
    other.refresh_from_db()
    assert (other.is_ineligible, other.ineligible_reason) == (False, "")


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_mark_ineligible_needs_a_reason(presession, reason):
    application = ApplicationFactory(presession=presession)

    with pytest.raises(ValidationError) as refused:
        services.mark_ineligible(applications=[application], reason=reason)

    assert refused.value.message_dict == {
        "ineligible_reason": ["Say why the application is ineligible."]
    }
    application.refresh_from_db()
    assert application.is_ineligible is False
