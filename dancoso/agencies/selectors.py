"""Reads of agencies and people. Every selector starts from the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from dancoso.accounts.access import scope_to_user
from dancoso.agencies.models import Agency, Person


def register_overview(*, user: Any) -> dict[str, int]:
    """Headline counts of the registers, for the user's scope (the whole province for anonymous visitors)."""
    agencies = Agency.objects.active().aggregate(total=Count("pk"))
    if user is None or not user.is_authenticated:
        return {"agencies": agencies["total"]}
    people = scope_to_user(Person.objects.filter(is_active=True), user)
    if user.role == "council":
        people = Person.objects.filter(is_active=True)
    counts = people.aggregate(
        people=Count("pk"),
        democracy_officers=Count("pk", filter=Q(is_democracy_officer=True)),
        inspection_members=Count("pk", filter=Q(is_inspection_member=True)),
        steering_members=Count("pk", filter=Q(is_steering_member=True)),
    )
    return {"agencies": agencies["total"], **counts}


def agency_choices() -> QuerySet[Agency]:
    """Agencies offered in pickers: retired ones leave the pickers but keep their history."""
    return Agency.objects.active().order_by("display_order", "name")
