"""How points, totals and levels are worked out (Art. 1 §3c); plain functions of the rubric and the scores.

Points of a criterion:
- computed, rule "target": the full points at or above the target, proportional below it;
- computed, rule "bands": the points of the first band (best first) whose lower bound the figure reaches;
- penalty: the points off for each unit of the figure (each violation handled, each overdue petition), at
  most the criterion's maximum;
- manual: the points the agency claims with its evidence, counted once it has submitted its scorecard.
An agency without the figure gets nothing, or the full points where the criterion says so ("không phát sinh
thì được điểm tối đa"); a penalty without the figure takes nothing off. Home Affairs' adjustment replaces
any of these. The total is the points gained less the points taken off, never below zero.

Levels: the score thresholds give each agency its level; then "excellent" is capped at a share of the
agencies rated good or above, kept by score order. Agencies tied on the score at the cap's boundary are left
for Home Affairs to decide (``tie_level``): until it has chosen as many as there are places, they are shown
as tied. The head's level is the agency's unless Home Affairs set another, which, where the year's rule
says so, may not be above the agency's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from accountability.models.evaluation import LEVEL_ORDER, CriterionKind, Level, ScoringRule

CENT = Decimal("0.01")
ZERO = Decimal(0)


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def computed_points(criterion: Any, figure: Decimal | None) -> Decimal | None:
    """The points a computed criterion or a penalty gives for a figure; ``None`` for a manual criterion."""
    if criterion.kind == CriterionKind.MANUAL:
        return None
    maximum = criterion.max_points
    if figure is None:
        return maximum if criterion.full_without_figure and criterion.kind == CriterionKind.COMPUTED else ZERO
    figure = Decimal(figure)
    if criterion.kind == CriterionKind.PENALTY:
        return quantize(min(maximum, max(ZERO, figure) * (criterion.points_each or ZERO)))
    if criterion.rule == ScoringRule.BANDS:
        return band_points(criterion.bands, figure, maximum)
    target = criterion.target
    if not target:
        return maximum if figure > 0 else ZERO
    if figure >= target:
        return maximum
    return quantize(maximum * max(ZERO, figure) / target)


def band_points(bands: Sequence[Sequence[Any]], figure: Decimal, maximum: Decimal) -> Decimal:
    for lower, points in sorted(bands, key=lambda band: Decimal(str(band[0])), reverse=True):
        if figure >= Decimal(str(lower)):
            return min(maximum, Decimal(str(points)))
    return ZERO


def score_points(criterion: Any, score: Any, *, submitted: bool = True) -> Decimal:
    """The points a score counts: the adjustment, else the computed or claimed points.

    Points an agency claims count once it has submitted its scorecard: a draft's claims are its own notes.
    """
    if score is None:
        return ZERO
    if score.adjusted is not None:
        return score.adjusted
    if criterion.kind == CriterionKind.MANUAL:
        value = score.claimed if submitted else None
    else:
        value = score.computed
    return value if value is not None else ZERO


@dataclass(frozen=True)
class Totals:
    gained: Decimal
    taken_off: Decimal

    @property
    def score(self) -> Decimal:
        return max(ZERO, self.gained - self.taken_off)


def totals(criteria: Iterable[Any], scores: Mapping[Any, Any], *, submitted: bool = True) -> Totals:
    """An agency's totals from its scores, keyed by criterion id."""
    gained = taken_off = ZERO
    for criterion in criteria:
        points = score_points(criterion, scores.get(criterion.pk), submitted=submitted)
        if criterion.kind == CriterionKind.PENALTY:
            taken_off += points
        else:
            gained += points
    return Totals(gained, taken_off)


def level_for(score: Decimal, evaluation: Any) -> Level:
    if score >= evaluation.excellent_from:
        return Level.EXCELLENT
    if score >= evaluation.good_from:
        return Level.GOOD
    if score >= evaluation.done_from:
        return Level.DONE
    return Level.NOT_DONE


def rank(level: str) -> int:
    """A level's position, best first."""
    return LEVEL_ORDER.index(Level(level))


@dataclass
class Placement:
    """Where one agency stands: its level, or ``None`` while it waits for Home Affairs' tie decision."""

    score: Decimal
    by_score: Level
    level: Level | None
    capped: bool = False
    tied: bool = False
    head_level: Level | None = None
    # The head's level is above the agency's though the year's rule forbids it.
    head_above: bool = False


@dataclass
class Ranking:
    placements: dict[Any, Placement]
    # How many may be "excellent" under the cap, of how many rated good or above.
    cap: int = 0
    good_or_above: int = 0
    # Tied at the boundary: how many places they share, and how many Home Affairs has given.
    tied: list[Any] = field(default_factory=list)
    tie_places: int = 0
    tie_chosen: int = 0

    @property
    def ties_open(self) -> bool:
        return bool(self.tied) and any(self.placements[key].level is None for key in self.tied)

    def distribution(self) -> dict[Level, int]:
        counts = dict.fromkeys(Level, 0)
        for placement in self.placements.values():
            if placement.level is not None:
                counts[placement.level] += 1
        return counts


@dataclass(frozen=True)
class Entry:
    """What the ranking needs of a scorecard."""

    key: Any
    score: Decimal
    tie_level: str = ""
    head_level: str = ""


def ranking(evaluation: Any, entries: Sequence[Entry]) -> Ranking:
    placements = {
        entry.key: Placement(
            entry.score, level_for(entry.score, evaluation), level_for(entry.score, evaluation)
        )
        for entry in entries
    }
    good_or_above = sum(1 for p in placements.values() if rank(p.by_score) <= rank(Level.GOOD))
    cap = good_or_above * evaluation.excellent_cap_percent // 100
    result = Ranking(placements, cap=cap, good_or_above=good_or_above)
    candidates = sorted(
        (entry for entry in entries if placements[entry.key].by_score == Level.EXCELLENT),
        key=lambda entry: entry.score,
        reverse=True,
    )
    if len(candidates) > cap:
        _apply_cap(result, candidates, cap)
    for entry in entries:
        _place_head(placements[entry.key], entry.head_level, evaluation.head_not_above_agency)
    return result


def _apply_cap(result: Ranking, candidates: list[Entry], cap: int) -> None:
    """Keep the first ``cap`` by score; those tied with the last kept one are Home Affairs' to decide."""
    boundary = candidates[cap - 1].score if cap else None
    tied = [entry for entry in candidates if boundary is not None and entry.score == boundary]
    above = [entry for entry in candidates if boundary is not None and entry.score > boundary]
    is_tie = boundary is not None and candidates[cap].score == boundary
    for entry in candidates:
        placement = result.placements[entry.key]
        if entry in above or (entry in tied and not is_tie):
            continue
        if entry in tied:
            placement.tied = True
            continue
        placement.level, placement.capped = Level.GOOD, True
    if is_tie:
        _decide_ties(result, tied, cap - len(above))


def _decide_ties(result: Ranking, tied: list[Entry], places: int) -> None:
    chosen = [entry for entry in tied if entry.tie_level == Level.EXCELLENT][:places]
    result.tied, result.tie_places, result.tie_chosen = [entry.key for entry in tied], places, len(chosen)
    full = len(chosen) >= places
    for entry in tied:
        placement = result.placements[entry.key]
        if entry in chosen:
            placement.level = Level.EXCELLENT
        elif full or entry.tie_level == Level.GOOD:
            placement.level = Level.GOOD
        else:
            placement.level = None


def _place_head(placement: Placement, head_level: str, not_above: bool) -> None:
    if placement.level is None:
        return
    if not head_level:
        placement.head_level = placement.level
        return
    placement.head_level = Level(head_level)
    placement.head_above = not_above and rank(head_level) < rank(placement.level)
