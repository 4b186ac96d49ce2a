"""Figures of Art. 1 §5 (ứng dụng công nghệ thông tin, chuyển đổi số) for the dashboard and the report.

A period counts the systems whose project had started by its last day, by status and purpose, those used
by citizens or businesses, the average progress of those still being built (each as its latest milestone on
the period's last day), and the milestones reached within it. Four queries, whatever the number of systems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dancoso.agencies.models import Agency
from dancoso.core.numbers import PERCENT
from dancoso.indicators import Column, Figures, Indicator, Section, Shortfall, Table, TableRow, agency_names
from dancoso.periods import Period
from digital.models import BEING_BUILT, Milestone, Purpose, System, SystemStatus
from digital.selectors import progress_of

ARTICLE = (1, 5)
KEY = "digital"


@dataclass
class AgencyFigures:
    systems: int = 0
    built: int = 0
    running: int = 0
    public: int = 0
    milestones: int = 0
    progress: list[int] = field(default_factory=list)

    @property
    def average_progress(self) -> Decimal | None:
        return _average(self.progress)


def _average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _systems(period: Period, agency: Agency | None) -> Any:
    systems = System.objects.filter(started_on__lte=period.end)
    return systems.filter(agency=agency) if agency is not None else systems


def _by_agency(period: Period, agency: Agency | None) -> dict[Any, AgencyFigures]:
    figures: dict[Any, AgencyFigures] = {}
    rows = (
        _systems(period, agency)
        .annotate(progress=progress_of(on=period.end))
        .values_list("agency", "status", "for_citizens", "for_businesses", "progress")
    )
    for agency_id, status, citizens, businesses, progress in rows:
        current = figures.setdefault(agency_id, AgencyFigures())
        current.systems += 1
        current.running += status == SystemStatus.STABLE
        current.public += bool(citizens or businesses)
        if status in BEING_BUILT:
            current.built += 1
            if progress is not None:
                current.progress.append(progress)
    reached = Milestone.objects.filter(reached_on__gte=period.start, reached_on__lte=period.end)
    if agency is not None:
        reached = reached.filter(system__agency=agency)
    for row in reached.order_by().values("system__agency").annotate(n=Count("pk")):
        figures.setdefault(row["system__agency"], AgencyFigures()).milestones = row["n"]
    return figures


def section(period: Period, agency: Agency | None = None) -> Section:
    by_agency = _by_agency(period, agency)
    names = agency_names(agency)
    empty = Section(
        key=KEY,
        title=_("Information technology and digital transformation"),
        article=_("Art. 1 §5"),
        tables=(_agency_table({}, {}),),
    )
    if not by_agency:
        return empty
    return Section(
        key=KEY,
        title=empty.title,
        article=empty.article,
        indicators=_indicators(list(by_agency.values())),
        tables=(_agency_table(by_agency, names), _purpose_table(period, agency)),
        shortfalls=_shortfalls(by_agency, names) if agency is None else (),
    )


def agency_figures(period: Period) -> Figures:
    """Every active agency's values of the indicators its own section shows."""
    by_agency = _by_agency(period, None)
    if not by_agency:
        return {}
    result: Figures = {}
    for pk in agency_names(None):
        for indicator in _indicators([by_agency.get(pk, AgencyFigures())]):
            result.setdefault(indicator.key, {})[pk] = indicator.value
    return result


def _indicators(rows: list[AgencyFigures]) -> tuple[Indicator, ...]:
    systems = _("systems")
    return (
        Indicator(
            "digital.systems", _("IT systems and platforms"), sum(row.systems for row in rows), systems
        ),
        Indicator("digital.systems_running", _("In operation"), sum(row.running for row in rows), systems),
        Indicator("digital.systems_being_built", _("Being built"), sum(row.built for row in rows), systems),
        Indicator(
            "digital.systems_public",
            _("Used by citizens or businesses"),
            sum(row.public for row in rows),
            systems,
        ),
        Indicator(
            "digital.average_progress",
            _("Average progress of the systems being built"),
            _average([value for row in rows for value in row.progress]),
            PERCENT,
        ),
        Indicator(
            "digital.milestones",
            _("Milestones reached"),
            sum(row.milestones for row in rows),
            _("milestones"),
        ),
    )


def _shortfalls(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> tuple[Shortfall, ...]:
    stalled = tuple(
        names[pk] for pk, row in by_agency.items() if pk in names and row.built and not row.milestones
    )
    return (
        Shortfall(
            "digital.agencies_with_stalled_systems",
            _("agencies whose systems being built reached no milestone"),
            stalled,
        ),
    )


AGENCY_COLUMNS = (
    ("systems", gettext_lazy("Systems"), gettext_lazy("systems")),
    ("running", gettext_lazy("In operation"), gettext_lazy("systems")),
    ("built", gettext_lazy("Being built"), gettext_lazy("systems")),
    ("public", gettext_lazy("Used by citizens or businesses"), gettext_lazy("systems")),
    ("average_progress", gettext_lazy("Average progress"), PERCENT),
    ("milestones", gettext_lazy("Milestones reached"), gettext_lazy("milestones")),
)


def _agency_table(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> Table:
    rows = []
    for pk, name in names.items():
        row = by_agency.get(pk) or AgencyFigures()
        cells = (row.systems, row.running, row.built, row.public, row.average_progress, row.milestones)
        rows.append(TableRow(pk, name, cells))
    columns = tuple(Column(key, str(label), str(unit)) for key, label, unit in AGENCY_COLUMNS)
    return Table("by_agency", _("IT systems by agency"), columns, tuple(rows))


def _purpose_table(period: Period, agency: Agency | None) -> Table:
    """Per purpose: the systems that serve it, those in operation and those being built."""
    systems = _systems(period, agency)
    counts = (
        Purpose.objects.order_by("display_order", "name")
        .annotate(
            total=Count("systems", filter=Q(systems__in=systems)),
            running=Count("systems", filter=Q(systems__in=systems, systems__status=SystemStatus.STABLE)),
            built=Count("systems", filter=Q(systems__in=systems, systems__status__in=BEING_BUILT)),
        )
        .values_list("name", "total", "running", "built")
    )
    rows = tuple(
        TableRow(None, name, (total, running, built)) for name, total, running, built in counts if total
    )
    columns = tuple(Column(key, str(label), str(unit)) for key, label, unit in AGENCY_COLUMNS[:3])
    return Table("by_purpose", _("IT systems by purpose"), columns, rows, row_heading=_("Purpose"))
