"""The ranking of a period's year in the registry (part of §3's section): how many agencies reached each
level, each agency's score and levels, and the agencies that did not complete their tasks.

Only a locked evaluation gives figures: the dashboard and the report are read by the People's Council,
which sees the results once Home Affairs locks them. While the year is open the section says so instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

from accountability.models import Evaluation, EvaluationStatus, Level
from accountability.selectors.evaluation import Standing, ranking_of
from dancoso.indicators import Column, Indicator, Section, Shortfall, Table, TableRow
from dancoso.periods import Period

KEYS = {
    Level.EXCELLENT: "accountability.ranked_excellent",
    Level.GOOD: "accountability.ranked_good",
    Level.DONE: "accountability.ranked_done",
    Level.NOT_DONE: "accountability.ranked_not_done",
}


@dataclass(frozen=True)
class RankingFigures:
    indicators: tuple[Indicator, ...]
    table: Table | None
    warnings: tuple[str, ...]
    shortfalls: tuple[Shortfall, ...]

    def added_to(self, section: Section) -> Section:
        return replace(
            section,
            indicators=(*section.indicators, *self.indicators),
            tables=(*section.tables, self.table) if self.table else section.tables,
            warnings=(*section.warnings, *self.warnings),
            shortfalls=(*section.shortfalls, *self.shortfalls),
        )


def ranking_figures(period: Period, agency: Any) -> RankingFigures | None:
    """The figures of the year's locked evaluation, a note while it is open, ``None`` before."""
    evaluation = Evaluation.objects.filter(
        year=period.year, status__in=[EvaluationStatus.OPEN, EvaluationStatus.LOCKED]
    ).first()
    if evaluation is None:
        return None
    if not evaluation.is_locked:
        message = _("The ranking of %(year)s is not locked yet: it is reported once Home Affairs locks it.")
        return RankingFigures((), None, (message % {"year": evaluation.year},), ())
    standing = ranking_of(evaluation)
    return RankingFigures(
        indicators=_indicators(standing, agency),
        table=_table(standing, agency),
        warnings=(),
        shortfalls=_shortfalls(standing) if agency is None else (),
    )


def _indicators(standing: Standing, agency: Any) -> tuple[Indicator, ...]:
    if agency is not None:
        card = next((card for card in standing.cards if card.agency_id == agency.pk), None)
        if card is None:
            return ()
        score = standing.totals[card.pk].score
        return (
            Indicator(
                "accountability.ranking_score", _("Score of the yearly evaluation"), score, _("points")
            ),
        )
    counts = standing.ranking.distribution()
    return tuple(
        Indicator(
            KEYS[level],
            _("Agencies ranked: %(level)s") % {"level": level.label},
            counts[level],
            _("agencies"),
        )
        for level in Level
    ) + (
        Indicator(
            "accountability.ranked_agencies", _("Agencies evaluated"), len(standing.cards), _("agencies")
        ),
    )


def _label(level: Level | None) -> str:
    return str(level.label) if level is not None else _("Tied: waiting for a decision")


def _table(standing: Standing, agency: Any) -> Table:
    columns = (
        Column("score", _("Score"), _("points")),
        Column("level", _("Level of the agency")),
        Column("head_level", _("Level of the head")),
    )
    rows = []
    for card in standing.cards:
        if agency is not None and card.agency_id != agency.pk:
            continue
        placement = standing.placement(card)
        head = _label(placement.head_level) if placement.level is not None else ""
        name = card.agency.short_name or card.agency.name
        rows.append(
            TableRow(card.agency_id, name, (standing.totals[card.pk].score, _label(placement.level), head))
        )
    # The report's appendix adds the year to a table's title.
    return Table(key="ranking", title=_("Ranking of quality"), columns=columns, rows=tuple(rows))


def _shortfalls(standing: Standing) -> tuple[Shortfall, ...]:
    not_done = tuple(
        card.agency.short_name or card.agency.name
        for card in standing.cards
        if standing.placement(card).level == Level.NOT_DONE
    )
    return (
        Shortfall(
            "accountability.agencies_not_done", _("agencies that did not complete their tasks"), not_done
        ),
    )
