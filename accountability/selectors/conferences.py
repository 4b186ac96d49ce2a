"""Reads of the staff conferences: the list in the user's scope, one conference, and Home Affairs' matrix."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accountability.models import ConferenceResolution, StaffConference
from accountability.models.conference import conference_deadline, has_quorum
from dancoso.accounts import access
from dancoso.agencies.models import Agency
from dancoso.core.lists import counted

FILTERS = {"agency": "agency", "year": "year"}
NOT_HELD, ON_TIME, LATE = "not_held", "on_time", "late"
TIMING_LABELS = {NOT_HELD: _("Not held"), ON_TIME: _("On time"), LATE: _("Late")}


def default_year() -> int:
    """The year conferences are being held on now: the one just ended (they are due by the end of March)."""
    return timezone.localdate().year - 1


def timing(year: int, held_on: date | None) -> str:
    """Whether a conference on ``year`` was held by its deadline, late, or not at all."""
    if held_on is None:
        return NOT_HELD
    return LATE if held_on > conference_deadline(year) else ON_TIME


def quorum_label(present: int | None, summoned: int | None) -> str:
    if present is None or summoned is None:
        return ""
    return str(_("Valid")) if has_quorum(present, summoned) else str(_("Invalid, no quorum"))


def conference_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[StaffConference]:
    """Conferences in the user's scope with their count of resolutions, newest year first."""
    conferences = access.scope(StaffConference.objects.select_related("agency"), user)
    for name, lookup in FILTERS.items():
        if filters.get(name) not in (None, ""):
            conferences = conferences.filter(**{lookup: filters[name]})
    resolutions = counted(ConferenceResolution.objects.all(), to="conference")
    return conferences.annotate(resolutions_count=resolutions).order_by(
        "-year", "agency__display_order", "agency__name", "pk"
    )


def get_conference_for_user(user: Any, pk: Any, *, write: bool = False) -> StaffConference:
    """One conference with its resolutions: 404 alike for "missing" and "not yours"."""
    resolutions = ConferenceResolution.objects.order_by("pk")
    conferences = StaffConference.objects.select_related("agency", "created_by").prefetch_related(
        Prefetch("resolutions", queryset=resolutions)
    )
    return access.get_for_user(conferences, user, action="write" if write else "read", pk=pk)


def get_resolution_for_user(user: Any, pk: Any, *, write: bool = False) -> ConferenceResolution:
    resolutions = ConferenceResolution.objects.select_related("conference__agency")
    return access.get_for_user(resolutions, user, action="write" if write else "read", pk=pk)


def conference_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies a user may record a conference for: every active one for Home Affairs, else their own."""
    agencies = Agency.objects.active()
    return agencies if access.is_province_admin(user) else agencies.filter(pk=user.agency_id)


def matrix(year: int, *, filters: Mapping[str, Any] | None = None) -> QuerySet[Agency]:
    """Every active agency × its conference on ``year``; agencies that have not held one come first.

    The conference's figures are subqueries evaluated for the rows shown only, so a page costs the same
    whatever the number of agencies and conferences.
    """
    filters = filters or {}
    conference = StaffConference.objects.filter(agency=OuterRef("pk"), year=year)

    def field(name: str, output: Any) -> Subquery:
        return Subquery(conference.values(name)[:1], output_field=output)

    agencies = Agency.objects.active().annotate(
        conference_id=field("pk", IntegerField()),
        held_on=field("held_on", DateField()),
        summoned=field("summoned", IntegerField()),
        present=field("present", IntegerField()),
    )
    if filters.get("q"):
        agencies = agencies.filter(Q(name__icontains=filters["q"]) | Q(short_name__icontains=filters["q"]))
    if filters.get("not_held"):
        agencies = agencies.filter(conference_id__isnull=True)
    held = Case(
        When(conference_id__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return agencies.annotate(held=held).order_by("held", "display_order", "name", "pk")


def matrix_totals(year: int) -> dict[str, int]:
    """The matrix's headline: active agencies, how many held the conference, on time, with a quorum."""
    held = StaffConference.objects.filter(agency=OuterRef("pk"), year=year)
    on_time = held.filter(held_on__lte=conference_deadline(year))
    quorate = held.alias(margin=F("present") * 3 - F("summoned") * 2).filter(margin__gte=0)
    return Agency.objects.active().aggregate(
        agencies=Count("pk"),
        held=Count("pk", filter=Q(Exists(held))),
        on_time=Count("pk", filter=Q(Exists(on_time))),
        quorate=Count("pk", filter=Q(Exists(quorate))),
    )
