"""The email record in the admin: read-only, with a resend action."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from presessions import outbox, rules
from presessions.admin_actions import confirm_send
from presessions.enums import EmailStatus
from presessions.models import (
    OutboundEmail,
)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "kind", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    readonly_fields = [
        "to",
        "kind",
        "language",
        "subject",
        "body_text",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    exclude = ["body_html"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected emails again"), permissions=["resend"])
    def resend(self, request, queryset):
        # One being sent right now is left to its worker (resend_emails skips it too).
        emails = list(queryset.exclude(status=EmailStatus.SENDING))
        return confirm_send(
            self,
            request,
            emails,
            send_each=lambda email: outbox.resend_emails([email]),
            preview=outbox.summarise(
                outbox.Sample(e.kind, e.language, e.to, e.subject, e.body_text, e.body_html)
                for e in emails
            ),
            title=_("Send the selected emails again"),
            done=ngettext_lazy(
                "%(count)d email queued again.", "%(count)d emails queued again.", "count"
            ),
        )

    def has_resend_permission(self, request):
        # The records themselves stay read-only; resending needs the change right.
        return rules.can_resend_emails(request.user)
