from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dancoso.agencies.models import Agency, Person, Province


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "resolution_number", "resolution_date"]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "code", "kind", "parent", "is_active", "display_order", "needs_verification"]
    list_filter = ["kind", "is_active", "needs_verification"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "agency", "position", "is_democracy_officer", "is_inspection_member"]
    list_filter = ["is_democracy_officer", "is_inspection_member", "is_steering_member", "agency"]
    search_fields = ["full_name", "email", "phone"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
