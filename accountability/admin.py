from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accountability.models import Disclosure, InspectionBoard, Petition, StaffConference


@admin.register(Petition)
class PetitionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "agency", "field", "status", "received_on", "deadline"]
    list_filter = ["status", "source", "field"]
    list_select_related = ["agency", "field"]
    search_fields = ["code", "title"]
    raw_id_fields = ["agency", "requested_agency"]
    date_hierarchy = "received_on"


@admin.register(Disclosure)
class DisclosureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agency", "category", "year", "disclosed_on"]
    list_filter = ["year", "category"]
    list_select_related = ["agency", "category"]
    raw_id_fields = ["agency", "created_by"]


@admin.register(StaffConference)
class StaffConferenceAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "year", "held_on", "summoned", "present"]
    list_filter = ["year"]
    list_select_related = ["agency"]
    raw_id_fields = ["agency", "created_by"]


@admin.register(InspectionBoard)
class InspectionBoardAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "term_start", "term_end", "recognised_on"]
    list_select_related = ["agency"]
    raw_id_fields = ["agency", "created_by"]
