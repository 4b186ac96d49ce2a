"""Reads of the violations register: the list in the user's scope, one violation, and those that bar a
nomination."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from dancoso.accounts import access
from dancoso.core.lists import sorted_by
from emulation.models import Nomination, NomineeKind, Violation, ViolationStatus

SORTS = {
    "-found_on": ("-found_on",),
    "found_on": ("found_on",),
    "agency": ("agency__display_order", "agency__name", "-found_on"),
    "-agency": ("-agency__display_order", "-agency__name", "-found_on"),
}


def violation_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Violation]:
    violations = access.scope(
        Violation.objects.select_related("agency", "person", "category", "handling"), user
    )
    if filters.get("agency"):
        violations = violations.filter(agency=filters["agency"])
    if filters.get("year"):
        violations = violations.filter(found_on__year=filters["year"])
    if filters.get("status"):
        violations = violations.filter(status=filters["status"])
    if filters.get("category"):
        violations = violations.filter(category=filters["category"])
    return sorted_by(violations, SORTS, filters.get("sort"))


def get_violation_for_user(user: Any, pk: Any, *, write: bool = False) -> Violation:
    violations = Violation.objects.select_related("agency", "person", "category", "handling", "created_by")
    return access.get_for_user(violations, user, action="write" if write else "read", pk=pk)


def blocking_violations(nomination: Nomination) -> QuerySet[Violation]:
    """The violations handled in the nomination's year that bar it from being submitted.

    A person's own violations bar their nomination; an agency's (no person named) bar its collectives.
    """
    handled = Violation.objects.filter(
        status=ViolationStatus.HANDLED, decision_date__year=nomination.year
    ).select_related("category", "handling")
    if nomination.kind == NomineeKind.INDIVIDUAL:
        return handled.filter(person_id=nomination.person_id)
    return handled.filter(Q(agency_id=nomination.agency_id) & Q(person__isnull=True))
