"""My preferences: each staff member edits their own, and nobody else's."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from presessions import rules
from presessions.models import StaffPreference
from presessions.staff_preferences import set_staff_language


@admin.register(StaffPreference)
class StaffPreferenceAdmin(admin.ModelAdmin):
    """The list is one's own preferences: it opens them (made on the first visit)."""

    fields = ["language"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def has_module_permission(self, request) -> bool:
        return rules.can_set_own_preferences(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        if not rules.can_set_own_preferences(request.user):
            return False
        return obj is None or obj.user_id == request.user.pk

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_change_permission(request):
            return super().changelist_view(request, extra_context)  # Django refuses it
        preference, _created = StaffPreference.objects.get_or_create(user=request.user)
        return redirect(reverse("admin:presessions_staffpreference_change", args=[preference.pk]))

    def save_model(self, request, obj, form, change) -> None:
        set_staff_language(user=request.user, language=obj.language)
