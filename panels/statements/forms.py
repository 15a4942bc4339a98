"""The form a confirmed speaker fills in through the private link: the statement, two or
three recommendations and advocacy materials, each with its own consent. Works without
JavaScript; a file that passed its checks is kept when something else fails."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications.forms import ThemeChoiceField, sorted_by_label
from applications.validators import DOC
from panels.enums import Sharing, StatementLanguage
from panels.models import Material, Recommendation, Statement
from panels.publishable_upload import PublishableUploadMixin
from panels.statements import smart
from panels.statements.services import MAX_RECOMMENDATIONS, MIN_RECOMMENDATIONS
from presessions.forms import ErrorSummaryMixin, LineField, MultilineField, column_length
from presessions.models import Theme

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _sharing_field(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Sharing.choices,
        initial=Sharing.PRIVATE,
        widget=forms.RadioSelect,
    )


def _themes() -> forms.ModelChoiceField:
    return ThemeChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        empty_label=_("Choose a theme"),
    )


def refuse_uncleanable_anonymous(form: forms.Form, kind: str | None) -> None:
    """A file shared without the organisation's name is published only once cleaned of
    its author's details, which a legacy Word file cannot be: say so where it is chosen."""
    if kind == DOC and form.cleaned_data.get("sharing") == Sharing.ANONYMOUS:
        form.add_error(
            "sharing",
            _(
                "Word 97-2003 (.doc) files cannot be cleaned of their author's details, so "
                "they can only be published with your organisation's name. Save it as PDF "
                "or DOCX, or choose another option."
            ),
        )


class StatementForm(PublishableUploadMixin, ErrorSummaryMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the statement"),
        choices=StatementLanguage.choices,
        initial=StatementLanguage.EN,
    )
    theme = ThemeChoiceField(
        label=_("Main theme"),
        queryset=Theme.objects.filter(is_active=True),
        empty_label=_("Choose a theme"),
    )
    text = MultilineField(
        label=_("Your statement"),
        required=False,
        max_length=column_length(Statement, "text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paste the text, attach it as a file below, or both."),
    )
    remove_file = forms.BooleanField(label=_("Remove the attached file"), required=False)

    def __init__(self, *args: Any, statement: Statement | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statement = statement
        self._add_upload_fields(_("The statement as a file (optional)"))
        self.fields["sharing"] = _sharing_field(_("May we publish the statement?"))
        if not (statement and statement.file):
            del self.fields["remove_file"]
        sorted_by_label(self.fields["theme"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        keeps_file = bool(self.statement and self.statement.file and not data.get("remove_file"))
        missing = not data.get("text", "").strip() and not self.has_new_file()
        if missing and not keeps_file and "file" not in self.errors:
            self.add_error("text", _("Write the statement here or attach it as a file."))
        kept_type = self.statement.file_type if self.statement and keeps_file else None
        refuse_uncleanable_anonymous(self, self.new_file_type() or kept_type)
        return data


class RecommendationForm(forms.Form):
    text = MultilineField(
        label=_("Recommendation"),
        required=False,
        max_length=column_length(Recommendation, "text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Addressed to the State under Review, e.g. “Adopt, by 2028, a law that …”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"] = _themes()
        self.fields["sharing"] = _sharing_field(_("May we publish this recommendation?"))
        sorted_by_label(self.fields["theme"])

    @property
    def is_filled(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("text", "").strip())

    @property
    def hints(self) -> list[smart.Hint]:
        """SMART advice on what was typed: shown, never blocking."""
        text = self.cleaned_data.get("text", "") if hasattr(self, "cleaned_data") else ""
        if not text and not self.is_bound:
            text = self.initial.get("text", "")
        return smart.check_recommendation(text or "")


class BaseRecommendationFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        # A blank recommendation is simply not saved, whichever row it is in.
        return {"empty_permitted": True}

    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        if len(self.filled()) < MIN_RECOMMENDATIONS:
            raise ValidationError(
                _("Give at least two recommendations, each in its own box."), code="too_few"
            )

    def filled(self) -> list[RecommendationForm]:
        return [form for form in self.forms if form.is_filled]


# formset_factory makes a subclass of the formset it is given (typed as a BaseFormSet).
RecommendationFormSet = cast(
    "type[BaseRecommendationFormSet]",
    forms.formset_factory(
        RecommendationForm,
        formset=BaseRecommendationFormSet,
        extra=MAX_RECOMMENDATIONS,
        max_num=MAX_RECOMMENDATIONS,
        absolute_max=MAX_RECOMMENDATIONS,
        validate_max=True,
    ),
)


class NewMaterialForm(PublishableUploadMixin, forms.Form):
    title = LineField(label=_("Title"), max_length=column_length(Material, "title"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_upload_fields(_("File"))
        self.fields["sharing"] = _sharing_field(_("May we publish this material?"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.has_new_file() and "file" not in self.errors:
            self.add_error("file", _("Attach the file, or leave this material empty."))
        refuse_uncleanable_anonymous(self, self.new_file_type())
        return data


class BaseNewMaterialFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"empty_permitted": True}

    def has_changed_forms(self) -> list[NewMaterialForm]:
        return [form for form in self.forms if form.has_changed() and form.cleaned_data]

    def keep_valid_uploads(self) -> None:
        for form in self.forms:
            form.keep_valid_upload()


NewMaterialFormSet = cast(
    "type[BaseNewMaterialFormSet]",
    forms.formset_factory(
        NewMaterialForm, formset=BaseNewMaterialFormSet, extra=2, max_num=2, absolute_max=2
    ),
)


class MaterialForm(forms.Form):
    """One material already handed in: its title, its consent, or its removal."""

    title = LineField(label=_("Title"), max_length=column_length(Material, "title"), required=False)
    remove = forms.BooleanField(label=_("Remove this material"), required=False)

    def __init__(self, *args: Any, material: Material, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"title": material.title, "sharing": material.sharing})
        kwargs["prefix"] = f"material-{material.pk}"
        super().__init__(*args, **kwargs)
        self.material = material
        self.fields["sharing"] = _sharing_field(_("May we publish this material?"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("remove"):
            refuse_uncleanable_anonymous(self, self.material.file_type)
        return data
