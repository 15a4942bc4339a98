"""The staff side of statements: coordinators read them and publish them in bulk.

The speaker's words and consent are read-only here: staff publish or unpublish a
statement, never change what its speaker agreed to share."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from panels import rules
from panels.models import Material, Recommendation, Statement
from panels.statements import services
from presessions.admin_actions import ReturnsAfterAction
from presessions.admin_history import AuditTrailAdmin

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _RecommendationTotal(TypedDict):
    """What StatementAdmin.get_queryset counts on each statement."""

    recommendation_total: int


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RecommendationInline(_ReadOnlyInline):
    model = Recommendation
    fields = readonly_fields = ("position", "text", "theme", "sharing")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theme")


class MaterialInline(_ReadOnlyInline):
    model = Material
    fields = readonly_fields = ("position", "title", "download", "sharing", "cleaning")

    @admin.display(description=_("file"))
    def download(self, material: Material) -> str:
        url = reverse("statement-staff-file", args=[material.statement_id, material.position])
        return format_html('<a href="{}">{}</a>', url, material.file_name)


class PublishedFilter(admin.SimpleListFilter):
    title = _("published")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", _("Published")), ("no", _("Not published"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(published_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(published_at__isnull=True)
        return queryset


@admin.register(Statement)
class StatementAdmin(ReturnsAfterAction, AuditTrailAdmin):
    list_display = ["reference", "organisation", "country", "sharing", "recommendation_count",
                    "updated_at", "published_at"]  # fmt: skip
    list_filter = ["presession__series", PublishedFilter, "sharing", "language"]
    list_select_related = ["application", "presession__series__session"]
    search_fields = ["application__reference", "application__organisation_name", "text"]
    fields = ["application", "presession", "language", "theme", "text", "download", "cleaning",
              "sharing", "submitted_at", "updated_at", "published_at", "published_by"]  # fmt: skip
    readonly_fields = fields
    inlines = [RecommendationInline, MaterialInline]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recommendation_total=Count("recommendations"))

    def has_add_permission(self, request):
        # Speakers hand statements in through their private link.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_publish_permission(self, request) -> bool:
        return rules.can_publish_statements(request.user)

    @admin.display(description=_("reference"), ordering="application__reference")
    def reference(self, statement: Statement) -> str:
        return statement.application.reference

    @admin.display(description=_("organisation"), ordering="application__organisation_name")
    def organisation(self, statement: Statement) -> str:
        return statement.application.organisation_name

    @admin.display(description=_("State under Review"), ordering="presession__country")
    def country(self, statement: Statement) -> str:
        return statement.presession.country.name

    @admin.display(description=_("recommendations"), ordering="recommendation_total")
    def recommendation_count(
        self, statement: WithAnnotations[Statement, _RecommendationTotal]
    ) -> int:
        return statement.recommendation_total

    @admin.display(description=_("statement as a file"))
    def download(self, statement: Statement) -> str:
        if not statement.file:
            return "-"
        url = reverse("statement-staff-file", args=[statement.pk, 0])
        return format_html('<a href="{}">{}</a>', url, statement.file_name)

    @admin.action(description=_("Publish the selected statements"), permissions=["publish"])
    def publish(self, request, queryset):
        report = services.publish_statements(statements=queryset, by=request.user)
        if report.published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d statement published.",
                    "%(count)d statements published.",
                    report.published,
                )
                % {"count": report.published},
                messages.SUCCESS,
            )
        refusals = [
            (report.not_held_yet, ngettext(
                "%(count)d statement not published: its series has not taken place yet.",
                "%(count)d statements not published: their series has not taken place yet.",
                report.not_held_yet,
            )),
            (report.nothing_shared, ngettext(
                "%(count)d statement not published: its speaker agreed to share nothing.",
                "%(count)d statements not published: their speakers agreed to share nothing.",
                report.nothing_shared,
            )),
            (report.already_published, ngettext(
                "%(count)d statement was already published.",
                "%(count)d statements were already published.",
                report.already_published,
            )),
            (report.only_uncleanable_files, ngettext(
                "%(count)d statement not published: it shares only files that cannot be "
                "cleaned of their author's details, and its organisation is not to be named.",
                "%(count)d statements not published: they share only files that cannot be "
                "cleaned of their author's details, and their organisations are not to be named.",
                report.only_uncleanable_files,
            )),
        ]  # fmt: skip
        for count, message in refusals:
            if count:
                self.message_user(request, message % {"count": count}, messages.WARNING)
        for file in report.withheld_files:
            self.message_user(
                request,
                _(
                    "%(reference)s, %(item)s: published without this file, since the "
                    "organisation is not named. %(reason)s"
                )
                % {"reference": file.reference, "item": file.label, "reason": file.reason},
                messages.WARNING,
            )

    @admin.action(description=_("Unpublish the selected statements"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = services.unpublish_statements(statements=queryset)
        self.message_user(
            request,
            ngettext("%(count)d statement unpublished.", "%(count)d statements unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )
