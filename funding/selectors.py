"""Reads of budget lines: the list in the user's scope, one line with its entries, and the summaries by
measure and by agency, each one aggregate query whatever the number of lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from dancoso.accounts import access
from dancoso.agencies.models import Agency
from dancoso.core.numbers import percent
from funding.models import MEASURE_CHOICES, BudgetLine, FundingSource, Spending

SORTS = {
    "agency": ("agency__display_order", "agency__name", "measure"),
    "estimate": ("estimate",),
    "-estimate": ("-estimate",),
    "spent": ("spent",),
    "-spent": ("-spent",),
}


def default_year() -> int:
    return timezone.localdate().year


def line_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[BudgetLine]:
    lines = access.scope(BudgetLine.objects.select_related("agency", "source"), user)
    for name in ("year", "agency", "measure", "source"):
        if filters.get(name):
            lines = lines.filter(**{name: filters[name]})
    if filters.get("overspent"):
        lines = lines.filter(allocated__isnull=False, spent__gt=F("allocated"))
    fields = SORTS.get(filters.get("sort") or "", SORTS["agency"])
    return lines.order_by("-year", *fields, "pk")


def get_line_for_user(user: Any, pk: Any, *, write: bool = False) -> BudgetLine:
    spendings = Spending.objects.order_by("spent_on", "pk")
    lines = BudgetLine.objects.select_related(
        "agency", "source", "activity_type", "created_by"
    ).prefetch_related(Prefetch("spendings", queryset=spendings))
    return access.get_for_user(lines, user, action="write" if write else "read", pk=pk)


def get_spending_for_user(user: Any, pk: Any) -> Spending:
    return access.get_for_user(Spending.objects.select_related("line__agency"), user, action="write", pk=pk)


def line_agencies(user: Any) -> QuerySet[Agency]:
    agencies = Agency.objects.active()
    return agencies if access.is_province_admin(user) else agencies.filter(pk=user.agency_id)


def _totals(row: Mapping[str, Any]) -> dict[str, Any]:
    estimate, allocated, spent = row.get("estimate") or 0, row.get("allocated") or 0, row.get("spent") or 0
    return {"estimate": estimate, "allocated": allocated, "spent": spent, "rate": percent(spent, allocated)}


def summary_by_measure(*, user: Any, year: int) -> list[dict[str, Any]]:
    """Each measure's estimate, allocated, spent and execution rate, with last year's beside it."""
    lines = access.scope(BudgetLine.objects.filter(year__in=(year, year - 1)), user)
    rows = (
        lines.order_by()
        .values("year", "measure")
        .annotate(estimate=Sum("estimate"), allocated=Sum("allocated"), spent=Sum("spent"))
    )
    found = {(row["year"], row["measure"]): row for row in rows}
    table = []
    for key, label in MEASURE_CHOICES:
        now, before = found.get((year, key), {}), found.get((year - 1, key), {})
        table.append({"key": key, "label": label, **_totals(now), "previous": _totals(before)})
    total = {name: sum(row[name] for row in table) for name in ("estimate", "allocated", "spent")}
    total["rate"] = percent(total["spent"], total["allocated"])
    return table + [{"key": "total", "label": None, **total, "previous": None}]


def summary_by_agency(*, user: Any, year: int) -> QuerySet[Agency]:
    """Every agency in view with its year's totals, as subqueries for the rows of the page only."""

    def total(field: str) -> Any:
        lines = BudgetLine.objects.filter(agency=OuterRef("pk"), year=year).order_by().values("agency")
        summed = lines.annotate(total=Sum(field)).values("total")
        return Coalesce(Subquery(summed, output_field=IntegerField()), 0)

    agencies = access.own_agencies(Agency.objects.active(), user)
    return agencies.annotate(
        estimate=total("estimate"), allocated=total("allocated"), spent=total("spent")
    ).order_by("display_order", "name", "pk")


def sources() -> QuerySet[FundingSource]:
    return FundingSource.objects.all()


def first_source_name() -> str:
    return FundingSource.objects.values_list("name", flat=True).first() or ""
