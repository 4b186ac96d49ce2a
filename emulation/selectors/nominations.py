"""Reads of quotas and nominations: lists in the user's scope with the places each quota has left."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import F, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from dancoso.accounts import access
from dancoso.agencies.models import Agency, Person
from dancoso.core.lists import counted
from emulation.models import Award, Nomination, NominationFile, Quota
from emulation.models.commendation import HOLDING_PLACE


def default_year() -> int:
    """Commendations are proposed in the year they reward."""
    return timezone.localdate().year


def _held() -> Any:
    """Places of a quota held by its nominations, as a subquery per quota row."""
    holding = Nomination.objects.filter(
        status__in=HOLDING_PLACE, year=OuterRef("year"), award=OuterRef("award")
    )
    return counted(holding, to="agency", outer="agency")


def quota_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Quota]:
    quotas = access.scope(Quota.objects.select_related("agency", "award"), user)
    for name in ("year", "agency", "award"):
        if filters.get(name):
            quotas = quotas.filter(**{name: filters[name]})
    quotas = quotas.annotate(held=_held()).annotate(free=F("places") - F("held"))
    if filters.get("full"):
        quotas = quotas.filter(free__lte=0)
    return quotas.order_by("-year", "agency__display_order", "agency__name", "award__display_order", "pk")


def get_quota_for_user(user: Any, pk: Any, *, write: bool = False) -> Quota:
    quotas = Quota.objects.select_related("agency", "award").annotate(held=_held())
    return access.get_for_user(quotas, user, action="write" if write else "read", pk=pk)


def quota_for(nomination: Nomination) -> Quota | None:
    """The quota a nomination draws on, with its places held."""
    quotas = Quota.objects.filter(
        year=nomination.year, agency_id=nomination.agency_id, award_id=nomination.award_id
    )
    return quotas.annotate(held=_held()).first()


def nomination_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Nomination]:
    nominations = access.scope(Nomination.objects.select_related("agency", "award", "person"), user)
    for name in ("year", "agency", "award", "status", "kind"):
        if filters.get(name):
            nominations = nominations.filter(**{name: filters[name]})
    return nominations.order_by("-year", "agency__display_order", "agency__name", "pk")


def get_nomination_for_user(user: Any, pk: Any, *, action: str = "read") -> Nomination:
    files = NominationFile.objects.order_by("pk")
    nominations = Nomination.objects.select_related(
        "agency", "award", "person", "created_by"
    ).prefetch_related(Prefetch("files", queryset=files))
    return access.get_for_user(nominations, user, action=action, pk=pk)


def get_file_for_user(user: Any, pk: Any) -> NominationFile:
    return access.get_for_user(NominationFile.objects.select_related("nomination__agency"), user, pk=pk)


def awards() -> QuerySet[Award]:
    return Award.objects.filter(is_active=True)


def agency_people(agency: Agency | None) -> QuerySet[Person]:
    """The people a record of the agency may name: its active staff, by name."""
    if agency is None:
        return Person.objects.none()
    return Person.objects.filter(agency=agency, is_active=True).order_by("full_name", "pk")


def writable_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies a user records for: every active one for Home Affairs, else their own."""
    agencies = Agency.objects.active()
    return agencies if access.is_province_admin(user) else agencies.filter(pk=user.agency_id)
