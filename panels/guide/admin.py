"""The staff side of the practical guides: the default guide (from the organiser's FAQ)
and each series' own, in English, French and Spanish, with the guide and the statement
template as files, checked as every upload is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from applications.validators import document_file_name, validate_publishable_document
from panels import rules
from panels.guide import services
from panels.guide.topics import DOCUMENTS, LANGUAGES, TOPICS, field_name
from panels.models import PracticalGuide

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_DOCUMENT_TYPES = ".pdf,.doc,.docx,.odt"
_FILE_FIELDS = tuple(field for field, _stem, _label in DOCUMENTS.values())
_STEMS = {field: stem for field, stem, _label in DOCUMENTS.values()}


def _help_text(language: str, *, is_default: bool) -> StrOrPromise:
    if language == "en":
        if is_default:
            return _("Plain text; a blank line starts a new paragraph.")
        return _(
            "Plain text; a blank line starts a new paragraph. Left empty, the page shows "
            "the default guide's text (in grey in the box)."
        )
    if is_default:
        return _("English when left empty.")
    return _("Left empty: this guide's English text, or else the default guide's.")


class PracticalGuideForm(forms.ModelForm):
    """Files are checked like every upload (type read from the content, no active
    content: the public downloads them) and stored under a random name; the form reads
    their type. Private files have no address, so there is no "clear" box on the file
    input but a box of its own to remove the current file."""

    remove_guide_file = forms.BooleanField(label=_("Remove the current guide"), required=False)
    remove_template_file = forms.BooleanField(
        label=_("Remove the current statement template"), required=False
    )

    class Meta:
        model = PracticalGuide
        fields = [
            "series",
            *(field_name(topic, code) for topic, _title in TOPICS for code in LANGUAGES),
            *_FILE_FIELDS,
        ]
        widgets = {
            field: forms.FileInput(attrs={"accept": _DOCUMENT_TYPES}) for field in _FILE_FIELDS
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A reader's form (view permission only) has no fields.
        for field in set(_FILE_FIELDS) & set(self.fields):
            self.fields[field].help_text = _("PDF, DOC, DOCX or ODT, at most 10 MB.")
        # A series' guide shows the default's texts where it says nothing itself.
        default = (
            None
            if self.instance.is_default
            else PracticalGuide.objects.filter(is_default=True).first()
        )
        for topic, _title in TOPICS:
            for language in LANGUAGES:
                name = field_name(topic, language)
                if name not in self.fields:
                    continue
                attrs = {"rows": 5}
                if default is not None:
                    attrs["placeholder"] = getattr(default, name)
                self.fields[name].widget = forms.Textarea(attrs=attrs)
                self.fields[name].help_text = _help_text(language, is_default=default is None)
        if "series" in self.fields:
            # Only the default guide has no series, and it comes with the site.
            self.fields["series"].required = True

    def _clean_document(self, field: str) -> Any:
        upload = self.cleaned_data.get(field)
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            kind = validate_publishable_document(upload)
            upload.name = document_file_name(upload, _STEMS[field])
            setattr(self.instance, f"{field}_type", kind)
        return upload

    def clean_guide_file(self) -> Any:
        return self._clean_document("guide_file")

    def clean_template_file(self) -> Any:
        return self._clean_document("template_file")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for field in _FILE_FIELDS:
            if data.get(f"remove_{field}") and field not in self.files:
                data[field] = False  # what a file field's "clear" box gives
                setattr(self.instance, f"{field}_type", "")
        return data


@admin.register(PracticalGuide)
class PracticalGuideAdmin(admin.ModelAdmin):
    form = PracticalGuideForm
    list_display = ["__str__", "topics_written", "documents", "updated_at"]
    list_filter = ["is_default"]
    search_fields = ["series__session__number"]
    list_select_related = ["series__session"]
    readonly_fields = ["current_documents"]

    def get_fieldsets(self, request, obj=None):
        head: list[str] = [] if obj is not None and obj.is_default else ["series"]
        return [
            (None, {"fields": head}),
            *(
                (title, {"fields": [field_name(topic, code) for code in LANGUAGES]})
                for topic, title in TOPICS
            ),
            (
                _("Documents"),
                {
                    "fields": [
                        "current_documents",
                        "guide_file",
                        "remove_guide_file",
                        "template_file",
                        "remove_template_file",
                    ]
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        # A guide stays with its series.
        return [*self.readonly_fields, "series"] if obj is not None else self.readonly_fields

    @admin.display(description=_("topics written (of 5)"))
    def topics_written(self, guide: PracticalGuide) -> int:
        return sum(1 for topic, _title in TOPICS if getattr(guide, topic).strip())

    @admin.display(description=_("documents"))
    def documents(self, guide: PracticalGuide) -> str:
        return ", ".join(
            str(label) for field, _stem, label in DOCUMENTS.values() if getattr(guide, field)
        )

    @admin.display(description=_("current documents"))
    def current_documents(self, guide: PracticalGuide) -> str:
        if guide.pk is None:
            return "-"
        if guide.is_default or guide.series is None:
            # No address of its own: each series' page offers it when its guide has none.
            return self.documents(guide) or "-"
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("panels:guide-document", args=[guide.series.number, slug]), label)
                    for slug, (field, _stem, label) in DOCUMENTS.items()
                    if getattr(guide, field)
                ),
            )
            or "-"
        )

    def save_model(self, request, obj, form, change):
        services.save_practical_guide(guide=obj)

    def has_add_permission(self, request):
        return rules.can_edit_practical_guides(request.user)

    def has_change_permission(self, request, obj=None):
        return rules.can_edit_practical_guides(request.user)

    def has_delete_permission(self, request, obj=None):
        # The default guide is what every series falls back on.
        if obj is not None and obj.is_default:
            return False
        return rules.can_edit_practical_guides(request.user)
