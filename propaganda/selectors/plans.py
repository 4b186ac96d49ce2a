"""Reads of the dissemination plans: the list in the user's scope, one plan, and the compliance matrix."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from dancoso.accounts import access
from dancoso.agencies.models import Agency
from dancoso.core.lists import counted
from dancoso.periods import Period
from propaganda.models import ChannelKind, DisseminationPlan, PlanActivity, PlanStatus, Posting

FILTERS = {"agency": "agency", "year": "year", "status": "status"}


def plan_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[DisseminationPlan]:
    """Plans in the user's scope with their counts of activities planned and held, newest year first."""
    plans = access.scope(DisseminationPlan.objects.select_related("agency"), user)
    for name, lookup in FILTERS.items():
        if filters.get(name) not in (None, ""):
            plans = plans.filter(**{lookup: filters[name]})
    activities = PlanActivity.objects.all()
    return plans.annotate(
        planned=counted(activities, to="plan"),
        held=counted(activities.filter(held_on__isnull=False), to="plan"),
    ).order_by("-year", "agency__display_order", "agency__name", "pk")


def get_plan_for_user(user: Any, pk: Any, *, write: bool = False) -> DisseminationPlan:
    """One plan with its activities (and their postings' count): 404 alike for "missing" and "not yours"."""
    activities = PlanActivity.objects.annotate(posted=counted(Posting.objects.all(), to="activity"))
    plans = DisseminationPlan.objects.select_related("agency").prefetch_related(
        Prefetch("activities", queryset=activities.order_by("planned_date", "pk"))
    )
    return access.get_for_user(plans, user, action="write" if write else "read", pk=pk)


def get_activity_for_user(user: Any, pk: Any, *, write: bool = False) -> PlanActivity:
    activities = PlanActivity.objects.select_related("plan__agency")
    return access.get_for_user(activities, user, action="write" if write else "read", pk=pk)


def plan_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies a user may keep a plan for: every active one for Home Affairs, else the staff's own."""
    agencies = Agency.objects.active()
    return agencies if access.is_province_admin(user) else agencies.filter(pk=user.agency_id)


def compliance(year: int, *, filters: Mapping[str, Any] | None = None) -> QuerySet[Agency]:
    """Every active agency × what it did for a year; agencies without an approved plan first.

    Each figure is a subquery evaluated for the rows shown only, so a page costs the same whatever the
    number of agencies, plans, activities or postings.
    """
    filters = filters or {}
    period = Period(year)
    plans = DisseminationPlan.objects.filter(agency=OuterRef("pk"), year=year)
    activities = PlanActivity.objects.filter(plan__year=year)
    held = activities.filter(held_on__isnull=False)
    postings = Posting.objects.filter(posted_on__gte=period.start, posted_on__lte=period.end)
    participants = (
        held.filter(plan__agency=OuterRef("pk"))
        .order_by()
        .values("plan__agency")
        .annotate(n=Sum("participants"))
        .values("n")
    )
    agencies = Agency.objects.active().annotate(
        plan_id=Subquery(plans.values("pk")[:1], output_field=IntegerField()),
        plan_status=Coalesce(Subquery(plans.values("status")[:1]), Value(""), output_field=CharField()),
        planned=counted(activities, to="plan__agency"),
        held=counted(held, to="plan__agency"),
        participants=Coalesce(Subquery(participants, output_field=IntegerField()), Value(0)),
        website_postings=counted(postings.filter(channel__kind=ChannelKind.AGENCY_WEBSITE), to="agency"),
        postings_count=counted(postings, to="agency"),
    )
    if filters.get("q"):
        agencies = agencies.filter(Q(name__icontains=filters["q"]) | Q(short_name__icontains=filters["q"]))
    if filters.get("without_plan"):
        agencies = agencies.exclude(plan_status__in=[PlanStatus.APPROVED, PlanStatus.DONE])
    has_plan = Case(
        When(plan_status__in=[PlanStatus.APPROVED, PlanStatus.DONE], then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return agencies.annotate(has_plan=has_plan).order_by("has_plan", "display_order", "name", "pk")


def compliance_totals(year: int) -> dict[str, int]:
    """The matrix's headline: active agencies, and how many of them have an approved plan for the year."""
    approved = DisseminationPlan.objects.filter(
        agency=OuterRef("pk"), year=year, status__in=[PlanStatus.APPROVED, PlanStatus.DONE]
    )
    return Agency.objects.active().aggregate(
        agencies=Count("pk"), with_plan=Count("pk", filter=Q(Exists(approved)))
    )
