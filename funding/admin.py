from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import BudgetLine


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["description", "agency", "year", "measure", "estimate", "allocated", "spent"]
    list_filter = ["year", "measure", "source"]
    list_select_related = ["agency", "source"]
    raw_id_fields = ["agency"]
