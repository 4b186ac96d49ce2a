"""Figures of Art. 1 §1 (bồi dưỡng) for the dashboard, the agency scorecard and the yearly report.

A class belongs to the reporting period in which it starts (cancelled classes do not count). Every figure
comes from a handful of grouped queries, whatever the number of agencies, classes or trainees.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from dancoso.agencies.models import Agency, Person
from dancoso.indicators import Indicator, Section, Table, TableRow
from dancoso.periods import Period
from training.models import (
    CLASSES_PER_YEAR,
    Attendance,
    AttendanceStatus,
    ClassStatus,
    Enrolment,
    TargetGroup,
    TrainingClass,
)

ARTICLE = (1, 1)

# Marks that count as attending for the attendance rate, whatever a class's own completion rule says.
ATTENDED_MARKS = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
FLAGGED = Q(is_democracy_officer=True) | Q(is_inspection_member=True)


def class_count_warning(count: int) -> str | None:
    """The warning for a year with fewer or more classes than the resolution asks for, else ``None``."""
    low, high = CLASSES_PER_YEAR
    bounds = {"count": count, "low": low, "high": high}
    # The lower bound is one class, so "fewer" always means "none".
    if count < low:
        message = _(
            "No training class in the year: the resolution asks for %(low)s to %(high)s classes a year."
        )
        return message % bounds
    if count > high:
        message = _(
            "%(count)s training classes in the year: "
            "the resolution asks for %(low)s to %(high)s classes a year."
        )
        return message % bounds
    return None


def classes_in(period: Period) -> QuerySet[TrainingClass]:
    """The classes a period counts: not cancelled, starting within it (both ends included)."""
    return TrainingClass.objects.exclude(status=ClassStatus.CANCELLED).filter(
        start_date__gte=period.start, start_date__lte=period.end
    )


@dataclass
class AgencyFigures:
    """One agency's counts; the province's totals are the sum over every agency."""

    democracy_officers: int = 0
    inspection_members: int = 0
    enrolled: Counter = field(default_factory=Counter)
    completed: Counter = field(default_factory=Counter)
    marks: int = 0
    attended: int = 0

    def add(self, other: AgencyFigures) -> None:
        self.enrolled.update(other.enrolled)
        self.completed.update(other.completed)
        self.marks += other.marks
        self.attended += other.attended

    @property
    def has_people_or_trainees(self) -> bool:
        return bool(self.democracy_officers or self.inspection_members or self.enrolled.total())

    @property
    def attendance_rate(self) -> Decimal | None:
        return percent(self.attended, self.marks)


def percent(part: int, whole: int) -> Decimal | None:
    """A share in per cent with one decimal, or ``None`` when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def section(period: Period, agency: Agency | None = None) -> Section:
    classes = classes_in(period)
    class_count = classes.count()
    warning = class_count_warning(class_count)
    empty = Section(
        key="training",
        title=_("Training of officials in charge of democracy work and People's Inspection Board members"),
        article=_("Art. 1 §1"),
        warnings=(warning,) if warning else (),
    )
    # Without a class there is nothing to report; the section says so instead of showing rows of zeros.
    if class_count == 0:
        return empty
    by_agency = _figures_by_agency(classes, agency)
    names = _agency_names(agency)
    totals = AgencyFigures()
    for figures in by_agency.values():
        totals.add(figures)
    coverage = _agency_coverage(classes, agency) if agency else _province_coverage(by_agency, names)
    return Section(
        key=empty.key,
        title=empty.title,
        article=empty.article,
        warnings=empty.warnings,
        indicators=(
            Indicator(
                _("Training classes in the year"), class_count, _("classes"), target=CLASSES_PER_YEAR[0]
            ),
            *_trainee_indicators(totals),
            Indicator(_("Attendance rate"), totals.attendance_rate, "%"),
            coverage,
        ),
        tables=(_agency_table(by_agency, names),),
    )


def _figures_by_agency(classes: QuerySet[TrainingClass], agency: Agency | None) -> dict[Any, AgencyFigures]:
    """Counts per agency from three grouped queries (people, enrolments, attendance marks)."""
    enrolments = Enrolment.objects.confirmed().filter(training_class__in=classes)
    people = Person.objects.filter(FLAGGED, is_active=True)
    if agency is not None:
        enrolments = enrolments.filter(agency=agency)
        people = people.filter(agency=agency)
    figures: dict[Any, AgencyFigures] = {}

    def of(agency_id: Any) -> AgencyFigures:
        return figures.setdefault(agency_id, AgencyFigures())

    for row in people.values("agency").annotate(
        democracy=Count("pk", filter=Q(is_democracy_officer=True)),
        inspection=Count("pk", filter=Q(is_inspection_member=True)),
    ):
        of(row["agency"]).democracy_officers = row["democracy"]
        of(row["agency"]).inspection_members = row["inspection"]
    completed = Enrolment.objects.completed().filter(pk__in=enrolments.values("pk")).values("pk")
    for row in enrolments.values("agency", "target_group").annotate(
        enrolled=Count("pk"), completed=Count("pk", filter=Q(pk__in=completed))
    ):
        of(row["agency"]).enrolled[row["target_group"]] = row["enrolled"]
        of(row["agency"]).completed[row["target_group"]] = row["completed"]
    marks = Attendance.objects.filter(enrolment__in=enrolments).values("enrolment__agency")
    for row in marks.annotate(marks=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED_MARKS))):
        of(row["enrolment__agency"]).marks = row["marks"]
        of(row["enrolment__agency"]).attended = row["attended"]
    return figures


def _agency_names(agency: Agency | None) -> dict[int, str]:
    """Active agencies in display order (dicts keep it), narrowed to one agency when asked."""
    agencies = Agency.objects.active()
    if agency is not None:
        agencies = agencies.filter(pk=agency.pk)
    return {
        pk: short_name or name for pk, short_name, name in agencies.values_list("pk", "short_name", "name")
    }


def _trainee_indicators(totals: AgencyFigures) -> list[Indicator]:
    unit = _("trainees")
    enrolled_labels = {
        TargetGroup.DEMOCRACY: _("Enrolled: staff assigned to democracy work"),
        TargetGroup.INSPECTION: _("Enrolled: People's Inspection Board members"),
        TargetGroup.OTHER: _("Enrolled: other officials"),
    }
    completed_labels = {
        TargetGroup.DEMOCRACY: _("Completed: staff assigned to democracy work"),
        TargetGroup.INSPECTION: _("Completed: People's Inspection Board members"),
        TargetGroup.OTHER: _("Completed: other officials"),
    }
    return [
        Indicator(_("Trainees enrolled (confirmed)"), totals.enrolled.total(), unit),
        *(Indicator(label, totals.enrolled[group], unit) for group, label in enrolled_labels.items()),
        Indicator(_("Trainees who completed the class"), totals.completed.total(), unit),
        *(Indicator(label, totals.completed[group], unit) for group, label in completed_labels.items()),
    ]


def _province_coverage(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> Indicator:
    trained = sum(1 for pk in names if pk in by_agency and by_agency[pk].completed.total())
    return Indicator(_("Active agencies with at least one trained person"), percent(trained, len(names)), "%")


def _agency_coverage(classes: QuerySet[TrainingClass], agency: Agency) -> Indicator:
    """How many of the agency's democracy officers and Inspection Board members completed a class."""
    completed = Enrolment.objects.completed().filter(training_class__in=classes, agency=agency)
    counts = Person.objects.filter(FLAGGED, agency=agency, is_active=True).aggregate(
        total=Count("pk"), trained=Count("pk", filter=Q(pk__in=completed.values("person")))
    )
    return Indicator(
        _("Staff assigned to democracy work and Inspection Board members trained"),
        counts["trained"],
        _("trainees"),
        target=counts["total"] or None,
    )


def _agency_table(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> Table:
    rows = tuple(
        TableRow(
            pk,
            name,
            (
                figures.democracy_officers,
                figures.inspection_members,
                figures.enrolled.total(),
                figures.completed.total(),
                figures.attendance_rate,
            ),
        )
        for pk, name in names.items()
        if (figures := by_agency.get(pk)) and figures.has_people_or_trainees
    )
    columns = (
        _("Assigned to democracy work"),
        _("Inspection Board members"),
        _("Enrolled trainees"),
        _("Trainees who completed"),
        _("Attendance rate (%)"),
    )
    return Table(title=_("Training by agency"), columns=columns, rows=rows)
