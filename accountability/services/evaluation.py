"""Writes of the yearly evaluation and ranking (Art. 1 §3c).

- Home Affairs prepares a year: its rubric is copied from the latest earlier year, or from the default
  rubric (``accountability.defaults``), and edited while the year is being prepared. A criterion must name
  an indicator of the registry, a rule that fits its kind and points within its maximum; thresholds must
  be in order. A rubric whose points do not add up to 100 is allowed, with a warning on its page.
- Opening the year gives every agency the People's Committee ranks a scorecard with one score per
  criterion and computes the points of computed criteria and penalties from the registry's figures of the
  year (``figures(period)``: a bounded number of queries whatever the number of agencies). While the year
  is open Home Affairs may compute them again; only the scores whose figure or points changed are
  written, each with history.
- Agency staff complete the manual criteria (points and evidence, with files) and a self-assessment, then
  submit; Home Affairs may return a scorecard with a reason.
- Home Affairs adjusts any score with a required reason (kept beside the computed value and in the
  history), decides ties at the boundary of the cap on "excellent" and the head's level, and locks the year.
  Nothing changes once locked; reopening needs a reason, which the history keeps.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accountability import defaults
from accountability.models import (
    AgencyEvaluation,
    Criterion,
    CriterionKind,
    CriterionScore,
    Evaluation,
    EvaluationStatus,
    EvidenceFile,
    Level,
    ScorecardStatus,
    ScoringRule,
)
from accountability.models.evaluation import TOTAL_POINTS
from accountability.scoring import computed_points, rank
from accountability.selectors.evaluation import ranking_of
from dancoso import indicators
from dancoso.accounts.access import require
from dancoso.agencies.models import Agency
from dancoso.core.audit import assign, audited_delete, audited_save
from dancoso.core.rules import check_upload, problems_or_none, require_status
from dancoso.core.uploads import EVIDENCE
from dancoso.periods import Period

SETTINGS_FIELDS = (
    "excellent_from",
    "good_from",
    "done_from",
    "excellent_cap_percent",
    "head_not_above_agency",
)
CRITERION_FIELDS = (*defaults.RUBRIC_FIELDS, "display_order")
MAX_FILES = 5


def _preparing(evaluation: Evaluation) -> None:
    message = _("The rubric can be changed only while the year is being prepared, before it is opened.")
    require_status(evaluation, (EvaluationStatus.PREPARING,), message)


def _open(evaluation: Evaluation) -> None:
    message = _("The evaluation of %(year)s is not open: nothing can be changed.") % {"year": evaluation.year}
    require_status(evaluation, (EvaluationStatus.OPEN,), message)


# Preparing a year.


@transaction.atomic
def evaluation_prepare(*, year: int, actor: Any) -> Evaluation:
    """A new year's evaluation, with the rubric and rules of the latest earlier year (or the default)."""
    evaluation = Evaluation(year=year, created_by=actor)
    require(actor, evaluation)
    if Evaluation.objects.filter(year=year).exists():
        raise ValidationError({"year": [_("The evaluation of %(year)s already exists.") % {"year": year}]})
    source = Evaluation.objects.filter(year__lt=year).order_by("-year").first()
    if source is not None:
        assign(evaluation, {name: getattr(source, name) for name in SETTINGS_FIELDS}, SETTINGS_FIELDS)
        rows = [{name: getattr(row, name) for name in CRITERION_FIELDS} for row in source.criteria.all()]
    else:
        rows = defaults.rubric_rows()
    audited_save(evaluation, actor=actor)
    criteria = [Criterion(evaluation=evaluation, **row) for row in rows]
    bulk_create_with_history(criteria, Criterion, default_user=actor)
    return evaluation


@transaction.atomic
def evaluation_settings_save(*, evaluation: Evaluation, actor: Any, **fields: Any) -> Evaluation:
    """The ranking rules (thresholds, cap, the head's rule): changeable until the year is locked."""
    require(actor, evaluation)
    if evaluation.is_locked:
        raise ValidationError(_("The evaluation of %(year)s is locked.") % {"year": evaluation.year})
    assign(evaluation, fields, SETTINGS_FIELDS)
    if not evaluation.excellent_from > evaluation.good_from > evaluation.done_from:
        message = _("The thresholds must go down: excellent above good, good above completed.")
        raise ValidationError({"good_from": [message]})
    return audited_save(evaluation, actor=actor)


def rubric_warnings(evaluation: Evaluation, criteria: list[Criterion]) -> list[str]:
    """What Home Affairs should look at before opening the year (the points not adding up to 100)."""
    total = sum((row.max_points for row in criteria if not row.is_penalty), Decimal(0))
    if total != TOTAL_POINTS:
        message = _("The criteria add up to %(total)s points, not %(expected)s.")
        return [message % {"total": _points(total), "expected": _points(TOTAL_POINTS)}]
    return []


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def known_indicators(year: int) -> dict[str, indicators.Indicator]:
    """The registry's keyed indicators with a value per agency, in the year or the year before.

    An indicator shows only once something was recorded; the default rubric's keys are known before that
    (the demo's test proves the registry gives every one of them).
    """
    found = indicators.catalogue([Period(year), Period(year - 1)])
    for row in defaults.rubric_rows():
        key = row["indicator_key"]
        if key and key not in found:
            found[key] = indicators.Indicator(key, key, None)
    return found


@transaction.atomic
def criterion_save(
    *, evaluation: Evaluation, actor: Any, criterion: Criterion | None = None, **fields: Any
) -> Criterion:
    criterion = criterion or Criterion(evaluation=evaluation)
    require(actor, criterion)
    _preparing(evaluation)
    assign(criterion, fields, CRITERION_FIELDS)
    problems = _criterion_problems(criterion)
    twins = Criterion.objects.filter(evaluation=evaluation, code=criterion.code).exclude(pk=criterion.pk)
    if criterion.code and twins.exists():
        problems.setdefault("code", []).append(_("Another criterion of this year has this code."))
    problems_or_none(problems)
    if not criterion.is_penalty:
        criterion.points_each = None
    if criterion.is_manual:
        criterion.indicator_key, criterion.rule, criterion.target, criterion.bands = "", "", None, []
    return audited_save(criterion, actor=actor)


def _criterion_problems(criterion: Criterion) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if criterion.is_manual:
        return problems
    if not criterion.indicator_key:
        refuse("indicator_key", _("Choose the indicator the points are computed from."))
    elif criterion.indicator_key not in known_indicators(criterion.evaluation.year):
        message = _("No indicator of the registry has the key “%(key)s”.")
        refuse("indicator_key", message % {"key": criterion.indicator_key})
    if criterion.is_penalty:
        if not criterion.points_each:
            refuse("points_each", _("Give the points taken off for each unit of the figure."))
        return problems
    if criterion.rule == ScoringRule.TARGET and not (criterion.target and criterion.target > 0):
        refuse("target", _("Give a target above zero."))
    elif criterion.rule == ScoringRule.BANDS:
        if not criterion.bands:
            refuse("bands", _("Give at least one band."))
        elif any(Decimal(str(points)) > (criterion.max_points or 0) for _lower, points in criterion.bands):
            refuse("bands", _("A band cannot give more than the criterion's maximum points."))
    elif not criterion.rule:
        refuse("rule", _("Choose how the points are computed."))
    return problems


@transaction.atomic
def criterion_delete(*, criterion: Criterion, actor: Any) -> None:
    require(actor, criterion)
    _preparing(criterion.evaluation)
    audited_delete(criterion, actor=actor)


# Opening, computing, locking.


@transaction.atomic
def evaluation_open(*, evaluation: Evaluation, actor: Any) -> Evaluation:
    require(actor, evaluation)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    require_status(evaluation, (EvaluationStatus.PREPARING,), _("This evaluation has already been opened."))
    if not evaluation.criteria.exists():
        raise ValidationError(_("Add the criteria of the rubric before opening the year."))
    evaluation.status = EvaluationStatus.OPEN
    evaluation.opened_at = timezone.now()
    audited_save(evaluation, actor=actor)
    return _compute(evaluation, actor)


@transaction.atomic
def evaluation_refresh(*, evaluation: Evaluation, actor: Any) -> Evaluation:
    """Compute the points again from the figures as they are now (new agencies get their scorecards)."""
    require(actor, evaluation)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _open(evaluation)
    return _compute(evaluation, actor)


def _compute(evaluation: Evaluation, actor: Any) -> Evaluation:
    """Write every agency's computed points; only the scores that changed get a history record.

    Steps: read the year's figures from the registry once; add the scorecards and scores that are missing
    (every agency's when the year opens, an agency created since on a refresh) with their points already
    computed; compare each existing computed score with what it should be, and update those that changed
    in batches (one ``UPDATE … CASE`` over thousands of rows is slow on PostgreSQL).
    """
    criteria = list(evaluation.criteria.all())
    values = indicators.figures(Period(evaluation.year))

    def points_of(criterion: Criterion, agency_id: Any) -> tuple[Decimal | None, Decimal | None]:
        if criterion.kind not in COMPUTING:
            return None, None
        figure = _figure(values.get(criterion.indicator_key, {}).get(agency_id))
        return figure, computed_points(criterion, figure)

    existing = _add_missing(evaluation, criteria, points_of, actor)
    by_pk = {criterion.pk: criterion for criterion in criteria}
    rows = CriterionScore.objects.filter(scorecard__in=existing, criterion__kind__in=COMPUTING)
    # Compared as plain values; only the rows that changed are read whole, for their history records.
    due = {}
    for pk, criterion, agency, figure, points in rows.values_list(
        "pk", "criterion", "scorecard__agency", "figure", "computed"
    ):
        now = points_of(by_pk[criterion], agency)
        if (figure, points) != now:
            due[pk] = now
    changed = list(CriterionScore.objects.filter(pk__in=due)) if due else []
    for score in changed:
        score.figure, score.computed = due[score.pk]
    bulk_update_with_history(
        changed, CriterionScore, ["figure", "computed"], default_user=actor, batch_size=BATCH
    )
    evaluation.computed_at = timezone.now()
    return audited_save(evaluation, actor=actor)


COMPUTING = (CriterionKind.COMPUTED, CriterionKind.PENALTY)
# Rows written per query when thousands are written at once.
BATCH = 1000


def _figure(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def evaluated_agencies() -> Any:
    """The active agencies the People's Committee ranks: its departments, public service units, districts
    and communes. Bodies listed for context (the Party committee, the People's Council, the Front, the
    newspaper) are not its to rank."""
    return Agency.objects.active().exclude(kind=Agency.Kind.OTHER)


def _add_missing(evaluation: Evaluation, criteria: list[Criterion], points_of: Any, actor: Any) -> list[Any]:
    """Create the scorecards of agencies without one, with every score computed; the ids of the others."""
    existing = list(evaluation.scorecards.values_list("pk", flat=True))
    new = [
        AgencyEvaluation(evaluation=evaluation, agency=agency)
        for agency in evaluated_agencies().exclude(evaluations__evaluation=evaluation).only("pk")
    ]
    created = bulk_create_with_history(new, AgencyEvaluation, default_user=actor, batch_size=BATCH)
    scores = []
    for card in created:
        for criterion in criteria:
            figure, points = points_of(criterion, card.agency_id)
            scores.append(CriterionScore(scorecard=card, criterion=criterion, figure=figure, computed=points))
    bulk_create_with_history(scores, CriterionScore, default_user=actor, batch_size=BATCH)
    return existing


@transaction.atomic
def evaluation_lock(*, evaluation: Evaluation, actor: Any) -> Evaluation:
    """Lock the year once every tie is decided and no head is ranked above the agency against the rule."""
    require(actor, evaluation)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _open(evaluation)
    ranking = ranking_of(evaluation).ranking
    if ranking.ties_open:
        message = _(
            "%(count)s agencies are tied at the boundary of the cap on “excellent”: decide which of them "
            "take the %(places)s remaining places before locking."
        )
        raise ValidationError(message % {"count": len(ranking.tied), "places": ranking.tie_places})
    above = sum(1 for placement in ranking.placements.values() if placement.head_above)
    if above:
        message = _("%(count)s heads are ranked above their agency: correct them before locking.")
        raise ValidationError(message % {"count": above})
    evaluation.status = EvaluationStatus.LOCKED
    evaluation.locked_at = timezone.now()
    return audited_save(evaluation, actor=actor)


@transaction.atomic
def evaluation_reopen(*, evaluation: Evaluation, reason: str, actor: Any) -> Evaluation:
    require(actor, evaluation)
    require_status(evaluation, (EvaluationStatus.LOCKED,), _("Only a locked evaluation is reopened."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say what has to be corrected.")]})
    evaluation.status = EvaluationStatus.OPEN
    evaluation.locked_at = None
    evaluation.reopen_reason = reason.strip()
    return audited_save(evaluation, actor=actor, reason=evaluation.reopen_reason)


# The agency's scorecard.


@transaction.atomic
def scorecard_save(
    *, scorecard: AgencyEvaluation, self_assessment: str, claims: dict[Any, tuple[Any, str]], actor: Any
) -> AgencyEvaluation:
    """The self-assessment and, for each manual criterion (score id → points, evidence), the claim."""
    require(actor, scorecard)
    _open(scorecard.evaluation)
    require_status(
        scorecard, (ScorecardStatus.DRAFT,), _("The scorecard has been submitted: it cannot be changed now.")
    )
    scores = scorecard.scores.select_related("criterion").filter(criterion__kind=CriterionKind.MANUAL)
    for score in scores.filter(pk__in=list(claims)):
        points, evidence = claims[score.pk]
        if points is not None and points > score.criterion.max_points:
            message = _("%(criterion)s: at most %(points)s points.")
            raise ValidationError(
                message % {"criterion": score.criterion, "points": score.criterion.max_points}
            )
        if (score.claimed, score.evidence) != (points, evidence):
            score.claimed, score.evidence = points, evidence
            audited_save(score, actor=actor)
    scorecard.self_assessment = self_assessment
    return audited_save(scorecard, actor=actor)


@transaction.atomic
def evidence_add(*, score: CriterionScore, upload: Any, actor: Any) -> EvidenceFile:
    require(actor, score)
    _open(score.scorecard.evaluation)
    require_status(
        score.scorecard, (ScorecardStatus.DRAFT,), _("Evidence is added before the scorecard is submitted.")
    )
    check_upload(upload, EVIDENCE, "file")
    if score.files.count() >= MAX_FILES:
        raise ValidationError(_("A criterion has at most %(count)s evidence files.") % {"count": MAX_FILES})
    return audited_save(EvidenceFile(score=score, file=upload, original_name=upload.name[:255]), actor=actor)


@transaction.atomic
def evidence_remove(*, evidence: EvidenceFile, actor: Any) -> None:
    require(actor, evidence)
    _open(evidence.score.scorecard.evaluation)
    require_status(evidence.score.scorecard, (ScorecardStatus.DRAFT,), _("The scorecard has been submitted."))
    audited_delete(evidence, actor=actor)


@transaction.atomic
def scorecard_submit(*, scorecard: AgencyEvaluation, actor: Any) -> AgencyEvaluation:
    """Submit the completed scorecard: a self-assessment, and points for every manual criterion; points
    above zero need evidence (a text or a file)."""
    require(actor, scorecard)
    _open(scorecard.evaluation)
    require_status(scorecard, (ScorecardStatus.DRAFT,), _("This scorecard has already been submitted."))
    problems = []
    if not scorecard.self_assessment.strip():
        problems.append(_("Write the agency's self-assessment before submitting."))
    manual = scorecard.scores.filter(criterion__kind=CriterionKind.MANUAL).select_related("criterion")
    for score in manual.prefetch_related("files"):
        if score.claimed is None:
            problems.append(_("%(criterion)s: give the points.") % {"criterion": score.criterion})
        elif score.claimed > 0 and not score.evidence.strip() and not score.files.all():
            problems.append(_("%(criterion)s: give the evidence.") % {"criterion": score.criterion})
    if problems:
        raise ValidationError(problems)
    scorecard.status = ScorecardStatus.SUBMITTED
    scorecard.submitted_at = timezone.now()
    scorecard.return_reason = ""
    return audited_save(scorecard, actor=actor)


@transaction.atomic
def scorecard_return(*, scorecard: AgencyEvaluation, reason: str, actor: Any) -> AgencyEvaluation:
    require(actor, scorecard, "review")
    _open(scorecard.evaluation)
    require_status(scorecard, (ScorecardStatus.SUBMITTED,), _("Only a submitted scorecard is returned."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say what the agency must complete or correct.")]})
    scorecard.status = ScorecardStatus.DRAFT
    scorecard.return_reason = reason.strip()
    return audited_save(scorecard, actor=actor, reason=scorecard.return_reason)


# Home Affairs' review.


@transaction.atomic
def score_adjust(*, score: CriterionScore, points: Decimal | None, reason: str, actor: Any) -> CriterionScore:
    """Set a score's points by hand, or with no points return it to what was computed or claimed."""
    require(actor, score, "review")
    _open(score.scorecard.evaluation)
    problems: dict[str, list[str]] = {}
    if points is not None and points > score.criterion.max_points:
        message = _("At most %(points)s points for this criterion.")
        problems["points"] = [message % {"points": _points(score.criterion.max_points)}]
    if not reason.strip():
        problems["reason"] = [_("Give the reason for the adjustment.")]
    problems_or_none(problems)
    score.adjusted = points
    score.adjustment_reason = reason.strip() if points is not None else ""
    return audited_save(score, actor=actor, reason=reason)


@transaction.atomic
def scorecard_decide(
    *,
    scorecard: AgencyEvaluation,
    tie_level: str,
    tie_reason: str,
    head_level: str,
    head_reason: str,
    actor: Any,
) -> AgencyEvaluation:
    """Home Affairs' decisions on an agency's level: a tie at the cap's boundary, and the head's level."""
    require(actor, scorecard, "review")
    evaluation = scorecard.evaluation
    _open(evaluation)
    standing = ranking_of(evaluation)
    placement = standing.ranking.placements[scorecard.pk]
    problems: dict[str, list[str]] = {}
    if tie_level and not placement.tied:
        problems["tie_level"] = [_("This agency is not tied at the boundary of the cap.")]
    elif (
        tie_level == Level.EXCELLENT
        and scorecard.tie_level != Level.EXCELLENT
        and standing.ranking.tie_chosen >= standing.ranking.tie_places
    ):
        message = _("The %(places)s places of the tie are already given: take one back first.")
        problems["tie_level"] = [message % {"places": standing.ranking.tie_places}]
    if tie_level and not tie_reason.strip():
        problems["tie_reason"] = [_("Give the reason for the decision.")]
    agency_level = placement.level if not placement.tied else (tie_level or None)
    if head_level and agency_level and head_level != agency_level and not head_reason.strip():
        problems["head_reason"] = [_("Give the reason why the head's level differs from the agency's.")]
    if (
        head_level
        and agency_level
        and evaluation.head_not_above_agency
        and rank(head_level) < rank(agency_level)
    ):
        problems["head_level"] = [_("The head cannot be ranked above the agency this year.")]
    problems_or_none(problems)
    scorecard.tie_level, scorecard.tie_reason = tie_level, tie_reason.strip() if tie_level else ""
    scorecard.head_level, scorecard.head_reason = head_level, head_reason.strip() if head_level else ""
    return audited_save(scorecard, actor=actor, reason=tie_reason or head_reason)
