"""The scoring rules of the yearly evaluation (Art. 1 §3c), as pure functions: the points of a criterion at
the edges of its rule, totals, the four levels at their thresholds, the cap on "excellent" with its ties at
the boundary, and the rule that the head is ranked no higher than the agency."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from accountability.models import CriterionKind, Level, ScoringRule
from accountability.scoring import (
    Entry,
    band_points,
    computed_points,
    level_for,
    ranking,
    score_points,
    totals,
)

D = Decimal
BANDS = [[90, 5], [70, 3], [50, 1]]


def _target(*, target=2, max_points=10, full_without_figure=False):
    return SimpleNamespace(
        pk=1,
        kind=CriterionKind.COMPUTED,
        rule=ScoringRule.TARGET,
        target=D(target) if target is not None else None,
        bands=[],
        max_points=D(max_points),
        full_without_figure=full_without_figure,
        points_each=None,
    )


def _bands(bands=BANDS, *, max_points=5, full_without_figure=False):
    return SimpleNamespace(
        pk=2,
        kind=CriterionKind.COMPUTED,
        rule=ScoringRule.BANDS,
        target=None,
        bands=bands,
        max_points=D(max_points),
        full_without_figure=full_without_figure,
        points_each=None,
    )


def _penalty(*, points_each=5, max_points=10, full_without_figure=False, pk=3):
    return SimpleNamespace(
        pk=pk,
        kind=CriterionKind.PENALTY,
        rule="",
        target=None,
        bands=[],
        max_points=D(max_points),
        full_without_figure=full_without_figure,
        points_each=D(points_each) if points_each is not None else None,
    )


def _manual(*, max_points=5, pk=4):
    return SimpleNamespace(
        pk=pk,
        kind=CriterionKind.MANUAL,
        rule="",
        target=None,
        bands=[],
        max_points=D(max_points),
        full_without_figure=False,
        points_each=None,
    )


def _score(*, computed=None, claimed=None, adjusted=None):
    return SimpleNamespace(computed=computed, claimed=claimed, adjusted=adjusted)


def _rules(**changes):
    values = {
        "excellent_from": D(90),
        "good_from": D(70),
        "done_from": D(50),
        "excellent_cap_percent": 20,
        "head_not_above_agency": True,
    }
    return SimpleNamespace(**{**values, **changes})


# Points of a criterion: the target rule.


@pytest.mark.parametrize(
    ("figure", "points"),
    [
        (D(2), D(10)),  # at the target
        (D(7), D(10)),  # above it: never more than the maximum
        (D(1), D("5.00")),  # half the target: half the points
        (D(0), D(0)),
    ],
)
def test_target_gives_full_points_at_or_above_and_proportional_below(figure, points):
    assert computed_points(_target(), figure) == points


def test_proportional_points_are_rounded_to_the_cent_half_up():
    # 10 × 1/3 = 3.333… and 10 × 2/3 = 6.666…
    assert computed_points(_target(target=3), D(1)) == D("3.33")
    assert computed_points(_target(target=3), D(2)) == D("6.67")


@pytest.mark.parametrize("target", [None, 0])
def test_without_a_target_any_figure_above_zero_gives_full_points_and_zero_gives_none(target):
    criterion = _target(target=target)
    assert computed_points(criterion, D(1)) == D(10)
    assert computed_points(criterion, D("0.5")) == D(10)
    assert computed_points(criterion, D(0)) == D(0)


def test_a_negative_figure_under_a_target_gives_nothing_not_negative_points():
    assert computed_points(_target(), D(-4)) == D(0)


def test_no_figure_gives_nothing_unless_the_criterion_gives_full_points_where_nothing_arose():
    assert computed_points(_target(), None) == D(0)
    assert computed_points(_target(full_without_figure=True), None) == D(10)


def test_a_figure_of_zero_is_not_a_missing_figure_even_with_full_points_where_nothing_arose():
    assert computed_points(_target(full_without_figure=True), D(0)) == D(0)


def test_a_manual_criterion_has_no_computed_points():
    assert computed_points(_manual(), D(3)) is None
    assert computed_points(_manual(), None) is None


# Points of a criterion: bands.


@pytest.mark.parametrize(
    ("figure", "points"),
    [
        (D(100), D(5)),
        (D(90), D(5)),
        (D("89.99"), D(3)),
        (D(70), D(3)),
        (D("69.99"), D(1)),
        (D(50), D(1)),
        (D("49.99"), D(0)),
        (D(0), D(0)),
    ],
)
def test_bands_give_the_points_of_the_first_band_whose_lower_bound_is_reached(figure, points):
    assert computed_points(_bands(), figure) == points


def test_bands_are_read_best_first_whatever_order_they_were_given_in():
    assert computed_points(_bands([[50, 1], [90, 5], [70, 3]]), D(75)) == D(3)


def test_a_band_never_gives_more_than_the_maximum():
    assert band_points([[0, 8]], D(1), D(5)) == D(5)


def test_bands_without_a_figure_follow_full_points_where_nothing_arose():
    assert computed_points(_bands(), None) == D(0)
    assert computed_points(_bands(full_without_figure=True), None) == D(5)


# Points of a criterion: penalties.


@pytest.mark.parametrize(
    ("figure", "taken_off"),
    [
        (D(0), D(0)),
        (D(1), D(5)),
        (D(2), D(10)),  # exactly the maximum
        (D(3), D(10)),  # capped at the maximum
        (D(-2), D(0)),  # never negative (never adds points)
    ],
)
def test_a_penalty_takes_points_each_up_to_its_maximum_and_never_below_zero(figure, taken_off):
    assert computed_points(_penalty(), figure) == taken_off


def test_a_penalty_without_a_figure_takes_nothing_off_even_with_full_points_where_nothing_arose():
    assert computed_points(_penalty(), None) == D(0)
    assert computed_points(_penalty(full_without_figure=True), None) == D(0)


def test_a_penalty_counts_fractional_points_each():
    assert computed_points(_penalty(points_each=D("0.5"), max_points=5), D(3)) == D("1.50")


# The points a score counts.


def test_the_adjustment_replaces_computed_and_claimed_points_even_when_it_is_zero():
    assert score_points(_target(), _score(computed=D(10), adjusted=D(0))) == D(0)
    assert score_points(_manual(), _score(claimed=D(5), adjusted=D(2))) == D(2)
    assert score_points(_penalty(), _score(computed=D(5), adjusted=D(10))) == D(10)


def test_a_manual_criterion_counts_the_claim_and_a_computed_one_the_computed_points():
    score = _score(computed=D(3), claimed=D(4))
    assert score_points(_manual(), score) == D(4)
    assert score_points(_target(), score) == D(3)


def test_a_missing_score_or_missing_points_count_zero():
    assert score_points(_target(), None) == D(0)
    assert score_points(_manual(), _score()) == D(0)
    assert score_points(_target(), _score()) == D(0)


def test_claimed_points_count_only_once_the_scorecard_is_submitted():
    claim = _score(claimed=D(4))
    assert score_points(_manual(), claim, submitted=False) == D(0)
    assert score_points(_manual(), claim, submitted=True) == D(4)


def test_a_drafts_adjustment_and_computed_points_count_before_it_is_submitted():
    assert score_points(_manual(), _score(claimed=D(4), adjusted=D(2)), submitted=False) == D(2)
    assert score_points(_target(), _score(computed=D(10)), submitted=False) == D(10)


# Totals.


def test_the_total_is_points_gained_less_points_taken_off():
    criteria = [_target(), _manual(), _penalty()]
    scores = {1: _score(computed=D(10)), 4: _score(claimed=D(4)), 3: _score(computed=D(5))}
    result = totals(criteria, scores)
    assert (result.gained, result.taken_off, result.score) == (D(14), D(5), D(9))


def test_a_drafts_total_leaves_out_its_claims():
    criteria = [_target(), _manual(), _penalty()]
    scores = {1: _score(computed=D(10)), 4: _score(claimed=D(4)), 3: _score(computed=D(5))}
    result = totals(criteria, scores, submitted=False)
    assert (result.gained, result.taken_off, result.score) == (D(10), D(5), D(5))


def test_the_total_never_falls_below_zero():
    criteria = [_target(), _penalty(max_points=20, points_each=10)]
    result = totals(criteria, {1: _score(computed=D(5)), 3: _score(computed=D(20))})
    assert (result.gained, result.taken_off, result.score) == (D(5), D(20), D(0))


def test_totals_count_the_adjustment_of_a_penalty():
    criteria = [_target(), _penalty()]
    scores = {1: _score(computed=D(10)), 3: _score(computed=D(10), adjusted=D(0))}
    assert totals(criteria, scores).score == D(10)


# Levels.


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (D(100), Level.EXCELLENT),
        (D(90), Level.EXCELLENT),
        (D("89.99"), Level.GOOD),
        (D(70), Level.GOOD),
        (D("69.99"), Level.DONE),
        (D(50), Level.DONE),
        (D("49.99"), Level.NOT_DONE),
        (D(0), Level.NOT_DONE),
    ],
)
def test_levels_start_at_their_thresholds(score, level):
    assert level_for(score, _rules()) == level


def test_levels_follow_the_years_own_thresholds():
    rules = _rules(excellent_from=D(95), good_from=D(80), done_from=D(60))
    assert level_for(D(94), rules) == Level.GOOD
    assert level_for(D(79), rules) == Level.DONE
    assert level_for(D(59), rules) == Level.NOT_DONE


# The cap on "excellent".


def _entries(*scores, tie_levels=None, head_levels=None):
    """Entries keyed by position: ``entries[i].key == i``."""
    tie_levels = tie_levels or {}
    head_levels = head_levels or {}
    return [
        Entry(key, D(score), tie_levels.get(key, ""), head_levels.get(key, ""))
        for key, score in enumerate(scores)
    ]


def _levels(result):
    return {key: placement.level for key, placement in result.placements.items()}


def test_under_the_cap_every_excellent_score_stays_excellent():
    # Ten rated good or above: two may be excellent, and only two reached 90.
    result = ranking(_rules(), _entries(95, 91, 80, 80, 80, 75, 75, 72, 71, 70, 40))
    assert (result.good_or_above, result.cap) == (10, 2)
    assert _levels(result)[0] == _levels(result)[1] == Level.EXCELLENT
    assert not any(placement.capped for placement in result.placements.values())
    assert not result.ties_open


def test_the_cap_keeps_the_best_scores_excellent_and_the_rest_become_good():
    result = ranking(_rules(), _entries(92, 98, 95, 80, 80, 75, 75, 72, 71, 70))
    assert result.cap == 2
    levels = _levels(result)
    assert (levels[1], levels[2], levels[0]) == (Level.EXCELLENT, Level.EXCELLENT, Level.GOOD)
    capped = result.placements[0]
    assert capped.capped and capped.by_score == Level.EXCELLENT
    assert result.distribution()[Level.EXCELLENT] == 2
    assert result.distribution()[Level.GOOD] == 8


def test_the_cap_is_rounded_down():
    # Nine rated good or above: 20% is 1.8 places, so one.
    result = ranking(_rules(), _entries(98, 95, 80, 80, 75, 75, 72, 71, 70))
    assert (result.good_or_above, result.cap) == (9, 1)
    assert _levels(result)[0] == Level.EXCELLENT
    assert _levels(result)[1] == Level.GOOD


def test_agencies_below_good_do_not_count_towards_the_cap():
    # Four rated good or above (and many below): 20% of four is no place at all.
    result = ranking(_rules(), _entries(95, 80, 75, 70, 60, 55, 50, 40, 30, 20))
    assert (result.good_or_above, result.cap) == (4, 0)
    assert _levels(result)[0] == Level.GOOD


def test_a_cap_of_zero_makes_every_excellent_candidate_good():
    result = ranking(_rules(excellent_cap_percent=0), _entries(99, 95, 95, 80, 75))
    assert result.cap == 0
    for key in (0, 1, 2):
        placement = result.placements[key]
        assert (placement.level, placement.capped, placement.tied) == (Level.GOOD, True, False)
    assert not result.ties_open
    assert result.distribution()[Level.EXCELLENT] == 0


def test_a_cap_of_100_percent_keeps_every_excellent_score():
    result = ranking(_rules(excellent_cap_percent=100), _entries(99, 95, 95, 80))
    assert [_levels(result)[key] for key in (0, 1, 2)] == [Level.EXCELLENT] * 3


# Ties at the cap's boundary.


TIED = (98, 95, 95, 80, 80, 75, 75, 72, 71, 70)  # ten good or above: two places, one of them shared


def test_agencies_tied_at_the_boundary_wait_for_a_decision():
    result = ranking(_rules(), _entries(*TIED))
    levels = _levels(result)
    assert levels[0] == Level.EXCELLENT
    assert levels[1] is None and levels[2] is None
    assert result.placements[1].tied and result.placements[2].tied
    assert sorted(result.tied) == [1, 2]
    assert (result.tie_places, result.tie_chosen) == (1, 0)
    assert result.ties_open
    # A tie waiting for a decision counts in no level.
    assert sum(result.distribution().values()) == len(TIED) - 2


def test_choosing_as_many_as_there_are_places_resolves_the_tie_and_the_rest_become_good():
    result = ranking(_rules(), _entries(*TIED, tie_levels={2: Level.EXCELLENT}))
    levels = _levels(result)
    assert (levels[0], levels[1], levels[2]) == (Level.EXCELLENT, Level.GOOD, Level.EXCELLENT)
    assert (result.tie_places, result.tie_chosen) == (1, 1)
    assert not result.ties_open
    assert result.distribution()[Level.EXCELLENT] == 2


def test_choosing_more_than_the_places_keeps_only_as_many_as_there_are_places():
    choices = {1: Level.EXCELLENT, 2: Level.EXCELLENT}
    result = ranking(_rules(), _entries(*TIED, tie_levels=choices))
    assert result.tie_chosen == 1
    assert result.distribution()[Level.EXCELLENT] == 2
    assert not result.ties_open


def test_marking_a_tied_agency_good_does_not_resolve_the_others():
    result = ranking(_rules(), _entries(*TIED, tie_levels={1: Level.GOOD}))
    levels = _levels(result)
    assert levels[1] == Level.GOOD
    assert levels[2] is None
    assert result.ties_open


def test_a_tie_for_every_place_leaves_all_tied_agencies_undecided():
    # Three tied at 95 for the two places.
    result = ranking(_rules(), _entries(95, 95, 95, 80, 80, 75, 75, 72, 71, 70))
    assert sorted(result.tied) == [0, 1, 2]
    assert (result.tie_places, result.tie_chosen) == (2, 0)
    chosen = ranking(
        _rules(),
        _entries(95, 95, 95, 80, 80, 75, 75, 72, 71, 70, tie_levels={0: Level.EXCELLENT, 2: Level.EXCELLENT}),
    )
    assert [_levels(chosen)[key] for key in (0, 1, 2)] == [Level.EXCELLENT, Level.GOOD, Level.EXCELLENT]
    assert not chosen.ties_open


def test_agencies_below_the_tie_are_capped_to_good():
    result = ranking(_rules(), _entries(98, 95, 95, 93, 80, 75, 75, 72, 71, 70))
    placement = result.placements[3]
    assert (placement.level, placement.capped, placement.tied) == (Level.GOOD, True, False)


def test_equal_scores_above_the_boundary_are_no_tie():
    # Both 95s fit within the two places; the 92 below them is simply capped.
    result = ranking(_rules(), _entries(95, 95, 92, 80, 80, 75, 75, 72, 71, 70))
    assert [_levels(result)[key] for key in (0, 1, 2)] == [Level.EXCELLENT, Level.EXCELLENT, Level.GOOD]
    assert result.tied == [] and not result.ties_open


# The head's level.


def test_the_heads_level_is_the_agencys_unless_set():
    result = ranking(_rules(), _entries(75, 55))
    assert result.placements[0].head_level == Level.GOOD
    assert result.placements[1].head_level == Level.DONE
    assert not any(placement.head_above for placement in result.placements.values())


def test_a_head_above_the_agency_is_flagged_when_the_rule_is_on():
    result = ranking(_rules(), _entries(75, head_levels={0: Level.EXCELLENT}))
    placement = result.placements[0]
    assert (placement.level, placement.head_level, placement.head_above) == (
        Level.GOOD,
        Level.EXCELLENT,
        True,
    )


def test_a_head_above_the_agency_is_allowed_when_the_rule_is_off():
    result = ranking(_rules(head_not_above_agency=False), _entries(75, head_levels={0: Level.EXCELLENT}))
    placement = result.placements[0]
    assert (placement.head_level, placement.head_above) == (Level.EXCELLENT, False)


def test_a_head_below_or_equal_to_the_agency_is_never_flagged():
    entries = _entries(75, 75, head_levels={0: Level.DONE, 1: Level.GOOD})
    result = ranking(_rules(), entries)
    assert result.placements[0].head_level == Level.DONE
    assert not result.placements[0].head_above and not result.placements[1].head_above


def test_a_head_is_compared_with_the_level_after_the_cap():
    # By score the agency is excellent, but the cap makes it good: an excellent head is then above it.
    entries = _entries(95, 80, 75, head_levels={0: Level.EXCELLENT})
    result = ranking(_rules(), entries)
    placement = result.placements[0]
    assert (placement.by_score, placement.level) == (Level.EXCELLENT, Level.GOOD)
    assert placement.head_above


def test_an_undecided_tie_has_no_head_level_yet():
    result = ranking(_rules(), _entries(*TIED, head_levels={1: Level.EXCELLENT}))
    placement = result.placements[1]
    assert placement.level is None
    assert (placement.head_level, placement.head_above) == (None, False)
