"""Reads of the IT systems register: the list in the user's scope with each system's progress, one system
with its timeline, and the register's fields for exchange."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery

from dancoso.accounts import access
from dancoso.agencies.models import Agency
from digital.models import Milestone, System

SORTS = {
    "agency": ("agency__display_order", "agency__name", "name"),
    "name": ("name",),
    "-name": ("-name",),
    "progress": ("progress", "name"),
    "-progress": ("-progress", "name"),
}


def progress_of(outer: str = "pk", on: Any = None) -> Subquery:
    """A system's progress: that of its latest milestone (on or before ``on``, where given)."""
    milestones = Milestone.objects.filter(system=OuterRef(outer))
    if on is not None:
        milestones = milestones.filter(reached_on__lte=on)
    latest = milestones.order_by("-reached_on", "-pk").values("progress")[:1]
    return Subquery(latest, output_field=IntegerField())


def system_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[System]:
    systems = access.scope(System.objects.select_related("agency"), user).annotate(progress=progress_of())
    for name in ("agency", "kind", "status"):
        if filters.get(name):
            systems = systems.filter(**{name: filters[name]})
    if filters.get("purpose"):
        systems = systems.filter(purposes=filters["purpose"])
    if filters.get("citizens"):
        systems = systems.filter(for_citizens=True)
    if filters.get("q"):
        words = filters["q"]
        systems = systems.filter(Q(name__icontains=words) | Q(operator__icontains=words))
    fields = SORTS.get(filters.get("sort") or "", SORTS["agency"])
    return systems.order_by(*fields, "pk")


def with_lists(systems: QuerySet[System]) -> QuerySet[System]:
    """The systems with their purposes and platforms, two queries for a whole page or export."""
    return systems.prefetch_related("purposes", "platforms")


def get_system_for_user(user: Any, pk: Any, *, write: bool = False) -> System:
    milestones = Milestone.objects.order_by("reached_on", "pk")
    systems = (
        System.objects.select_related("agency", "created_by")
        .prefetch_related("purposes", "platforms", Prefetch("milestones", queryset=milestones))
        .annotate(progress=progress_of())
    )
    return access.get_for_user(systems, user, action="write" if write else "read", pk=pk)


def get_milestone_for_user(user: Any, pk: Any) -> Milestone:
    milestones = Milestone.objects.select_related("system__agency")
    return access.get_for_user(milestones, user, action="write", pk=pk)


def system_agencies(user: Any) -> QuerySet[Agency]:
    agencies = Agency.objects.active()
    return agencies if access.is_province_admin(user) else agencies.filter(pk=user.agency_id)


def register_rows(systems: QuerySet[System]) -> list[dict[str, Any]]:
    """The register's fields of each system, for exchange as JSON (publiccode.yml's vocabulary)."""
    return [
        {
            "id": system.pk,
            "name": system.name,
            "owner": system.agency.name,
            "kind": system.kind,
            "purposes": [purpose.name for purpose in system.purposes.all()],
            "developmentStatus": system.status,
            "description": system.description,
            "startedOn": system.started_on.isoformat(),
            "releaseDate": system.launched_on.isoformat() if system.launched_on else None,
            "users": {
                "staff": system.for_staff,
                "citizens": system.for_citizens,
                "businesses": system.for_businesses,
            },
            "url": system.url or None,
            "platforms": [platform.name for platform in system.platforms.all()],
            "maintenance": {"operator": system.operator or None, "contractEnd": _iso(system.contract_end)},
            "progress": system.progress,
        }
        for system in systems
    ]


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None
