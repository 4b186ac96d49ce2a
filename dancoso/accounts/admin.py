from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dancoso.accounts.models import User
from dancoso.agencies.selectors import agency_choices


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "role", "agency", "is_active"]
    list_filter = ["role", "is_active", "agency"]
    search_fields = ["username", "full_name", "email"]
    list_select_related = ["agency"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and agency"), {"fields": ("full_name", "role", "agency")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and agency"), {"fields": ("full_name", "role", "agency")}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Retired agencies keep their history but leave the pickers.
        if db_field.name == "agency":
            kwargs["queryset"] = agency_choices()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
