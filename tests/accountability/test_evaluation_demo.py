"""The demo's evaluations: last year's locked across the levels, this year's open with Sở Tư pháp's
scorecard left for the browser test, and every key of the default rubric given by the registry."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from accountability import defaults
from accountability.models import AgencyEvaluation, Evaluation, EvaluationStatus
from accountability.selectors.evaluation import ranking_of
from dancoso import indicators
from dancoso.periods import Period


@pytest.mark.django_db
def test_the_demo_ranks_last_year_and_opens_this_year(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        call_command("seed_demo", stdout=io.StringIO())
    year = timezone.localdate().year
    last = Evaluation.objects.get(year=year - 1)
    assert last.status == EvaluationStatus.LOCKED
    levels = {level for level, count in ranking_of(last).ranking.distribution().items() if count}
    assert len(levels) >= 3
    current = Evaluation.objects.get(year=year)
    assert current.status == EvaluationStatus.OPEN
    justice = AgencyEvaluation.objects.get(evaluation=current, agency__code="STP")
    assert justice.is_draft and not justice.scores.exclude(claimed=None).exists()
    assert current.scorecards.filter(status="submitted").exists()
    # The rubric names figures every measure gives: each key of the default rubric has per-agency values.
    given = indicators.catalogue([Period(year), Period(year - 1)])
    rubric_keys = {row["indicator_key"] for row in defaults.rubric_rows() if row["indicator_key"]}
    assert rubric_keys <= given.keys()
    assert all(given[key].label != key for key in rubric_keys)
