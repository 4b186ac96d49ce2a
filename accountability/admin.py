from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accountability.models import (
    AgencyEvaluation,
    CriterionScore,
    Disclosure,
    Evaluation,
    InspectionBoard,
    Petition,
    StaffConference,
)


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


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["year", "status", "opened_at", "computed_at", "locked_at"]
    list_filter = ["status"]
    raw_id_fields = ["created_by"]


@admin.register(AgencyEvaluation)
class AgencyEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "evaluation", "status", "submitted_at", "tie_level", "head_level"]
    list_filter = ["evaluation", "status"]
    list_select_related = ["agency", "evaluation"]
    search_fields = ["agency__name", "agency__short_name"]
    raw_id_fields = ["evaluation", "agency"]


@admin.register(CriterionScore)
class CriterionScoreAdmin(SimpleHistoryAdmin):
    list_display = ["scorecard", "criterion", "figure", "computed", "claimed", "adjusted"]
    list_filter = ["scorecard__evaluation", "criterion__kind"]
    # The scorecard's name is its agency's and its year's.
    list_select_related = ["scorecard__agency", "scorecard__evaluation", "criterion"]
    search_fields = ["scorecard__agency__name", "criterion__code"]
    raw_id_fields = ["scorecard", "criterion"]
