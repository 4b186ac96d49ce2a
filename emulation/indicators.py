"""Figures of Art. 1 §4 (thi đua, khen thưởng; xử lý vi phạm) for the dashboard, the scorecard and the report.

A period counts:
- the pledges sent or approved to the movement of its year, against the active agencies;
- the exemplary models recognised within it (and how many honour a prestigious person);
- the quota places allocated for its year and those held by the year's nominations;
- the nominations submitted within it and those decided within it, per agency and per form of commendation;
- the violations found within it, and those handled within it (by form of handling).
Every figure comes from a fixed handful of grouped queries, whatever the number of agencies or records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dancoso.agencies.models import Agency
from dancoso.core.numbers import PERCENT, percent
from dancoso.indicators import Column, Figures, Indicator, Section, Shortfall, Table, TableRow, agency_names
from dancoso.periods import Period
from emulation.models import (
    Award,
    Exemplar,
    ExemplarStatus,
    Nomination,
    NominationStatus,
    Pledge,
    PledgeStatus,
    Quota,
    Violation,
    ViolationStatus,
)
from emulation.models.campaign import RECEIVED_PLEDGE
from emulation.models.commendation import HOLDING_PLACE

ARTICLE = (1, 4)
KEY = "emulation"


@dataclass
class AgencyFigures:
    pledge: str = ""
    exemplars: int = 0
    prestigious: int = 0
    places: int = 0
    held: int = 0
    submitted: int = 0
    decided: int = 0
    found: int = 0
    handled: int = 0

    @property
    def pledged(self) -> bool:
        return self.pledge in RECEIVED_PLEDGE

    @property
    def has_any(self) -> bool:
        # A decision or a held place may be the period's only record: a nomination submitted before
        # 15 December is often decided after it.
        return bool(self.pledge) or any(
            (self.exemplars, self.places, self.held, self.submitted, self.decided, self.found, self.handled)
        )


def _within(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _by_agency(period: Period, agency: Agency | None) -> dict[Any, AgencyFigures]:
    """Each agency's figures, from six grouped queries."""
    mine = {"agency": agency} if agency is not None else {}
    figures: dict[Any, AgencyFigures] = {}

    def of(agency_id: Any) -> AgencyFigures:
        return figures.setdefault(agency_id, AgencyFigures())

    for agency_id, status in Pledge.objects.filter(campaign__year=period.year, **mine).values_list(
        "agency", "status"
    ):
        of(agency_id).pledge = status
    recognised = Exemplar.objects.filter(_within("recognised_on", period), status=ExemplarStatus.RECOGNISED)
    for row in (
        recognised.filter(**mine)
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"), prestigious=Count("pk", filter=Q(is_prestigious=True)))
    ):
        of(row["agency"]).exemplars, of(row["agency"]).prestigious = row["n"], row["prestigious"]
    quotas = Quota.objects.filter(year=period.year, **mine).order_by().values("agency")
    for row in quotas.annotate(places=Sum("places")):
        of(row["agency"]).places = row["places"]
    held = Nomination.objects.filter(year=period.year, status__in=HOLDING_PLACE, **mine).order_by()
    for row in held.values("agency").annotate(n=Count("pk")):
        of(row["agency"]).held = row["n"]
    _nominations(period, mine, of)
    _violations(period, mine, of)
    return figures


def _submitted(period: Period) -> Q:
    return Q(submitted_at__date__gte=period.start, submitted_at__date__lte=period.end) & ~Q(
        status=NominationStatus.DRAFT
    )


def _decided(period: Period) -> Q:
    return _within("decision_date", period) & Q(status=NominationStatus.DECIDED)


def _nominations(period: Period, mine: dict, of: Any) -> None:
    submitted, decided = _submitted(period), _decided(period)
    rows = (
        Nomination.objects.filter(submitted | decided, **mine)
        .order_by()
        .values("agency")
        .annotate(submitted=Count("pk", filter=submitted), decided=Count("pk", filter=decided))
    )
    for row in rows:
        of(row["agency"]).submitted, of(row["agency"]).decided = row["submitted"], row["decided"]


def _handled(period: Period) -> Q:
    return _within("decision_date", period) & Q(status=ViolationStatus.HANDLED)


def _violations(period: Period, mine: dict, of: Any) -> None:
    found, handled = _within("found_on", period), _handled(period)
    rows = (
        Violation.objects.filter(found | handled, **mine)
        .order_by()
        .values("agency")
        .annotate(found=Count("pk", filter=found), handled=Count("pk", filter=handled))
    )
    for row in rows:
        of(row["agency"]).found, of(row["agency"]).handled = row["found"], row["handled"]


def section(period: Period, agency: Agency | None = None) -> Section:
    by_agency = _by_agency(period, agency)
    names = agency_names(agency)
    empty = Section(
        key=KEY,
        title=_("Emulation, commendation and the handling of violations"),
        article=_("Art. 1 §4"),
        tables=(_agency_table({}, {}),),
    )
    if not any(figures.has_any for figures in by_agency.values()):
        return empty
    active = {pk: by_agency.get(pk, AgencyFigures()) for pk in names}
    # Handling counts every violation of the agencies in view, active or retired since.
    handling = _by_handling(period, agency)
    return Section(
        key=KEY,
        title=empty.title,
        article=empty.article,
        indicators=_indicators(active, province=agency is None),
        tables=(_agency_table(by_agency, names), _award_table(period, agency), _handling_table(handling)),
        shortfalls=_shortfalls(active, names) if agency is None else (),
    )


def agency_figures(period: Period) -> Figures:
    """Every active agency's values of the indicators its own section shows."""
    by_agency = _by_agency(period, None)
    if not any(figures.has_any for figures in by_agency.values()):
        return {}
    result: Figures = {}
    for pk in agency_names(None):
        for indicator in _indicators({pk: by_agency.get(pk, AgencyFigures())}, province=False):
            result.setdefault(indicator.key, {})[pk] = indicator.value
    return result


def _indicators(active: dict[int, AgencyFigures], *, province: bool) -> tuple[Indicator, ...]:
    rows = list(active.values())
    agencies = len(rows) or None
    pledged = sum(1 for row in rows if row.pledged)
    places = sum(row.places for row in rows)
    held = sum(row.held for row in rows)
    unit = _("agencies") if province else ""
    nominations = _("cases")
    return (
        Indicator(
            "emulation.pledges_received", _("Agencies that sent their pledge"), pledged, unit, agencies
        ),
        Indicator(
            "emulation.pledge_rate", _("Share of agencies that pledged"), percent(pledged, agencies), PERCENT
        ),
        Indicator(
            "emulation.exemplars_recognised",
            _("Exemplary models recognised"),
            sum(row.exemplars for row in rows),
            _("models"),
        ),
        Indicator(
            "emulation.prestigious_recognised",
            _("Of which prestigious persons"),
            sum(row.prestigious for row in rows),
            _("persons"),
        ),
        Indicator("emulation.quota_places", _("Commendation places allocated"), places, _("places")),
        Indicator("emulation.quota_used", _("Places held by nominations"), held, _("places")),
        Indicator(
            "emulation.nominations_submitted",
            _("Nominations submitted"),
            sum(row.submitted for row in rows),
            nominations,
        ),
        Indicator(
            "emulation.nominations_decided",
            _("Commendations decided"),
            sum(row.decided for row in rows),
            nominations,
        ),
        Indicator(
            "emulation.violations_found",
            _("Violations found"),
            sum(row.found for row in rows),
            _("violations"),
        ),
        Indicator(
            "emulation.violations_handled",
            _("Violations handled"),
            sum(row.handled for row in rows),
            _("violations"),
        ),
    )


def _shortfalls(active: dict[int, AgencyFigures], names: dict[int, str]) -> tuple[Shortfall, ...]:
    def named(test: Any) -> tuple[str, ...]:
        return tuple(names[pk] for pk, row in active.items() if test(row))

    return (
        Shortfall(
            "emulation.agencies_without_pledge",
            _("agencies that have not sent their emulation pledge"),
            named(lambda row: not row.pledged),
        ),
        Shortfall(
            "emulation.agencies_with_violations",
            _("agencies with violations of the democracy rules handled"),
            named(lambda row: row.handled > 0),
        ),
    )


PLEDGE_LABELS = {"": gettext_lazy("Not sent"), **dict(PledgeStatus.choices)}
AGENCY_COLUMNS = (
    ("pledge", gettext_lazy("Pledge"), ""),
    ("exemplars", gettext_lazy("Models recognised"), gettext_lazy("models")),
    ("places", gettext_lazy("Places allocated"), gettext_lazy("places")),
    ("held", gettext_lazy("Places held"), gettext_lazy("places")),
    ("submitted", gettext_lazy("Nominations submitted"), gettext_lazy("cases")),
    ("decided", gettext_lazy("Commendations decided"), gettext_lazy("cases")),
    ("found", gettext_lazy("Violations found"), gettext_lazy("violations")),
    ("handled", gettext_lazy("Violations handled"), gettext_lazy("violations")),
)


def _columns(spec: tuple[tuple[str, Any, Any], ...]) -> tuple[Column, ...]:
    return tuple(Column(key, str(label), str(unit)) for key, label, unit in spec)


def _agency_table(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> Table:
    # Every active agency has a row: one that did nothing is the gap the table must show.
    rows = tuple(
        TableRow(pk, name, _cells(by_agency.get(pk) or AgencyFigures())) for pk, name in names.items()
    )
    return Table("by_agency", _("Emulation and commendation by agency"), _columns(AGENCY_COLUMNS), rows)


def _cells(figures: AgencyFigures) -> tuple[Any, ...]:
    return (
        str(PLEDGE_LABELS.get(figures.pledge, "")),
        figures.exemplars,
        figures.places,
        figures.held,
        figures.submitted,
        figures.decided,
        figures.found,
        figures.handled,
    )


AWARD_COLUMNS = (
    ("places", gettext_lazy("Places allocated"), gettext_lazy("places")),
    ("submitted", gettext_lazy("Nominations submitted"), gettext_lazy("cases")),
    ("approved", gettext_lazy("Approved by the council"), gettext_lazy("cases")),
    ("decided", gettext_lazy("Commendations decided"), gettext_lazy("cases")),
)


def _award_table(period: Period, agency: Agency | None) -> Table:
    """Per form of commendation: places allocated, nominations submitted, approved and decided."""
    mine = {"agency": agency} if agency is not None else {}
    places = dict(
        Quota.objects.filter(year=period.year, **mine)
        .order_by()
        .values("award")
        .annotate(n=Sum("places"))
        .values_list("award", "n")
    )
    submitted, decided = _submitted(period), _decided(period)
    approved = submitted & Q(status__in=(NominationStatus.APPROVED, NominationStatus.DECIDED))
    counts = {
        row["award"]: row
        for row in Nomination.objects.filter(submitted | decided, **mine)
        .order_by()
        .values("award")
        .annotate(
            submitted=Count("pk", filter=submitted),
            approved=Count("pk", filter=approved),
            decided=Count("pk", filter=decided),
        )
    }
    rows = []
    for award in Award.objects.filter(pk__in={*places, *counts}).order_by("display_order", "name"):
        row = counts.get(award.pk, {})
        cells = (
            places.get(award.pk, 0),
            row.get("submitted", 0),
            row.get("approved", 0),
            row.get("decided", 0),
        )
        rows.append(TableRow(None, award.name, cells))
    return Table(
        "by_award",
        _("Commendation by form"),
        _columns(AWARD_COLUMNS),
        tuple(rows),
        row_heading=_("Form of commendation"),
    )


def _by_handling(period: Period, agency: Agency | None) -> list[tuple[str, int]]:
    """The violations handled within the period by form of handling, in the catalogue's order."""
    handled = Violation.objects.filter(_handled(period))
    if agency is not None:
        handled = handled.filter(agency=agency)
    rows = (
        handled.order_by("handling__display_order", "handling__name")
        .values("handling__display_order", "handling__name")
        .annotate(n=Count("pk"))
    )
    return [(row["handling__name"], row["n"]) for row in rows]


def _handling_table(handling: list[tuple[str, int]]) -> Table:
    rows = tuple(TableRow(None, name, (count,)) for name, count in handling)
    columns = (Column("handled", _("Violations handled"), _("violations")),)
    return Table(
        "by_handling", _("Violations handled by form"), columns, rows, row_heading=_("Form of handling")
    )
