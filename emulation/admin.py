from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from emulation.models import Nomination, Pledge, Quota, Violation


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agency", "award", "year", "status"]
    list_filter = ["year", "status", "award"]
    list_select_related = ["agency", "award", "person"]
    raw_id_fields = ["agency", "person"]


@admin.register(Quota)
class QuotaAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "award", "year", "places"]
    list_filter = ["year", "award"]
    list_select_related = ["agency", "award"]
    raw_id_fields = ["agency"]


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "campaign", "status"]
    list_filter = ["status", "campaign"]
    list_select_related = ["agency", "campaign"]
    raw_id_fields = ["agency"]


@admin.register(Violation)
class ViolationAdmin(SimpleHistoryAdmin):
    list_display = ["category", "agency", "person", "found_on", "status"]
    list_filter = ["status", "category"]
    list_select_related = ["agency", "person", "category"]
    raw_id_fields = ["agency", "person"]
