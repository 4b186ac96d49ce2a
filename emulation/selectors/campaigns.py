"""Reads of the yearly movements and the pledges: lists in the user's scope, and Home Affairs' view of who
has sent a pledge to a movement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from dancoso.accounts import access
from dancoso.agencies.models import Agency
from dancoso.core.lists import counted
from emulation.models import Campaign, Pledge, PledgeStatus
from emulation.models.campaign import RECEIVED_PLEDGE


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    received = counted(Pledge.objects.filter(status__in=RECEIVED_PLEDGE), to="campaign")
    return access.scope(Campaign.objects.all(), user).annotate(received=received).order_by("-year")


def get_campaign_for_user(user: Any, pk: Any, *, write: bool = False) -> Campaign:
    campaigns = Campaign.objects.select_related("created_by")
    return access.get_for_user(campaigns, user, action="write" if write else "read", pk=pk)


def campaign_of_year(year: int) -> Campaign | None:
    return Campaign.objects.filter(year=year).first()


def latest_campaign() -> Campaign | None:
    return Campaign.objects.order_by("-year").first()


def pledge_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Pledge]:
    pledges = access.scope(Pledge.objects.select_related("campaign", "agency", "collective_award"), user)
    if filters.get("campaign"):
        pledges = pledges.filter(campaign=filters["campaign"])
    if filters.get("agency"):
        pledges = pledges.filter(agency=filters["agency"])
    if filters.get("status"):
        pledges = pledges.filter(status=filters["status"])
    return pledges.order_by("-campaign__year", "agency__display_order", "agency__name", "pk")


def get_pledge_for_user(user: Any, pk: Any, *, action: str = "read") -> Pledge:
    pledges = Pledge.objects.select_related("campaign", "agency", "collective_award", "created_by")
    return access.get_for_user(pledges, user, action=action, pk=pk)


def own_pledge(campaign: Campaign, agency_id: Any) -> Pledge | None:
    return Pledge.objects.filter(campaign=campaign, agency_id=agency_id).first()


def pledge_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies a user may pledge for: every active one for Home Affairs, else their own."""
    agencies = Agency.objects.active()
    return agencies if access.is_province_admin(user) else agencies.filter(pk=user.agency_id)


NOT_SENT = "none"


def pledge_matrix(campaign: Campaign, *, filters: Mapping[str, Any] | None = None) -> QuerySet[Agency]:
    """Every active agency with its pledge to the movement; those that have not sent one come first.

    The pledge's fields are subqueries evaluated for the rows of the page only.
    """
    filters = filters or {}
    pledge = Pledge.objects.filter(campaign=campaign, agency=OuterRef("pk"))
    agencies = Agency.objects.active().annotate(
        pledge_id=Subquery(pledge.values("pk")[:1], output_field=IntegerField()),
        pledge_status=Subquery(pledge.values("status")[:1], output_field=CharField()),
    )
    if filters.get("q"):
        agencies = agencies.filter(Q(name__icontains=filters["q"]) | Q(short_name__icontains=filters["q"]))
    if filters.get("not_sent"):
        agencies = agencies.filter(~Q(pledge_status__in=RECEIVED_PLEDGE) | Q(pledge_status__isnull=True))
    received = Case(
        When(pledge_status__in=RECEIVED_PLEDGE, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return agencies.annotate(received=received).order_by("received", "display_order", "name", "pk")


def pledge_totals(campaign: Campaign) -> dict[str, int]:
    """The headline of the matrix: active agencies and their pledges by status, in one query."""
    pledge = Pledge.objects.filter(campaign=campaign, agency=OuterRef("pk"))
    status = Subquery(pledge.values("status")[:1], output_field=CharField())
    agencies = Agency.objects.active().annotate(status=status)
    counts = {state: Count("pk", filter=Q(status=state)) for state in PledgeStatus.values if state != "draft"}
    return agencies.aggregate(
        agencies=Count("pk"),
        draft=Count("pk", filter=Q(status=PledgeStatus.DRAFT) | Q(status__isnull=True)),
        **counts,
    )
