"""Figures of Art. 1 §1 (bồi dưỡng) for the dashboard, the agency scorecard and the yearly report.

A class belongs to the reporting period in which it starts (cancelled classes do not count). Every figure
comes from a handful of grouped queries, whatever the number of agencies, classes or trainees.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dancoso.agencies.models import Agency, Person
from dancoso.core.numbers import percent
from dancoso.indicators import (
    PERCENT,
    Column,
    Figures,
    Indicator,
    Section,
    Shortfall,
    Table,
    TableRow,
    agency_names,
)
from dancoso.periods import Period
from training.models import (
    CLASSES_PER_YEAR,
    ClassStatus,
    Enrolment,
    TargetGroup,
    TrainingClass,
)

ARTICLE = (1, 1)
KEY = "training"

# The attendance rate counts present and late marks as attending, whatever a class's completion rule says.
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
    # Active people assigned to democracy work or on the Inspection Board, and those of them who completed.
    officers: int = 0
    officers_trained: int = 0
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


GROUPS = (TargetGroup.DEMOCRACY, TargetGroup.INSPECTION, TargetGroup.OTHER)


def section(period: Period, agency: Agency | None = None) -> Section:
    classes = classes_in(period)
    class_count = classes.count()
    empty = _empty_section(class_count)
    # Without a class there is nothing to report; the section says so instead of showing rows of zeros.
    if class_count == 0:
        return empty
    by_agency = _figures_by_agency(classes, agency)
    names = agency_names(agency)
    if agency is None:
        totals = AgencyFigures()
        for figures in by_agency.values():
            totals.add(figures)
        indicators = (*_common_indicators(totals, class_count), *_province_indicators(by_agency, names))
    else:
        indicators = _agency_indicators(by_agency.get(agency.pk, AgencyFigures()), class_count)
    return replace(
        empty,
        indicators=indicators,
        tables=(_agency_table(by_agency, names),),
        shortfalls=(_untrained(by_agency, names),),
    )


def agency_figures(period: Period) -> Figures:
    """Every active agency's values of the indicators its own section shows, from the same grouped queries."""
    classes = classes_in(period)
    class_count = classes.count()
    if class_count == 0:
        return {}
    by_agency = _figures_by_agency(classes, None)
    result: Figures = {}
    for pk in agency_names(None):
        for indicator in _agency_indicators(by_agency.get(pk, AgencyFigures()), class_count):
            result.setdefault(indicator.key, {})[pk] = indicator.value
    return result


def _empty_section(class_count: int) -> Section:
    warning = class_count_warning(class_count)
    return Section(
        key=KEY,
        title=_("Training of officials in charge of democracy work and People's Inspection Board members"),
        article=_("Art. 1 §1"),
        warnings=(warning,) if warning else (),
        # The table's page exists every year; a year without a class shows it empty.
        tables=(_agency_table({}, {}),),
    )


def _figures_by_agency(classes: QuerySet[TrainingClass], agency: Agency | None) -> dict[Any, AgencyFigures]:
    """Counts per agency from two grouped queries: people, and enrolments with their stored mark counts."""
    enrolments = Enrolment.objects.confirmed().filter(training_class__in=classes).order_by()
    people = Person.objects.filter(FLAGGED, is_active=True)
    if agency is not None:
        enrolments = enrolments.filter(agency=agency)
        people = people.filter(agency=agency)
    done = enrolments.completed()
    completed = done.values("pk")
    figures: dict[Any, AgencyFigures] = {}

    def of(agency_id: Any) -> AgencyFigures:
        return figures.setdefault(agency_id, AgencyFigures())

    trained_people = done.values("person_id")
    for row in people.values("agency").annotate(
        democracy=Count("pk", filter=Q(is_democracy_officer=True)),
        inspection=Count("pk", filter=Q(is_inspection_member=True)),
        officers=Count("pk"),
        trained=Count("pk", filter=Q(pk__in=trained_people)),
    ):
        current = of(row["agency"])
        current.democracy_officers, current.inspection_members = row["democracy"], row["inspection"]
        current.officers, current.officers_trained = row["officers"], row["trained"]
    for row in enrolments.values("agency", "target_group").annotate(
        enrolled=Count("pk"),
        completed=Count("pk", filter=Q(pk__in=completed)),
        attended=Sum(F("marks_present") + F("marks_late")),
        marks=Sum(F("marks_present") + F("marks_late") + F("marks_excused") + F("marks_absent")),
    ):
        current = of(row["agency"])
        current.enrolled[row["target_group"]] = row["enrolled"]
        current.completed[row["target_group"]] = row["completed"]
        current.attended += row["attended"] or 0
        current.marks += row["marks"] or 0
    return figures


def _common_indicators(figures: AgencyFigures, class_count: int) -> tuple[Indicator, ...]:
    """The indicators of the province's section and of each agency's, in the same order.

    Labels read as officials write them in a report: what is counted, and for a rate, over what.
    """
    unit = _("trainees")
    enrolled_labels = {
        TargetGroup.DEMOCRACY: _("of whom staff assigned to democracy work"),
        TargetGroup.INSPECTION: _("of whom People's Inspection Board members"),
        TargetGroup.OTHER: _("of whom other officials"),
    }
    completed_labels = {
        TargetGroup.DEMOCRACY: _("of whom staff assigned to democracy work (completed)"),
        TargetGroup.INSPECTION: _("of whom People's Inspection Board members (completed)"),
        TargetGroup.OTHER: _("of whom other officials (completed)"),
    }
    return (
        Indicator(
            "training.classes",
            _("Training classes held in the year"),
            class_count,
            _("classes"),
            target=CLASSES_PER_YEAR[0],
        ),
        Indicator("training.trainees_enrolled", _("Trainees taking part"), figures.enrolled.total(), unit),
        *(
            Indicator(f"training.enrolled_{group}", enrolled_labels[group], figures.enrolled[group], unit)
            for group in GROUPS
        ),
        Indicator(
            "training.trainees_completed",
            _("Trainees who completed the programme"),
            figures.completed.total(),
            unit,
        ),
        *(
            Indicator(f"training.completed_{group}", completed_labels[group], figures.completed[group], unit)
            for group in GROUPS
        ),
        Indicator(
            "training.attendance_rate",
            _("Attendance rate (sessions attended over sessions marked)"),
            figures.attendance_rate,
            PERCENT,
        ),
    )


def _officers_trained(officers: int, trained: int) -> Indicator:
    return Indicator(
        "training.officers_trained",
        _("Staff assigned to democracy work and Inspection Board members trained"),
        trained,
        _("persons"),
        target=officers or None,
    )


def _agency_indicators(figures: AgencyFigures, class_count: int) -> tuple[Indicator, ...]:
    """One agency's indicators: the common ones, then how many of its officers were trained."""
    return (
        *_common_indicators(figures, class_count),
        _officers_trained(figures.officers, figures.officers_trained),
    )


def _untrained(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> Shortfall:
    """Agencies with people to train of whom none was trained: the gap the report names."""
    agencies = tuple(
        name
        for pk, name in names.items()
        if (figures := by_agency.get(pk)) and figures.officers and not figures.officers_trained
    )
    label = _(
        "agencies with staff assigned to democracy work or Inspection Board members of whom none was trained"
    )
    return Shortfall("training.untrained_agencies", label, agencies)


def _province_indicators(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> tuple[Indicator, ...]:
    """How many of the province's officers were trained, and in how many of the agencies that have any.

    The coverage rate counts over the agencies with at least one person to train (assigned to democracy
    work or on the Inspection Board): the same agencies the appendix table lists with such people, and the
    same rule as the coverage page ("nobody trained" where someone could have been).
    """
    active = [by_agency[pk] for pk in names if pk in by_agency]
    with_officers = [figures for figures in active if figures.officers]
    trained = sum(1 for figures in with_officers if figures.officers_trained)
    agencies = _("agencies")
    return (
        _officers_trained(
            sum(figures.officers for figures in active), sum(figures.officers_trained for figures in active)
        ),
        Indicator(
            "training.agencies_with_officers",
            _("Agencies with staff assigned to democracy work or Inspection Board members"),
            len(with_officers),
            agencies,
        ),
        Indicator(
            "training.agencies_trained",
            _("Of these, agencies with at least one of them trained"),
            trained,
            agencies,
        ),
        Indicator(
            "training.agencies_trained_percent",
            _("Share of those agencies with at least one of them trained"),
            percent(trained, len(with_officers)),
            PERCENT,
        ),
    )


TABLE_COLUMNS = (
    ("democracy_officers", gettext_lazy("Assigned to democracy work"), gettext_lazy("persons")),
    ("inspection_members", gettext_lazy("Inspection Board members"), gettext_lazy("persons")),
    ("officers_trained", gettext_lazy("Of them, trained"), gettext_lazy("persons")),
    ("enrolled", gettext_lazy("Trainees taking part"), gettext_lazy("persons")),
    ("completed", gettext_lazy("Trainees who completed"), gettext_lazy("persons")),
    ("attendance_rate", gettext_lazy("Attendance rate (%)"), PERCENT),
)


def _agency_table(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> Table:
    rows = tuple(
        TableRow(
            pk,
            name,
            (
                figures.democracy_officers,
                figures.inspection_members,
                figures.officers_trained,
                figures.enrolled.total(),
                figures.completed.total(),
                figures.attendance_rate,
            ),
        )
        for pk, name in names.items()
        if (figures := by_agency.get(pk)) and figures.has_people_or_trainees
    )
    columns = tuple(Column(key, str(label), str(unit)) for key, label, unit in TABLE_COLUMNS)
    return Table(key="by_agency", title=_("Training by agency"), columns=columns, rows=rows)
