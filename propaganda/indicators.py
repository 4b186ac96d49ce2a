"""Figures of Art. 1 §2 (tuyên truyền, phổ biến pháp luật) for the dashboard, the scorecard and the report.

A period counts the agencies' plans of its year, the activities of those plans that were held, the postings
made within it and the documents first published on the portal within it. Every figure comes from four
grouped queries, whatever the number of agencies, plans or postings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dancoso.agencies.models import Agency
from dancoso.core.numbers import PERCENT, percent
from dancoso.indicators import Column, Figures, Indicator, Section, Shortfall, Table, TableRow, agency_names
from dancoso.periods import Period
from propaganda.models import (
    SOCIAL_KINDS,
    ChannelKind,
    DisseminationPlan,
    LegalDocument,
    PlanActivity,
    PlanStatus,
    Posting,
)

ARTICLE = (1, 2)
KEY = "propaganda"

APPROVED = (PlanStatus.APPROVED, PlanStatus.DONE)


@dataclass
class AgencyFigures:
    plan_status: str = ""
    planned: int = 0
    held: int = 0
    participants: int = 0
    postings: Counter = field(default_factory=Counter)
    reached: Counter = field(default_factory=Counter)

    @property
    def has_plan(self) -> bool:
        return self.plan_status in APPROVED

    @property
    def reached_social(self) -> int:
        return sum(self.reached[kind] for kind in SOCIAL_KINDS)

    @property
    def has_any(self) -> bool:
        return bool(self.plan_status or self.postings)


def _by_agency(period: Period, agency: Agency | None) -> dict[Any, AgencyFigures]:
    """Each agency's figures from three grouped queries: plans, their activities, and postings."""
    plans = DisseminationPlan.objects.filter(year=period.year)
    activities = PlanActivity.objects.filter(plan__year=period.year)
    postings = Posting.objects.filter(posted_on__gte=period.start, posted_on__lte=period.end)
    if agency is not None:
        plans, activities = plans.filter(agency=agency), activities.filter(plan__agency=agency)
        postings = postings.filter(agency=agency)
    figures: dict[Any, AgencyFigures] = {}

    def of(agency_id: Any) -> AgencyFigures:
        return figures.setdefault(agency_id, AgencyFigures())

    for agency_id, status in plans.values_list("agency", "status"):
        of(agency_id).plan_status = status
    held = Q(held_on__isnull=False)
    for row in (
        activities.order_by()
        .values("plan__agency")
        .annotate(
            planned=Count("pk"), held=Count("pk", filter=held), participants=Sum("participants", filter=held)
        )
    ):
        current = of(row["plan__agency"])
        current.planned, current.held, current.participants = (
            row["planned"],
            row["held"],
            row["participants"] or 0,
        )
    for row in (
        postings.order_by().values("agency", "channel__kind").annotate(n=Count("pk"), reached=Sum("audience"))
    ):
        current = of(row["agency"])
        current.postings[row["channel__kind"]] = row["n"]
        current.reached[row["channel__kind"]] = row["reached"] or 0
    return figures


def _published(period: Period) -> int:
    return LegalDocument.objects.filter(
        is_published=True, published_at__gte=period.start_at, published_at__lt=period.end_before
    ).count()


def section(period: Period, agency: Agency | None = None) -> Section:
    by_agency = _by_agency(period, agency)
    names = agency_names(agency)
    published = _published(period) if agency is None else 0
    empty = Section(
        key=KEY,
        title=_("Dissemination of the law on grassroots democracy"),
        article=_("Art. 1 §2"),
        tables=(_table({}, {}),),
    )
    # Without a plan, a posting or a publication there is nothing to report: the section says so.
    if not by_agency and not published:
        return empty
    active = {pk: by_agency.get(pk, AgencyFigures()) for pk in names}
    totals = _sum(active.values())
    indicators = (
        (*_province_indicators(active), *_common(totals), _published_indicator(published))
        if agency is None
        # The sum carries no plan status: the agency's own row says whether its plan is approved.
        else _common(totals, own_plan=any(figures.has_plan for figures in active.values()))
    )
    return Section(
        key=KEY,
        title=empty.title,
        article=empty.article,
        indicators=indicators,
        tables=(_table(by_agency, names),),
        shortfalls=(_without_plan(active, names),) if agency is None else (),
    )


def agency_figures(period: Period) -> Figures:
    """Every active agency's values of the indicators its own section shows."""
    by_agency = _by_agency(period, None)
    if not by_agency:
        return {}
    result: Figures = {}
    for pk in agency_names(None):
        figures = by_agency.get(pk, AgencyFigures())
        for indicator in _common(figures, own_plan=figures.has_plan):
            result.setdefault(indicator.key, {})[pk] = indicator.value
    return result


def _sum(rows: Any) -> AgencyFigures:
    total = AgencyFigures()
    for row in rows:
        total.planned += row.planned
        total.held += row.held
        total.participants += row.participants
        total.postings.update(row.postings)
        total.reached.update(row.reached)
    return total


CHANNEL_LABELS = {
    ChannelKind.PROVINCE_PORTAL: gettext_lazy("of which on the provincial e-portal"),
    ChannelKind.DEMOCRACY_PORTAL: gettext_lazy("of which on the provincial democracy portal"),
    ChannelKind.AGENCY_WEBSITE: gettext_lazy("of which on the agencies' own websites"),
    ChannelKind.ZALO: gettext_lazy("of which on Zalo"),
    ChannelKind.FACEBOOK: gettext_lazy("of which on Facebook"),
    ChannelKind.OTHER: gettext_lazy("of which on other channels"),
}


def _common(figures: AgencyFigures, *, own_plan: bool | None = None) -> tuple[Indicator, ...]:
    """The indicators of the province's section and of each agency's, in the same order."""
    unit = _("postings")
    plan = (
        ()
        if own_plan is None
        else (
            Indicator(
                "propaganda.has_plan", _("Dissemination plan approved for the year"), int(own_plan), "", 1
            ),
        )
    )
    return (
        *plan,
        Indicator(
            "propaganda.activities_planned",
            _("Dissemination activities planned"),
            figures.planned,
            _("activities"),
        ),
        Indicator(
            "propaganda.activities_held",
            _("Dissemination activities held"),
            figures.held,
            _("activities"),
            figures.planned or None,
        ),
        Indicator(
            "propaganda.participants",
            _("Participants in the activities held"),
            figures.participants,
            _("attendances"),
        ),
        Indicator(
            "propaganda.postings", _("Postings of documents and news"), sum(figures.postings.values()), unit
        ),
        *(
            Indicator(f"propaganda.postings_{kind}", str(CHANNEL_LABELS[kind]), figures.postings[kind], unit)
            for kind in ChannelKind.values
        ),
        Indicator(
            "propaganda.reached_social",
            _("People reached on Zalo and Facebook"),
            figures.reached_social,
            _("persons"),
        ),
    )


def _province_indicators(active: dict[int, AgencyFigures]) -> tuple[Indicator, ...]:
    with_plan = sum(1 for figures in active.values() if figures.has_plan)
    agencies = _("agencies")
    return (
        Indicator(
            "propaganda.agencies_with_plan",
            _("Agencies with an approved dissemination plan"),
            with_plan,
            agencies,
            len(active) or None,
        ),
        Indicator(
            "propaganda.agencies_with_plan_percent",
            _("Share of active agencies with an approved dissemination plan"),
            percent(with_plan, len(active)),
            PERCENT,
        ),
    )


def _published_indicator(count: int) -> Indicator:
    return Indicator(
        "propaganda.documents_published",
        _("Documents published on the democracy portal"),
        count,
        _("documents"),
    )


def _without_plan(active: dict[int, AgencyFigures], names: dict[int, str]) -> Shortfall:
    agencies = tuple(names[pk] for pk, figures in active.items() if not figures.has_plan)
    return Shortfall(
        "propaganda.agencies_without_plan", _("agencies without an approved dissemination plan"), agencies
    )


TABLE_COLUMNS = (
    ("plan", gettext_lazy("Plan approved"), ""),
    ("activities_planned", gettext_lazy("Activities planned"), gettext_lazy("activities")),
    ("activities_held", gettext_lazy("Activities held"), gettext_lazy("activities")),
    ("participants", gettext_lazy("Participants"), gettext_lazy("attendances")),
    ("postings_agency_website", gettext_lazy("Postings on its own website"), gettext_lazy("postings")),
    ("postings", gettext_lazy("Postings on every channel"), gettext_lazy("postings")),
    ("reached_social", gettext_lazy("Reached on Zalo and Facebook"), gettext_lazy("persons")),
)


def _table(by_agency: dict[Any, AgencyFigures], names: dict[int, str]) -> Table:
    yes, no = _("Yes"), _("No")
    # Every active agency has a row: an agency that did nothing is the gap the table must show.
    rows = tuple(_row(pk, name, by_agency.get(pk) or AgencyFigures(), yes, no) for pk, name in names.items())
    columns = tuple(Column(key, str(label), str(unit)) for key, label, unit in TABLE_COLUMNS)
    return Table(key="by_agency", title=_("Dissemination by agency"), columns=columns, rows=rows)


def _row(pk: int, name: str, figures: AgencyFigures, yes: str, no: str) -> TableRow:
    cells = (
        yes if figures.has_plan else no,
        figures.planned,
        figures.held,
        figures.participants,
        figures.postings[ChannelKind.AGENCY_WEBSITE],
        sum(figures.postings.values()),
        figures.reached_social,
    )
    return TableRow(pk, name, cells)
