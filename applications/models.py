"""An application by an organisation to speak at one Pre-session."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField
from simple_history.models import HistoricalRecords

from applications.enums import ApplicationStatus, Gender, OrganisationType, Scope
from presessions.models import PreSession, Theme

# The extensions a stored file may have: those of the types detected from the content.
STORED_EXTENSIONS = frozenset({".pdf", ".doc", ".docx", ".odt"})


def private_upload_path(instance: models.Model, filename: str) -> str:
    """A random name in a private folder: the name the person gave is never used on disk.
    Its extension is that of `filename` only if it is one of a detected type (callers pass
    applications.validators.document_file_name), never an arbitrary one such as .hta."""
    suffix = PurePosixPath(filename).suffix.lower()
    suffix = suffix if suffix in STORED_EXTENSIONS else ""
    return f"{instance._meta.app_label}/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


# The fields an applicant fills in, part by part as the form and the admin show them (the
# rest are set by the services or by staff). The one list: the form, the services, the
# admin and the export take theirs from here.
ORGANISATION_FIELDS = (
    "organisation_name",
    "organisation_country",
    "organisation_website",
    "organisation_type",
    "scope",
    "is_national_coalition",
    "contact_email",
)
SPEAKER_FIELDS = (
    "speaker_name",
    "speaker_email",
    "speaker_gender",
    "speaker_languages",
    "speaker_other_languages",
)
NEEDS_FIELDS = (
    "needs_interpretation",
    "interpretation_details",
    "needs_funding",
    "funding_amount",
    "funding_reason",
    "has_safety_concerns",
    "safety_details",
)
APPLICANT_FIELDS = (
    *ORGANISATION_FIELDS,
    "submitted_upr_report",
    "main_theme",
    "summary",
    *SPEAKER_FIELDS,
    *NEEDS_FIELDS,
)

APPLICANT_ONLY_FIELDS = [
    "access_key", "organisation_website", "contact_email", "upr_report", "upr_report_name",
    "upr_report_type", "upr_report_active_content",
    "summary", "speaker_name", "speaker_email", "speaker_other_languages",
    "interpretation_details", "funding_reason", "safety_details",
]  # fmt: skip


class Application(models.Model):
    presession = models.ForeignKey(
        PreSession,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("Pre-session"),
    )
    sequence = models.PositiveIntegerField(_("number within the Pre-session"), editable=False)
    reference = models.CharField(_("reference"), max_length=24, unique=True, editable=False)
    # The secret behind the private link; the link carries it signed.
    access_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    language = models.CharField(_("language of correspondence"), max_length=8)

    # The organisation
    organisation_name = models.CharField(_("name of the organisation"), max_length=200)
    # django-countries' stub types the field as a CharField of str: the attribute reads a
    # Country (values() and values_list() still give its code, which mypy takes for one).
    organisation_country: models.CharField[str | Country, Country] = CountryField(
        _("country of the organisation")
    )
    organisation_website = models.URLField(_("website"), blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=8, choices=OrganisationType.choices
    )
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    is_national_coalition = models.BooleanField(_("national coalition"))
    contact_email = models.EmailField(_("contact email of the organisation"))

    # The UPR stakeholder report
    submitted_upr_report = models.BooleanField(_("submitted a UPR stakeholder report"))
    upr_report = models.FileField(
        _("UPR stakeholder report"), upload_to=private_upload_path, blank=True
    )
    upr_report_name = models.CharField(_("file name as uploaded"), max_length=255, blank=True)
    # Read from the content when the report is stored (applications/validators.py).
    upr_report_type = models.CharField(
        _("type of the report, read from its content"), max_length=4, blank=True, editable=False
    )
    # Kinds of active content found in a PDF report (keys of
    # validators.ACTIVE_CONTENT_LABELS): accepted, but staff are warned before opening it.
    upr_report_active_content = models.JSONField(
        _("active content in the report"), default=list, blank=True, editable=False
    )

    # What it will present
    main_theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        related_name="main_applications",
        verbose_name=_("main theme"),
    )
    related_themes = models.ManyToManyField(
        Theme, related_name="related_applications", blank=True, verbose_name=_("related themes")
    )
    summary = models.TextField(_("summary"), max_length=2000)

    # The nominated speaker
    speaker_name = models.CharField(_("speaker's name"), max_length=200)
    speaker_email = models.EmailField(_("speaker's email"))
    speaker_gender = models.CharField(_("speaker's gender"), max_length=12, choices=Gender.choices)
    speaker_languages = models.JSONField(_("languages the speaker uses"), default=list)
    speaker_other_languages = models.CharField(_("other languages"), max_length=200, blank=True)

    # Needs
    needs_interpretation = models.BooleanField(_("needs interpretation"), default=False)
    interpretation_details = models.CharField(
        _("interpretation needed"), max_length=200, blank=True
    )
    needs_funding = models.BooleanField(_("needs financial support"), default=False)
    funding_amount = models.DecimalField(
        _("amount requested (CHF)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    funding_reason = models.TextField(_("reason for the request"), blank=True, max_length=1000)
    funding_granted = models.DecimalField(
        _("amount granted (CHF)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    has_safety_concerns = models.BooleanField(_("fears reprisals"), default=False)
    safety_details = models.TextField(_("safety concerns"), blank=True, max_length=2000)

    # Staff review (PRODUCT.md, user 2): seen by staff only.
    rating = models.PositiveSmallIntegerField(
        _("rating (0-3)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3)],
        help_text=_("Counts in the panel's score: 0 (weak) to 3 (strong)."),
    )
    review_notes = models.TextField(_("review notes"), blank=True)
    is_ineligible = models.BooleanField(_("ineligible"), default=False)
    ineligible_reason = models.TextField(_("why it is ineligible"), blank=True)

    consent_given_at = models.DateTimeField(_("consent to data processing given at"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    # The audit trail of staff changes (review, eligibility, funding, status). What only
    # the applicant writes is left out, so that no more copies of it are kept.
    history = HistoricalRecords(excluded_fields=APPLICANT_ONLY_FIELDS)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["presession", "sequence"], name="one_sequence_per_presession"
            ),
            models.CheckConstraint(
                condition=models.Q(is_ineligible=False) | ~models.Q(ineligible_reason=""),
                name="ineligible_needs_a_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__lte=3),
                name="rating_from_0_to_3",
            ),
        ]
        permissions = [("review_application", _("Can rate applications and write notes"))]
        indexes = [models.Index(fields=["presession", "contact_email"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.organisation_name}"

    def clean(self) -> None:
        if self.is_ineligible and not self.ineligible_reason.strip():
            raise ValidationError(
                {"ineligible_reason": _("Say why the application is ineligible.")}
            )

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ApplicationStatus.WITHDRAWN

    @property
    def is_editable(self) -> bool:
        """The applicant may still change it: not withdrawn, and the call still open."""
        return not self.is_withdrawn and self.presession.series.call_is_open()

    @property
    def is_eligible(self) -> bool:
        """Submitted, not withdrawn, not marked ineligible: a candidate for the panel."""
        return self.status == ApplicationStatus.SUBMITTED and not self.is_ineligible

    @property
    def organisation_key(self) -> str:
        """The same organisation, however its name was typed (one speaker per organisation)."""
        return " ".join(self.organisation_name.casefold().split())


class PendingUpload(models.Model):
    """A file that passed its checks in a form that failed for another reason.

    It is kept so that the person does not have to upload it again; the form
    carries its signed key. Unclaimed ones are purged after a day.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to=private_upload_path)
    original_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.original_name


class FundingRequest(Application):
    """The applications that ask for financial support, as coordinators review them."""

    class Meta:
        proxy = True
        verbose_name = _("funding request")
        verbose_name_plural = _("funding requests")


# The call alerts keep their models in their own folder; Django finds them through here.
from applications.call_alerts.models import CallAlert, CallAlertDelivery  # noqa: E402, F401
