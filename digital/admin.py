from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from digital.models import System


@admin.register(System)
class SystemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agency", "kind", "status", "launched_on"]
    list_filter = ["status", "kind"]
    list_select_related = ["agency"]
    search_fields = ["name"]
    raw_id_fields = ["agency"]
