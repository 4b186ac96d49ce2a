"""Reads of the yearly evaluation: the years, a scorecard, and the ranking of every agency.

The ranking is worked out from a fixed number of queries whatever the number of agencies (the rubric, the
scorecards, every score's points as plain values, cached until §3 changes), because the cap on "excellent"
depends on every agency's score; a user who may read only their own agency's scorecard is then shown only
its row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accountability.models import (
    AgencyEvaluation,
    Criterion,
    CriterionScore,
    Evaluation,
    EvidenceFile,
    Level,
)
from accountability.scoring import Entry, Placement, Ranking, Totals, ranking, score_points, totals
from dancoso import indicators
from dancoso.accounts import access
from dancoso.periods import Period


def default_year() -> int:
    """Agencies are ranked on the year that is ending."""
    return timezone.localdate().year


def evaluation_list(*, user: Any) -> QuerySet[Evaluation]:
    return access.scope(Evaluation.objects.all(), user).order_by("-year")


def get_evaluation_for_user(user: Any, year: int, *, write: bool = False) -> Evaluation:
    action = "write" if write else "read"
    return access.get_for_user(Evaluation.objects.all(), user, action=action, year=year)


def get_evaluation_by_pk(user: Any, pk: int) -> Evaluation:
    return access.get_for_user(Evaluation.objects.all(), user, pk=pk)


def get_criterion_for_user(user: Any, pk: int) -> Criterion:
    criteria = Criterion.objects.select_related("evaluation")
    return access.get_for_user(criteria, user, action="write", pk=pk)


def indicator_labels(evaluation: Evaluation) -> dict[str, Any]:
    """The registry's indicators the rubric's keys name, as the year's sections label them."""
    return indicators.catalogue([Period(evaluation.year)])


def _scorecards() -> QuerySet[AgencyEvaluation]:
    return AgencyEvaluation.objects.select_related("agency", "evaluation")


def get_scorecard_for_user(user: Any, year: int, agency: int, *, action: str = "read") -> AgencyEvaluation:
    return access.get_for_user(_scorecards(), user, action=action, evaluation__year=year, agency=agency)


def get_scorecard_by_pk(user: Any, pk: int, *, action: str = "read") -> AgencyEvaluation:
    return access.get_for_user(_scorecards(), user, action=action, pk=pk)


def get_score_for_user(user: Any, pk: int, *, action: str = "read") -> CriterionScore:
    scores = CriterionScore.objects.select_related("criterion", "scorecard__agency", "scorecard__evaluation")
    return access.get_for_user(scores, user, action=action, pk=pk)


def get_evidence_for_user(user: Any, pk: int, *, action: str = "read") -> EvidenceFile:
    files = EvidenceFile.objects.select_related("score__scorecard__agency", "score__scorecard__evaluation")
    return access.get_for_user(files, user, action=action, pk=pk)


def criteria_of(evaluation: Evaluation) -> list[Criterion]:
    return list(evaluation.criteria.all())


def scores_of(scorecard: AgencyEvaluation) -> list[CriterionScore]:
    """The scorecard's scores in the rubric's order, with their criterion and evidence files."""
    files = Prefetch("files", queryset=EvidenceFile.objects.order_by("pk"))
    return list(scorecard.scores.select_related("criterion").prefetch_related(files))


class Points(NamedTuple):
    computed: Decimal | None
    claimed: Decimal | None
    adjusted: Decimal | None


@dataclass
class Standing:
    """The ranking of a year: every scorecard with its totals and placement."""

    evaluation: Evaluation
    criteria: list[Criterion]
    cards: list[AgencyEvaluation]
    totals: dict[Any, Totals]
    ranking: Ranking

    @cached_property
    def points(self) -> dict[Any, dict[Any, Points]]:
        """Every score's points, read when a page shows them criterion by criterion (the Excel file)."""
        return points_of(self.evaluation)

    def placement(self, card: AgencyEvaluation) -> Placement:
        return self.ranking.placements[card.pk]

    def criterion_points(self, card: AgencyEvaluation, criterion: Criterion) -> Decimal:
        score = self.points.get(card.pk, {}).get(criterion.pk)
        return score_points(criterion, score, submitted=not card.is_draft)

    def positions(self) -> dict[Any, int]:
        """Each scorecard's place by score (1 for the best; equal scores share a place)."""
        scores = sorted((total.score for total in self.totals.values()), reverse=True)
        first: dict[Decimal, int] = {}
        for index, score in enumerate(scores, start=1):
            first.setdefault(score, index)
        return {pk: first[total.score] for pk, total in self.totals.items()}

    @property
    def drafts(self) -> int:
        """Scorecards not submitted: their claimed points do not count."""
        return sum(1 for card in self.cards if card.is_draft)

    def rows(self, user: Any, filters: Mapping[str, Any] | None = None) -> list[Row]:
        """The rows the user may read, filtered, and sorted (score first unless told otherwise)."""
        visible = {card.pk for card in _readable(self.cards, user)}
        positions = self.positions()
        rows = [
            Row(card, self.totals[card.pk], self.placement(card), positions[card.pk])
            for card in self.cards
            if card.pk in visible
        ]
        return _sort(_filter(rows, filters or {}), (filters or {}).get("sort") or "score")


@dataclass
class Row:
    card: AgencyEvaluation
    totals: Totals
    placement: Placement
    position: int

    @property
    def agency(self) -> Any:
        return self.card.agency


def _readable(cards: list[AgencyEvaluation], user: Any) -> list[AgencyEvaluation]:
    return [card for card in cards if access.allows(user, card)]


def _filter(rows: list[Row], filters: Mapping[str, Any]) -> list[Row]:
    if filters.get("level"):
        rows = [row for row in rows if row.placement.level == filters["level"]]
    if filters.get("q"):
        query = filters["q"].casefold()
        rows = [
            row
            for row in rows
            if query in row.agency.name.casefold() or query in row.agency.short_name.casefold()
        ]
    if filters.get("status"):
        rows = [row for row in rows if row.card.status == filters["status"]]
    return rows


SORTS = {
    "score": lambda row: (-row.totals.score, row.agency.display_order, row.agency.name),
    "name": lambda row: (row.agency.display_order, row.agency.name),
    "level": lambda row: (_level_rank(row.placement.level), -row.totals.score, row.agency.name),
}


def _level_rank(level: Level | None) -> int:
    # A tie waiting for a decision sits between "excellent" and "good".
    return 1 if level is None else 2 * list(Level).index(level)


def _sort(rows: list[Row], key: str) -> list[Row]:
    """Sort by a whitelisted key; "-key" turns the order round (the sort links of the table's heads)."""
    name = key.removeprefix("-")
    return sorted(rows, key=SORTS.get(name, SORTS["score"]), reverse=key.startswith("-"))


def ranking_of(evaluation: Evaluation) -> Standing:
    """Every agency's totals and level for the year.

    The scorecards come from one query; the totals and levels from every score's points as plain values,
    cached (like the registry's figures) until something of §3 is written again.
    """
    criteria = criteria_of(evaluation)
    cards = list(
        evaluation.scorecards.select_related("agency").order_by("agency__display_order", "agency__name")
    )
    for card in cards:
        card.evaluation = evaluation

    def compute() -> tuple[dict[Any, Totals], Ranking]:
        points = points_of(evaluation)
        sums = {
            card.pk: totals(criteria, points.get(card.pk, {}), submitted=not card.is_draft) for card in cards
        }
        entries = [Entry(card.pk, sums[card.pk].score, card.tie_level, card.head_level) for card in cards]
        return sums, ranking(evaluation, entries)

    sums, result = indicators.cached(f"evaluation-ranking:{evaluation.pk}", compute, apps=("accountability",))
    return Standing(evaluation, criteria, cards, sums, result)


def points_of(evaluation: Evaluation) -> dict[Any, dict[Any, Points]]:
    """Every score's points by scorecard and criterion, as plain values (a province has thousands)."""
    points: dict[Any, dict[Any, Points]] = {}
    values = CriterionScore.objects.filter(scorecard__evaluation=evaluation).values_list(
        "scorecard", "criterion", "computed", "claimed", "adjusted"
    )
    for card, criterion, computed, claimed, adjusted in values.order_by():
        points.setdefault(card, {})[criterion] = Points(computed, claimed, adjusted)
    return points
