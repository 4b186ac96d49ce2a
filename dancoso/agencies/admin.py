from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from dancoso.agencies.models import Agency, Person, Province
from dancoso.agencies.selectors import agency_choices


class ActiveAgencyPickerMixin:
    """Retired agencies leave the admin's pickers too (their rows and history stay)."""

    active_agency_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField:
        if db_field.name in self.active_agency_fields:
            kwargs["queryset"] = agency_choices()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Province)
class ProvinceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "resolution_number", "resolution_date"]


@admin.register(Agency)
class AgencyAdmin(ActiveAgencyPickerMixin, SimpleHistoryAdmin):
    list_display = [
        "short_name",
        "code",
        "kind",
        "parent",
        "is_active",
        "display_order",
        "needs_verification",
    ]
    list_filter = ["kind", "is_active", "needs_verification"]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    active_agency_fields = ("parent", "merged_into")


@admin.register(Person)
class PersonAdmin(ActiveAgencyPickerMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "agency", "position", "is_democracy_officer", "is_inspection_member"]
    list_filter = ["is_democracy_officer", "is_inspection_member", "is_steering_member", "agency"]
    search_fields = ["full_name", "email", "phone"]
    list_select_related = ["agency"]
    active_agency_fields = ("agency",)
