"""Reads of disclosures and consultations: the lists in the user's scope, one record, and Home Affairs'
compliance matrix of agencies × required categories."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accountability.models import Consultation, Disclosure, DisclosureCategory, DisclosureForm
from dancoso.accounts import access
from dancoso.agencies.models import Agency

DISCLOSURE_FILTERS = {
    "agency": "agency",
    "category": "category",
    "year": "year",
    "date_from": "disclosed_on__gte",
    "date_to": "disclosed_on__lte",
    "q": "title__icontains",
}
CONSULTATION_FILTERS = {
    "agency": "agency",
    "kind": "kind",
    "participation": "participation",
    "year": "started_on__year",
    "q": "matter__icontains",
}


def _filtered(rows: QuerySet, filters: Mapping[str, Any], lookups: Mapping[str, str]) -> QuerySet:
    for name, lookup in lookups.items():
        if filters.get(name) not in (None, ""):
            rows = rows.filter(**{lookup: filters[name]})
    return rows


def disclosure_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Disclosure]:
    """Disclosures in the user's scope, the latest first, with their forms in one more query."""
    disclosures = Disclosure.objects.select_related("agency", "category").prefetch_related("forms")
    disclosures = _filtered(access.scope(disclosures, user), filters, DISCLOSURE_FILTERS)
    return disclosures.order_by("-disclosed_on", "-pk")


def get_disclosure_for_user(user: Any, pk: Any, *, write: bool = False) -> Disclosure:
    """One disclosure the user may read (or change): 404 alike for "missing" and "not yours"."""
    disclosures = Disclosure.objects.select_related("agency", "category", "created_by").prefetch_related(
        "forms"
    )
    return access.get_for_user(disclosures, user, action="write" if write else "read", pk=pk)


def consultation_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Consultation]:
    consultations = access.scope(Consultation.objects.select_related("agency"), user)
    return _filtered(consultations, filters, CONSULTATION_FILTERS).order_by("-started_on", "-pk")


def get_consultation_for_user(user: Any, pk: Any, *, write: bool = False) -> Consultation:
    consultations = Consultation.objects.select_related("agency", "created_by")
    return access.get_for_user(consultations, user, action="write" if write else "read", pk=pk)


def categories() -> QuerySet[DisclosureCategory]:
    return DisclosureCategory.objects.all()


def disclosure_forms() -> QuerySet[DisclosureForm]:
    return DisclosureForm.objects.all()


def required_categories() -> list[DisclosureCategory]:
    return list(DisclosureCategory.objects.filter(is_required=True))


def matrix(year: int, *, filters: Mapping[str, Any] | None = None) -> QuerySet[Agency]:
    """Every active agency with the number of required categories it disclosed in a year; gaps first.

    The count is a subquery evaluated for the rows of one page only; the cells come from ``matrix_cells``.
    """
    filters = filters or {}
    covered = (
        Disclosure.objects.filter(agency=OuterRef("pk"), year=year, category__is_required=True)
        .order_by()
        .values("agency")
        .annotate(n=Count("category", distinct=True))
        .values("n")
    )
    agencies = Agency.objects.active().annotate(
        covered=Coalesce(Subquery(covered, output_field=IntegerField()), Value(0))
    )
    if filters.get("q"):
        agencies = agencies.filter(Q(name__icontains=filters["q"]) | Q(short_name__icontains=filters["q"]))
    if filters.get("gaps_only"):
        agencies = agencies.filter(covered__lt=len(required_categories()))
    return agencies.order_by("covered", "display_order", "name", "pk")


@dataclass(frozen=True)
class Cell:
    """What an agency disclosed of one category in the year: how many times, and first when."""

    count: int = 0
    first_on: date | None = None


@dataclass
class MatrixRow:
    agency: Agency
    cells: list[Cell]

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells if not cell.count)


def matrix_rows(agencies: Iterable[Agency], year: int, required: list[DisclosureCategory]) -> list[MatrixRow]:
    """The cells of the given agencies (one page, or all of them for the export), from one grouped query."""
    agencies = list(agencies)
    found: dict[Any, dict[Any, Cell]] = defaultdict(dict)
    disclosed = (
        Disclosure.objects.filter(year=year, agency__in=[a.pk for a in agencies], category__in=required)
        .order_by()
        .values("agency", "category")
        .annotate(n=Count("pk"), first_on=Min("disclosed_on"))
    )
    for row in disclosed:
        found[row["agency"]][row["category"]] = Cell(row["n"], row["first_on"])
    return [
        MatrixRow(agency, [found[agency.pk].get(category.pk, Cell()) for category in required])
        for agency in agencies
    ]


def matrix_totals(year: int, required: list[DisclosureCategory]) -> dict[str, int]:
    """The matrix's headline: active agencies, and how many disclosed every required category."""
    complete = (
        Disclosure.objects.filter(year=year, category__in=required, agency__is_active=True)
        .order_by()
        .values("agency")
        .annotate(n=Count("category", distinct=True))
        .filter(n__gte=len(required))
    )
    return {
        "agencies": Agency.objects.active().count(),
        "complete": complete.count() if required else 0,
    }
