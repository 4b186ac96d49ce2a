"""Reads behind the training reports: who missed sessions, and how far each agency's people are trained."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from dancoso.accounts import access
from dancoso.agencies.models import Agency
from dancoso.core.lists import sorted_by
from training.models import SEAT_STATUSES, Attendance, AttendanceStatus, Enrolment, TrainingPlan

ABSENCE_STATUSES: dict[str, tuple[str, ...]] = {
    "absent": (AttendanceStatus.ABSENT,),
    "excused": (AttendanceStatus.EXCUSED,),
    "both": (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED),
}

# Sort keys of the absentee list (the ``sort`` query parameter); the first is the default: newest first.
ABSENTEE_SORTS: dict[str, tuple[str, ...]] = {
    "-date": ("-session__date", "enrolment__person__full_name"),
    "date": ("session__date", "enrolment__person__full_name"),
    "name": ("enrolment__person__full_name", "-session__date"),
    "-name": ("-enrolment__person__full_name", "-session__date"),
    "agency": ("enrolment__agency__display_order", "enrolment__agency__name", "enrolment__person__full_name"),
    "-agency": (
        "-enrolment__agency__display_order",
        "-enrolment__agency__name",
        "enrolment__person__full_name",
    ),
    "class": ("session__training_class__title", "-session__date", "enrolment__person__full_name"),
    "-class": ("-session__training_class__title", "-session__date", "enrolment__person__full_name"),
}

# Filters of the absentee list → the attendance field each one narrows.
ABSENTEE_FILTERS = {
    "year": "session__training_class__plan__year",
    "agency": "enrolment__agency",
    "training_class": "session__training_class",
    "target_group": "enrolment__target_group",
}


def plan_years() -> list[int]:
    """Years that have a training plan, newest first (the year pickers offer these)."""
    return list(TrainingPlan.objects.order_by("-year").values_list("year", flat=True))


def absentee_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Attendance]:
    """Absences (and, on request, excused absences) in the user's attendance scope.

    Filters: ``year`` (plan year), ``agency`` (nominating agency), ``training_class``, ``target_group``,
    ``status`` (absent, excused, both; absent by default) and ``sort`` (see ``ABSENTEE_SORTS``).
    """
    statuses = ABSENCE_STATUSES.get(filters.get("status") or "absent", ABSENCE_STATUSES["absent"])
    rows = access.scope(Attendance.objects.filter(status__in=statuses), user)
    for key, field in ABSENTEE_FILTERS.items():
        if filters.get(key):
            rows = rows.filter(**{field: filters[key]})
    rows = rows.select_related("session__training_class", "enrolment__person", "enrolment__agency")
    return sorted_by(rows, ABSENTEE_SORTS, filters.get("sort"))


@dataclass(frozen=True)
class CoverageRow:
    """One agency's figures for a plan year; the totals row has no agency."""

    agency: Agency | None
    democracy_officers: int
    democracy_trained: int
    inspection_members: int
    inspection_trained: int
    targeted: int
    trained: int
    enrolled: int

    @property
    def nobody_trained(self) -> bool:
        """Some people to train, none of them trained: the gap the coverage view is for."""
        return self.targeted > 0 and self.trained == 0

    @property
    def nobody_to_train(self) -> bool:
        """Nobody in the register is assigned to democracy work or on the Inspection Board."""
        return self.targeted == 0

    @property
    def percent(self) -> Decimal | None:
        """Share of the agency's targeted people who were trained, in per cent with one decimal.

        Rounded down, so an agency reads 100% only once every one of its people is trained. None when
        there is nobody to train.
        """
        if not self.targeted:
            return None
        return Decimal(self.trained * 1000 // self.targeted).scaleb(-1)


COUNT_FIELDS = tuple(field.name for field in fields(CoverageRow) if field.name != "agency")


@dataclass(frozen=True)
class Coverage:
    year: int
    has_plan: bool
    rows: Sequence[CoverageRow]

    @property
    def totals(self) -> CoverageRow:
        sums = {name: sum(getattr(row, name) for row in self.rows) for name in COUNT_FIELDS}
        return CoverageRow(agency=None, **sums)

    @property
    def rows_with_totals(self) -> list[CoverageRow]:
        return [*self.rows, self.totals]

    @property
    def untrained_agencies(self) -> list[Agency]:
        return [row.agency for row in self.rows if row.nobody_trained]

    @property
    def agencies_without_targets(self) -> list[Agency]:
        return [row.agency for row in self.rows if row.nobody_to_train]


def _people_counts(year: int) -> dict[str, Count]:
    """Counts over each agency's active people (one join, so the counts do not multiply each other)."""
    trained_ids = Enrolment.objects.completed().filter(training_class__plan__year=year).values("person_id")
    active = Q(people__is_active=True)
    democracy, inspection = Q(people__is_democracy_officer=True), Q(people__is_inspection_member=True)
    trained = Q(people__pk__in=trained_ids)
    return {
        "democracy_officers": Count("people", filter=active & democracy),
        "democracy_trained": Count("people", filter=active & democracy & trained),
        "inspection_members": Count("people", filter=active & inspection),
        "inspection_trained": Count("people", filter=active & inspection & trained),
        "targeted": Count("people", filter=active & (democracy | inspection)),
        "trained": Count("people", filter=active & (democracy | inspection) & trained),
    }


def _enrolled_count(year: int) -> Coalesce:
    """Seats the agency took in the year's classes, as a subquery so it does not join the people."""
    enrolments = (
        Enrolment.objects.filter(
            agency=OuterRef("pk"), training_class__plan__year=year, status__in=SEAT_STATUSES
        )
        .order_by()
        .values("agency")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(enrolments, output_field=IntegerField()), Value(0))


def coverage(*, user: Any, year: int, nobody_trained_only: bool = False) -> Coverage:
    """Per active agency in the user's scope: targeted people, how many were trained in ``year``, seats taken.

    "Trained" means a completed enrolment (``Enrolment.objects.completed()``) in a class of that plan year;
    the people counted are the agency's active officials assigned to democracy work or on the People's
    Inspection Board. Agency staff see only their own agency. One query for the agencies, one for the plan.
    """
    agencies = access.own_agencies(Agency.objects.active(), user)
    agencies = agencies.annotate(**_people_counts(year), enrolled=_enrolled_count(year))
    if nobody_trained_only:
        agencies = agencies.filter(trained=0)
    rows = [
        CoverageRow(agency=agency, **{name: getattr(agency, name) for name in COUNT_FIELDS})
        for agency in agencies.order_by("display_order", "name", "pk")
    ]
    return Coverage(year=year, has_plan=TrainingPlan.objects.filter(year=year).exists(), rows=rows)
