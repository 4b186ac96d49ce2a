"""Figures of Art. 1 §3 (trách nhiệm của cơ quan, đơn vị và người đứng đầu) for the dashboard and the report.

A period counts:
- disclosures made within it, and the agencies that disclosed every required category in its year;
- consultations of staff begun within it;
- the staff conferences held in its year on the year before (Art. 51: by the end of March), on time and with
  a quorum;
- the People's Inspection Boards in term on its last day, with at least three members;
- petitions received within it, those answered (on time or not), those still open past their deadline, and
  the median number of days from receipt to answer;
- the ranking of its year's evaluation (§3c) once Home Affairs has locked it: how many agencies reached
  each level, and each agency's score and levels.
Every figure comes from a fixed handful of grouped queries, whatever the number of agencies or petitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.evaluation_figures import ranking_figures
from accountability.models import (
    BoardMember,
    Consultation,
    Disclosure,
    DisclosureCategory,
    InspectionBoard,
    Petition,
    StaffConference,
)
from accountability.models.board import MIN_MEMBERS
from accountability.models.petitions import OPEN_STATUSES
from dancoso.agencies.models import Agency
from dancoso.core.numbers import PERCENT, percent
from dancoso.indicators import Column, Figures, Indicator, Section, Shortfall, Table, TableRow, agency_names
from dancoso.periods import Period

ARTICLE = (1, 3)
KEY = "accountability"


@dataclass
class AgencyFigures:
    disclosures: int = 0
    categories: int = 0
    consultations: int = 0
    conference: str = ""  # "", "on_time", "late", "no_quorum"
    board: str = ""  # "", "in_term", "too_small"
    received: int = 0
    answered: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def has_any(self) -> bool:
        return bool(self.disclosures or self.consultations or self.conference or self.board or self.received)


def _within(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _by_agency(period: Period, agency: Agency | None, required: set[int]) -> dict[Any, AgencyFigures]:
    """Each agency's figures, from six grouped queries."""
    mine = {"agency": agency} if agency is not None else {}
    figures: dict[Any, AgencyFigures] = {}

    def of(agency_id: Any) -> AgencyFigures:
        return figures.setdefault(agency_id, AgencyFigures())

    disclosed = Disclosure.objects.filter(_within("disclosed_on", period), **mine)
    for row in disclosed.order_by().values("agency").annotate(n=Count("pk")):
        of(row["agency"]).disclosures = row["n"]
    covered = Disclosure.objects.filter(year=period.year, category__in=required, **mine)
    for row in covered.order_by().values("agency").annotate(n=Count("category", distinct=True)):
        of(row["agency"]).categories = row["n"]
    consulted = Consultation.objects.filter(_within("started_on", period), **mine)
    for row in consulted.order_by().values("agency").annotate(n=Count("pk")):
        of(row["agency"]).consultations = row["n"]
    year = period.year - 1
    for conference in StaffConference.objects.filter(year=year, **mine).only(
        "agency", "held_on", "summoned", "present", "year"
    ):
        verdict = "no_quorum" if not conference.has_quorum else "late" if conference.is_late else "on_time"
        of(conference.agency_id).conference = verdict
    _boards(period, mine, of)
    _petitions(period, mine, of)
    return figures


def _boards(period: Period, mine: dict, of: Any) -> None:
    boards = InspectionBoard.objects.filter(term_start__lte=period.end, term_end__gte=period.end, **mine)
    members = BoardMember.objects.filter(board__in=boards)
    sizes = dict(members.order_by().values("board").annotate(n=Count("pk")).values_list("board", "n"))
    for board_id, agency_id in boards.values_list("pk", "agency"):
        current = of(agency_id)
        if current.board != "in_term":
            current.board = "in_term" if sizes.get(board_id, 0) >= MIN_MEMBERS else "too_small"


def _petitions(period: Period, mine: dict, of: Any) -> None:
    as_of = min(timezone.localdate(), period.end)
    received = Petition.objects.filter(_within("received_on", period), **mine).exclude(agency=None)
    rows = (
        received.order_by()
        .values("agency")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(answered_on__isnull=False)),
            on_time=Count("pk", filter=Q(answered_in_time=True)),
        )
    )
    for row in rows:
        current = of(row["agency"])
        current.received, current.answered, current.on_time = row["received"], row["answered"], row["on_time"]
    late = Petition.objects.filter(
        status__in=OPEN_STATUSES, deadline__lt=as_of, received_on__lte=period.end, **mine
    )
    for row in late.order_by().values("agency").annotate(n=Count("pk")):
        of(row["agency"]).overdue = row["n"]


def _median_days(period: Period, agency: Agency | None) -> Decimal | None:
    answered = Petition.objects.filter(_within("received_on", period), answered_on__isnull=False)
    if agency is not None:
        answered = answered.filter(agency=agency)
    days = [(answer - receipt).days for receipt, answer in answered.values_list("received_on", "answered_on")]
    return Decimal(str(median(days))) if days else None


def _required() -> set[int]:
    return set(DisclosureCategory.objects.filter(is_required=True).values_list("pk", flat=True))


def section(period: Period, agency: Agency | None = None) -> Section:
    required = _required()
    by_agency = _by_agency(period, agency, required)
    names = agency_names(agency)
    empty = Section(
        key=KEY,
        title=_("Accountability of agencies and their heads"),
        article=_("Art. 1 §3"),
        tables=(_table({}, {}, len(required)),),
    )
    ranked = ranking_figures(period, agency)
    if not any(figures.has_any for figures in by_agency.values()) and ranked is None:
        return empty
    active = {pk: by_agency.get(pk, AgencyFigures()) for pk in names}
    indicators = _indicators(active, len(required), _median_days(period, agency), province=agency is None)
    shortfalls = _shortfalls(active, names, len(required)) if agency is None else ()
    section = Section(
        key=KEY,
        title=empty.title,
        article=empty.article,
        indicators=indicators,
        tables=(_table(by_agency, names, len(required)),),
        shortfalls=shortfalls,
    )
    return ranked.added_to(section) if ranked is not None else section


def agency_figures(period: Period) -> Figures:
    """Every active agency's values of the indicators its own section shows."""
    required = _required()
    by_agency = _by_agency(period, None, required)
    if not any(figures.has_any for figures in by_agency.values()):
        return {}
    result: Figures = {}
    for pk in agency_names(None):
        figures = by_agency.get(pk, AgencyFigures())
        for indicator in _indicators({pk: figures}, len(required), None, province=False):
            if indicator.key != "accountability.petitions_median_days":
                result.setdefault(indicator.key, {})[pk] = indicator.value
    return result


def _indicators(
    active: dict[int, AgencyFigures], required: int, median_days: Decimal | None, *, province: bool
) -> tuple[Indicator, ...]:
    rows = list(active.values())
    agencies = len(rows) or None
    unit = _("agencies") if province else ""
    received = sum(row.received for row in rows)
    answered = sum(row.answered for row in rows)
    on_time = sum(row.on_time for row in rows)
    complete = sum(1 for row in rows if required and row.categories >= required)
    held = sum(1 for row in rows if row.conference)
    valid = sum(1 for row in rows if row.conference == "on_time")
    in_term = sum(1 for row in rows if row.board == "in_term")
    petitions = _("petitions")
    return (
        Indicator(
            "accountability.disclosures",
            _("Disclosures to staff"),
            sum(r.disclosures for r in rows),
            _("disclosures"),
        ),
        Indicator(
            "accountability.agencies_disclosed_all",
            _("Agencies that disclosed every required category"),
            complete,
            unit,
            agencies,
        ),
        Indicator(
            "accountability.consultations",
            _("Consultations of staff"),
            sum(r.consultations for r in rows),
            _("matters"),
        ),
        Indicator(
            "accountability.conferences_held",
            _("Agencies that held the yearly staff conference"),
            held,
            unit,
            agencies,
        ),
        Indicator(
            "accountability.conferences_valid",
            _("Staff conferences held on time and with a quorum"),
            valid,
            unit,
            agencies,
        ),
        Indicator(
            "accountability.boards_in_term",
            _("People's Inspection Boards in term with at least 3 members"),
            in_term,
            unit,
            agencies,
        ),
        Indicator(
            "accountability.petitions_received", _("Petitions and feedback received"), received, petitions
        ),
        Indicator(
            "accountability.petitions_answered",
            _("Petitions answered"),
            answered,
            petitions,
            received or None,
        ),
        Indicator(
            "accountability.petitions_on_time",
            _("Petitions answered on time"),
            on_time,
            petitions,
            answered or None,
        ),
        Indicator(
            "accountability.petitions_on_time_percent",
            _("Share of answers given on time"),
            percent(on_time, answered),
            PERCENT,
        ),
        Indicator(
            "accountability.petitions_received_on_time_percent",
            _("Share of petitions received that were answered on time"),
            percent(on_time, received),
            PERCENT,
        ),
        Indicator(
            "accountability.petitions_overdue",
            _("Petitions open past their deadline"),
            sum(r.overdue for r in rows),
            petitions,
        ),
        Indicator(
            "accountability.petitions_median_days",
            _("Median days from receipt to answer"),
            median_days,
            _("days"),
        ),
    )


def _shortfalls(
    active: dict[int, AgencyFigures], names: dict[int, str], required: int
) -> tuple[Shortfall, ...]:
    def named(test: Any) -> tuple[str, ...]:
        return tuple(names[pk] for pk, row in active.items() if test(row))

    return (
        Shortfall(
            "accountability.agencies_with_disclosure_gaps",
            _("agencies that have not disclosed every required category"),
            named(lambda row: row.categories < required),
        ),
        Shortfall(
            "accountability.agencies_without_valid_conference",
            _("agencies without a staff conference held on time and with a quorum"),
            named(lambda row: row.conference != "on_time"),
        ),
        Shortfall(
            "accountability.agencies_without_board",
            _("agencies without a People's Inspection Board in term"),
            named(lambda row: row.board != "in_term"),
        ),
        Shortfall(
            "accountability.agencies_with_overdue_petitions",
            _("agencies with petitions past their deadline"),
            named(lambda row: row.overdue > 0),
        ),
    )


CONFERENCE_LABELS = {
    "": gettext_lazy("Not held"),
    "on_time": gettext_lazy("On time, with quorum"),
    "late": gettext_lazy("Late"),
    "no_quorum": gettext_lazy("Without quorum"),
}
BOARD_LABELS = {
    "": gettext_lazy("None in term"),
    "in_term": gettext_lazy("In term"),
    "too_small": gettext_lazy("Under 3 members"),
}
TABLE_COLUMNS = (
    ("disclosures", gettext_lazy("Disclosures"), gettext_lazy("disclosures")),
    ("categories", gettext_lazy("Required categories disclosed"), ""),
    ("consultations", gettext_lazy("Consultations"), gettext_lazy("matters")),
    ("conference", gettext_lazy("Staff conference"), ""),
    ("board", gettext_lazy("People's Inspection Board"), ""),
    ("received", gettext_lazy("Petitions received"), gettext_lazy("petitions")),
    ("answered", gettext_lazy("Answered"), gettext_lazy("petitions")),
    ("on_time", gettext_lazy("Answered on time"), gettext_lazy("petitions")),
    ("overdue", gettext_lazy("Overdue"), gettext_lazy("petitions")),
)


def _table(by_agency: dict[Any, AgencyFigures], names: dict[int, str], required: int) -> Table:
    # Every active agency has a row: one that did nothing is the gap the table must show.
    rows = tuple(_row(pk, name, by_agency.get(pk) or AgencyFigures(), required) for pk, name in names.items())
    columns = tuple(Column(key, str(label), str(unit)) for key, label, unit in TABLE_COLUMNS)
    return Table(key="by_agency", title=_("Accountability by agency"), columns=columns, rows=rows)


def _row(pk: int, name: str, figures: AgencyFigures, required: int) -> TableRow:
    cells = (
        figures.disclosures,
        f"{figures.categories}/{required}",
        figures.consultations,
        str(CONFERENCE_LABELS[figures.conference]),
        str(BOARD_LABELS[figures.board]),
        figures.received,
        figures.answered,
        figures.on_time,
        figures.overdue,
    )
    return TableRow(pk, name, cells)
