"""The public application form (crispy-forms, Bootstrap 5, works without JavaScript)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from applications import form_choices, services
from applications.enums import Gender, Language, OrganisationType, Scope
from applications.models import (
    APPLICANT_FIELDS,
    NEEDS_FIELDS,
    ORGANISATION_FIELDS,
    SPEAKER_FIELDS,
    Application,
    PendingUpload,
)
from applications.validators import validate_document
from presessions.forms import (
    HONEYPOT,
    ErrorSummaryMixin,
    HoneypotMixin,
    LineField,
    MultilineField,
    choice_field,
    choices_of,
)
from presessions.models import PreSession, Series, Theme
from presessions.uploads import KeepsUploadMixin, KeptUploadField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    _ChoiceFieldBase = forms.ChoiceField  # SafeIdChoiceMixin is mixed into choice fields
else:
    _ChoiceFieldBase = object

YES_NO = [(True, _("Yes")), (False, _("No"))]
_PENDING_SALT = "applications.pending-upload"


def _yes_no(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
    )


_MAX_ID = 2**63 - 1


def _is_an_id(value: object) -> bool:
    """A value the database can look up as a primary key (a huge number would make the
    query itself fail instead of the form saying the choice is not valid)."""
    text = str(value).strip()
    return text.isascii() and text.isdigit() and int(text) <= _MAX_ID


class SafeIdChoiceMixin(_ChoiceFieldBase):
    """Refuse any submitted value that is not an id before the database is asked."""

    def to_python(self, value):
        if value not in self.empty_values and not _is_an_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ThemeChoiceField(SafeIdChoiceMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.label


class ThemeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _is_an_id(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        # django-stubs leaves out this private method of ModelMultipleChoiceField.
        return super()._check_values(value)  # type: ignore[misc]

    def label_from_instance(self, obj: Theme) -> str:
        return obj.label


class PreSessionChoiceField(SafeIdChoiceMixin, forms.ModelChoiceField):
    # The Pre-sessions already read with their series (the form's `among`): a choice is
    # found among them, with no query of its own.
    among: list[PreSession] | None = None

    def to_python(self, value):
        if self.among is None or value in self.empty_values:
            return super().to_python(value)
        if _is_an_id(value):
            for presession in self.among:
                if presession.pk == int(str(value).strip()):
                    return presession
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def label_from_instance(self, obj: PreSession) -> str:
        return obj.country.name


def collation_key(label: object) -> str:
    """Sort "État" with the E's and "Défenseurs" before "Droits", in every language."""
    decomposed = unicodedata.normalize("NFKD", str(label))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sorted_by_label(field: forms.Field, blank_label: StrOrPromise | None = None) -> None:
    """Order the choices by their name in the visitor's language, blank choice first."""
    choices = list(choices_of(field))
    blank = [choice for choice in choices if choice[0] == ""]
    if blank and blank_label:
        blank = [("", blank_label)]
    rest = sorted((c for c in choices if c[0] != ""), key=lambda c: collation_key(c[1]))
    choice_field(field).choices = blank + rest


def _with_blank(field: forms.Field, choices: list) -> None:
    """Offer these choices (already sorted) after the field's blank choice, if it has one."""
    assert isinstance(field, forms.ModelChoiceField), field
    blank = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = blank + choices


def _blank_and_sorted(field: forms.Field, blank_label: StrOrPromise) -> list:
    """What sorted_by_label leaves in the field, without changing it."""
    choices = list(choices_of(field))
    blank = [("", str(blank_label))] if any(value == "" for value, _label in choices) else []
    return blank + _sorted(choices)


def _sorted(choices) -> list:
    return sorted(
        ((value, str(label)) for value, label in choices if value != ""),
        key=lambda choice: collation_key(choice[1]),
    )


class ApplicationForm(KeepsUploadMixin, HoneypotMixin, ErrorSummaryMixin, forms.ModelForm):
    """Every field of PRODUCT.md, user 1. Used to apply and, through the private link, to
    edit (then without the choice of country)."""

    upload_field, kept_field = "upr_report", "upr_report_pending"

    presession = PreSessionChoiceField(
        label=_("State under Review"),
        queryset=PreSession.objects.none(),
        empty_label=_("Choose a country"),
        help_text=_("One application is for one country. Apply once for each country."),
    )
    organisation_website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"), choices=OrganisationType.choices, widget=forms.RadioSelect
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, widget=forms.RadioSelect)
    is_national_coalition = _yes_no(
        _("Is the organisation a national coalition?"),
        _("A coalition speaks for several organisations of the country."),
    )
    submitted_upr_report = _yes_no(
        _("Did the organisation submit a report to the UPR?"),
        _("A stakeholder report to the OHCHR for this review, alone or with others."),
    )
    upr_report = forms.FileField(
        label=_("The UPR stakeholder report"),
        required=False,
        help_text=_("PDF, DOC, DOCX or ODT, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.doc,.docx,.odt,application/pdf,application/msword,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
    )
    # An expired or forged token cleans to None: the person is asked for the file again.
    upr_report_pending = KeptUploadField(
        queryset=PendingUpload.objects.all(), salt=_PENDING_SALT, stash=services.stash_upload
    )
    main_theme = ThemeChoiceField(
        label=_("Main human rights theme"),
        queryset=Theme.objects.filter(is_active=True),
        empty_label=_("Choose a theme"),
        help_text=_("The one issue the speaker will present."),
    )
    related_themes = ThemeMultipleChoiceField(
        label=_("Related themes"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    speaker_gender = forms.ChoiceField(
        label=_("Speaker's gender"), choices=Gender.choices, widget=forms.RadioSelect
    )
    speaker_languages = forms.MultipleChoiceField(
        label=_("Languages the speaker can speak in"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The meetings are held in English, French and Spanish."),
    )
    needs_interpretation = _yes_no(_("Will the speaker need interpretation?"))
    needs_funding = _yes_no(_("Does the organisation need financial support to attend?"))
    has_safety_concerns = _yes_no(
        _("Does the organisation or the speaker fear reprisals for taking part?"),
        _("Your answer is seen only by the organiser's staff and helps us protect you."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organiser stores and processes the data in this form to "
            "select the speakers and organise the Pre-sessions."
        ),
        help_text=_(
            "Only the organiser's staff see your application. Nothing is published "
            "without your separate consent."
        ),
        error_messages={"required": _("Please give your consent so that we can process it.")},
    )

    class Meta:
        model = Application
        # The fields the applicant fills in (the layout below sets their order on screen).
        fields = ["presession", *APPLICANT_FIELDS, "related_themes"]
        # Control characters and bidirectional controls are removed from what is typed.
        field_classes = {
            **dict.fromkeys(
                ["organisation_name", "speaker_name", "speaker_other_languages",
                 "interpretation_details"],
                LineField,
            ),
            **dict.fromkeys(["summary", "funding_reason", "safety_details"], MultilineField),
        }  # fmt: skip
        labels = {
            "contact_email": _("Email address of the organisation"),
            "speaker_other_languages": _("Other languages (if any)"),
            "interpretation_details": _("From which language?"),
            "funding_amount": _("Amount requested, in Swiss francs (CHF)"),
            "funding_reason": _("What is the support for?"),
            "safety_details": _("Tell us about your concerns (optional)"),
        }
        help_texts = {
            "organisation_name": _("As the organisation is usually known."),
            "contact_email": _(
                "We send the confirmation and the private link of the application here."
            ),
            "summary": _("At most 2,000 characters."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
            "funding_reason": forms.Textarea(attrs={"rows": 3}),
            "safety_details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, series: Series, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        self.editing = editing
        self.pending_upload: PendingUpload | None = None
        if editing:
            del self.fields["presession"]
            del self.fields["consent"]
        else:
            presession = self.fields["presession"]
            assert isinstance(presession, PreSessionChoiceField), presession
            # The series' Pre-sessions as the view read them (prefetched): no query.
            presession.queryset = series.presessions.all()
            presession.among = list(series.presessions.all())
            _with_blank(presession, _sorted((p.pk, p.country.name) for p in presession.among))
        # The same for every visitor: sorted once per language and process. A submitted
        # theme is still looked up in the database (the fields' querysets).
        themes = form_choices.cached_choices(
            "themes",
            form_choices.themes_version(),
            lambda: _sorted((t.pk, t.label) for t in Theme.objects.filter(is_active=True)),
        )
        _with_blank(self.fields["main_theme"], themes)
        _with_blank(self.fields["related_themes"], themes)
        country = choice_field(self.fields["organisation_country"])
        country.choices = form_choices.cached_choices(
            "countries", "", lambda: _blank_and_sorted(country, _("Choose a country"))
        )
        for name in ("organisation_name", "speaker_name"):
            self.fields[name].widget.attrs["autocomplete"] = (
                "organization" if name.startswith("organisation") else "name"
            )
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation_website"].widget.attrs["placeholder"] = "https://"
        if not editing:
            self.add_honeypot()
        self.helper = self._build_helper()

    def _build_helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.form_show_errors = True
        first = ["presession"] if not self.editing else []
        last = ["consent"] if not self.editing else []
        helper.layout = Layout(
            Fieldset(_("The organisation"), *first, *ORGANISATION_FIELDS),
            Fieldset(
                _("The UPR report"),
                "submitted_upr_report",
                HTML('{% include "applications/_kept_file.html" %}'),
                "upr_report",
                "upr_report_pending",
            ),
            Fieldset(
                _("What the organisation will present"), "main_theme", "related_themes", "summary"
            ),
            Fieldset(_("The speaker"), *SPEAKER_FIELDS),
            Fieldset(_("Needs and safety"), *NEEDS_FIELDS, *last),
            *([self.honeypot_layout()] if not self.editing else []),
        )
        helper.add_input(
            Submit("submit", _("Save the changes") if self.editing else _("Submit the application"))
        )
        return helper

    # Field checks -------------------------------------------------------------------

    def clean_organisation_name(self) -> str:
        return " ".join(self.cleaned_data["organisation_name"].split())

    def clean_contact_email(self) -> str:
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_upr_report(self):
        upload = self.cleaned_data.get("upr_report")
        if upload:
            validate_document(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        # The services' rules, checked here to show their messages on their fields. A
        # report that was refused was given: it is not asked for again.
        has_report = bool(
            data.get("upr_report")
            or data.get("upr_report_pending")
            or (self.instance.pk and self.instance.upr_report)
            or "upr_report" in self.errors
        )
        try:
            services.validate_answers(data, has_report=has_report)
        except ValidationError as error:
            self.add_error(None, error)
        main_theme = data.get("main_theme")
        if main_theme and main_theme in (data.get("related_themes") or []):
            data["related_themes"] = services.themes_besides_main(
                main_theme, data["related_themes"]
            )
        presession = data.get("presession")
        # An otherwise valid form leaves the check to submit_application, which makes it
        # with the Pre-session locked (its refusal is added to the form): here only when
        # other errors are shown, so that the person hears of it with them.
        if (
            not self.editing
            and self.errors
            and presession
            and data.get("organisation_name")
            and data.get("contact_email")
        ):
            services.check_not_duplicate(
                presession=presession,
                organisation_name=data["organisation_name"],
                contact_email=data["contact_email"],
            )
        return data

    def _post_clean(self) -> None:
        # The model instance is filled by the services, not by ModelForm.
        pass

    # After validation --------------------------------------------------------------

    @property
    def duplicate_application(self) -> Application | None:
        """The application this one repeats, when it was refused as a duplicate (here or
        by the service, whose refusal the view adds to the form)."""
        for error in self.errors.as_data().get(NON_FIELD_ERRORS, []):
            if isinstance(error, services.DuplicateApplicationError):
                return error.existing
        return None

    @property
    def kept_file_name(self) -> str:
        if self.pending_upload:
            return self.pending_upload.original_name
        if self.instance.pk and self.instance.upr_report:
            return self.instance.upr_report_name
        return ""

    def service_fields(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name
            not in {
                "presession",
                "related_themes",
                "upr_report",
                "upr_report_pending",
                "consent",
                HONEYPOT,
            }
        }
