"""Reads of agencies and people. Every selector starts from the user's scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet

from dancoso import indicators
from dancoso.accounts import access
from dancoso.agencies.models import Agency, Person, Province
from dancoso.core import navigation
from dancoso.core.lists import counted, sorted_by

PEOPLE_COUNTS = {
    "people": Count("pk"),
    "democracy_officers": Count("pk", filter=Q(is_democracy_officer=True)),
    "inspection_members": Count("pk", filter=Q(is_inspection_member=True)),
    "steering_members": Count("pk", filter=Q(is_steering_member=True)),
}

# Sort keys offered by the list pages (the ``sort`` query parameter); anything else falls back to the first.
AGENCY_SORTS: dict[str, tuple[str, ...]] = {
    "order": ("display_order", "name"),
    "name": ("name",),
    "-name": ("-name",),
    "code": ("code",),
    "-code": ("-code",),
    "kind": ("kind", "display_order"),
    "-kind": ("-kind", "display_order"),
    "people": ("people_count", "display_order"),
    "-people": ("-people_count", "display_order"),
}
# By name first: an index walks the province's hundred thousand people in that order, where sorting them by
# agency means sorting them all for every page.
PERSON_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("full_name",),
    "-name": ("-full_name",),
    "agency": ("agency__display_order", "agency__name", "full_name"),
    "-agency": ("-agency__display_order", "-agency__name", "full_name"),
    "position": ("position", "full_name"),
    "-position": ("-position", "full_name"),
}
PERSON_FLAGS = {
    "democracy": "is_democracy_officer",
    "inspection": "is_inspection_member",
    "steering": "is_steering_member",
}


def register_overview(*, user: Any) -> dict[str, int]:
    """Headline counts of the registers, for the user's scope (the whole province for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return indicators.cached("overview:public", lambda: {"agencies": Agency.objects.active().count()})
    # The council may not open the register, but its dashboard shows the province-wide figures.
    agency = access.figures_agency(user)
    return indicators.cached(f"overview:{agency.pk if agency else 'all'}", lambda: _overview(agency))


def _overview(agency: Agency | None) -> dict[str, int]:
    people = Person.objects.filter(is_active=True)
    if agency is not None:
        people = people.filter(agency=agency)
    return {"agencies": Agency.objects.active().count(), **people.aggregate(**PEOPLE_COUNTS)}


def flagged_agencies(*, user: Any, limit: int = 10) -> dict[str, Any]:
    """The agencies in the user's scope that the measures warn about, with their warnings: the first
    ``limit`` of them, in the register's order, and how many there are in all."""
    agency = access.figures_agency(user)
    agencies = Agency.objects.active().order_by("display_order", "name")
    if agency is not None:
        agencies = agencies.filter(pk=agency.pk)
    rows = list(agencies.values_list("pk", "short_name", "name"))
    flags = navigation.agency_flags([pk for pk, _short, _name in rows])
    flagged = [
        {"pk": pk, "name": short or name, "flags": flags[pk]} for pk, short, name in rows if flags.get(pk)
    ]
    return {"agencies": flagged[:limit], "count": len(flagged)}


def province_for_edit() -> Province:
    """The province's row, or a new one to fill in on a fresh installation."""
    return Province.current() or Province()


def example_agency(user: Any) -> Agency | None:
    """The agency an import template's example row names: the user's own, else the first one."""
    return user.agency or agency_choices().first()


def agency_choices() -> QuerySet[Agency]:
    """Agencies offered in pickers: retired ones leave the pickers but keep their history."""
    return Agency.objects.active().order_by("display_order", "name")


def shows_people_counts(user: Any) -> bool:
    """Staff see every agency but only their own people, so other agencies' head counts stay hidden."""
    return access.can_read_all(user)


def get_agency_for_user(user: Any, pk: Any, *, action: str = "read") -> Agency:
    return access.get_for_user(
        Agency.objects.select_related("parent", "merged_into"), user, action=action, pk=pk
    )


def get_person_for_user(user: Any, pk: Any, *, action: str = "read") -> Person:
    return access.get_for_user(Person.objects.select_related("agency"), user, action=action, pk=pk)


def agency_children(agency: Agency) -> dict[str, QuerySet[Agency]]:
    """The agencies under an agency, and those merged into it."""
    return {"children": agency.children.all(), "merged_from": agency.merged_from.all()}


def agency_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Agency]:
    """Agencies for the register; filters: ``kind``, ``status`` (active, retired, all), ``q``, ``sort``."""
    agencies = access.scope(Agency.objects.select_related("parent", "merged_into"), user)
    if shows_people_counts(user):
        agencies = agencies.annotate(people_count=counted(Person.objects.filter(is_active=True), to="agency"))
    if filters.get("kind"):
        agencies = agencies.filter(kind=filters["kind"])
    status = filters.get("status") or "active"
    if status != "all":
        agencies = agencies.filter(is_active=status == "active")
    if filters.get("q"):
        query = filters["q"]
        agencies = agencies.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__icontains=query)
        )
    sorts = AGENCY_SORTS if shows_people_counts(user) else _without(AGENCY_SORTS, "people", "-people")
    return sorted_by(agencies, sorts, filters.get("sort"))


def person_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Person]:
    """People in the user's scope.

    Filters: ``agency``, ``flag`` (see ``PERSON_FLAGS``), ``status`` (active, inactive, all), ``q``, ``sort``.
    """
    people = access.scope(Person.objects.select_related("agency"), user)
    if filters.get("agency"):
        people = people.filter(agency=filters["agency"])
    if filters.get("flag") in PERSON_FLAGS:
        people = people.filter(**{PERSON_FLAGS[filters["flag"]]: True})
    status = filters.get("status") or "active"
    if status != "all":
        people = people.filter(is_active=status == "active")
    if filters.get("q"):
        people = people.filter(full_name__icontains=filters["q"])
    return sorted_by(people, PERSON_SORTS, filters.get("sort"))


def people_summary(*, user: Any, agency: Agency) -> dict[str, int] | None:
    """Head counts of one agency's active people, or ``None`` when its people are outside the user's scope."""
    if not access.allows(user, Person(agency=agency)):
        return None
    return Person.objects.filter(agency=agency, is_active=True).aggregate(**PEOPLE_COUNTS)


def _without(sorts: Mapping[str, tuple[str, ...]], *keys: str) -> dict[str, tuple[str, ...]]:
    return {key: fields for key, fields in sorts.items() if key not in keys}
