"""The form on which an accredited observer brings a document for the missions: the
meeting, a title, the file, and the observer's consent to be named with it. Works
without JavaScript; a file that passed its checks is kept when something else fails."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from panels.models import ObserverDocument
from panels.publishable_upload import PublishableUploadMixin
from presessions.forms import ErrorSummaryMixin, LineField, column_length
from presessions.models import PreSession


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PreSession) -> str:
        return str(obj.country.name)


class ObserverDocumentForm(PublishableUploadMixin, ErrorSummaryMixin, forms.Form):
    presession = MeetingChoiceField(
        label=_("Meeting"),
        queryset=PreSession.objects.none(),
        empty_label=_("Choose the State under Review"),
    )
    title = LineField(label=_("Title"), max_length=column_length(ObserverDocument, "title"))
    # Asked, never assumed: the observer chooses one.
    named = forms.ChoiceField(
        label=_("May we name your organisation with this document?"),
        choices=[
            ("yes", _("Yes: show our organisation's name with it")),
            ("no", _("No: show it as from “an organisation from” our country")),
        ],
        widget=forms.RadioSelect,
    )
    remove_details = forms.BooleanField(
        label=_("Remove the author's details from the file (always done if we may not name you)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        presession = self.fields["presession"]
        assert isinstance(presession, forms.ModelChoiceField)
        presession.queryset = meetings
        self._add_upload_fields(_("File"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        if not self.has_new_file() and "file" not in self.errors:
            self.add_error("file", _("Please attach the document."))
        return self.cleaned_data

    @property
    def named_consented(self) -> bool:
        return self.cleaned_data.get("named") == "yes"
