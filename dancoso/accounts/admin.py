from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from dancoso.accounts.models import User


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
