"""Staff's side of the observers' documents: read each one as uploaded, approve or
refuse it (the observer is told), and send the programme with the approved documents
to the missions' mailing list."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from panels import rules
from panels.enums import DocumentStatus
from panels.models import ObserverDocument
from panels.programme import documents, mailing
from panels.public_copy import reason
from presessions.admin_actions import confirm_send


@admin.register(ObserverDocument)
class ObserverDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "title", "meeting", "organisation", "named", "status", "created_at", "original",
    ]  # fmt: skip
    list_filter = ["status", "presession__series", "named"]
    list_select_related = ["presession__series__session", "accreditation"]
    search_fields = ["title", "accreditation__organisation", "accreditation__name"]
    actions = ["approve", "refuse"]
    fields: ClassVar[tuple[str, ...]] = (
        "title", "presession", "accreditation", "file_name", "original", "named",
        "remove_details", "public_copy", "status", "decided_at", "decided_by", "created_at",
    )  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return rules.can_decide_observer_documents(request.user)

    def has_decide_permission(self, request) -> bool:
        return rules.can_decide_observer_documents(request.user)

    @admin.display(description=_("meeting"), ordering="presession")
    def meeting(self, document: ObserverDocument) -> str:
        presession = document.presession
        return f"{presession.country.name} ({presession.series})"

    @admin.display(description=_("organisation"), ordering="accreditation__organisation")
    def organisation(self, document: ObserverDocument) -> str:
        return document.accreditation.organisation

    @admin.display(description=_("file as uploaded"))
    def original(self, document: ObserverDocument) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("observer-document-staff-file", args=[document.pk]),
            _("Download"),
        )

    @admin.display(description=_("what the public gets"))
    def public_copy(self, document: ObserverDocument) -> Any:
        if not document.serves_copy:
            return _("the file as uploaded")
        return reason(document.cleaning) or _("a copy without the author's details")

    def _decide(self, request, queryset, status: str) -> None:
        changed = documents.decide_documents(
            queryset.select_related("accreditation__series__session", "presession"),
            status=status,
            by=request.user,
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d document decided; its observer is told by email.",
                "%(count)d documents decided; their observers are told by email.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Approve: list on the programme, send to the missions"),
                  permissions=["decide"])  # fmt: skip
    def approve(self, request, queryset):
        self._decide(request, queryset, DocumentStatus.APPROVED)

    @admin.action(description=_("Refuse"), permissions=["decide"])
    def refuse(self, request, queryset):
        self._decide(request, queryset, DocumentStatus.REFUSED)


class SendsProgramme:
    """Series admin mixin: send the published programme, with the approved observers'
    documents, to the missions' mailing list."""

    @admin.action(
        description=_("Send the programme and the observers' documents to the missions"),
        permissions=["send_programme"],
    )
    def send_programme(self, request, queryset):
        series_list = list(queryset.select_related("session"))
        return confirm_send(
            self,
            request,
            series_list,
            send_each=mailing.start_programme_mailing,
            preview=mailing.preview_programme_mailings(series_list),
            title=_("Send the programme and the observers' documents to the missions"),
            done=ngettext_lazy(
                "The programme of %(count)d series is being sent; follow it under Mailings "
                "to the missions.",
                "The programmes of %(count)d series are being sent; follow them under "
                "Mailings to the missions.",
                "count",
            ),
        )

    def has_send_programme_permission(self, request) -> bool:
        return rules.can_send_programme(request.user)
