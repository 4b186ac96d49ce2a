"""The yearly evaluation and ranking of agencies and their heads (Art. 1 §3c of the resolution).

Each year has one ``Evaluation``: its rubric (``Criterion`` rows, copied from the year before), its ranking
rules (score thresholds of the four levels, the cap on "excellent", the rule for the head) and its status:
preparing (Home Affairs edits the rubric) → open (points are computed from the year's figures, agencies
complete the manual criteria with evidence and submit) → locked (nothing changes; a correction reopens it
with a reason, kept in the history).

Every active agency has an ``AgencyEvaluation`` (its scorecard) with one ``CriterionScore`` per criterion:
the figure the points came from, the computed points or the points the agency claims, the evidence, and
Home Affairs' adjustment with its reason beside them. Totals and levels are worked out from these rows
(``accountability.scoring``), never typed.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, HOME_AFFAIRS, Reach, Release, can_read_any
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, YEAR_VALIDATORS, actor_field
from dancoso.core.uploads import random_name

# The points of a rubric add up to this.
TOTAL_POINTS = Decimal(100)
POINTS = {"max_digits": 5, "decimal_places": 2}
# A figure may be a sum of money in đồng (up to 10^15) or a share in per cent.
FIGURE = {"max_digits": 20, "decimal_places": 2}
POINT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(TOTAL_POINTS)]


class EvaluationStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing the rubric")
    OPEN = "open", _("Open")
    LOCKED = "locked", _("Locked")


class Level(models.TextChoices):
    """Xếp loại chất lượng, best first (Nghị định 335/2025/NĐ-CP)."""

    EXCELLENT = "excellent", _("Excellent task completion")
    GOOD = "good", _("Good task completion")
    DONE = "done", _("Task completion")
    NOT_DONE = "not_done", _("Task non-completion")


# Best first: a level's position in this list is its rank (lower is better).
LEVEL_ORDER = tuple(Level)


class Evaluation(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.PREPARING
    )
    excellent_from = models.DecimalField(
        _("excellent from (points)"), default=Decimal(90), validators=POINT_VALIDATORS, **POINTS
    )
    good_from = models.DecimalField(
        _("good from (points)"), default=Decimal(70), validators=POINT_VALIDATORS, **POINTS
    )
    done_from = models.DecimalField(
        _("completed from (points)"), default=Decimal(50), validators=POINT_VALIDATORS, **POINTS
    )
    excellent_cap_percent = models.PositiveSmallIntegerField(
        _("excellent at most (per cent of those rated good or above)"),
        default=20,
        validators=[MaxValueValidator(100)],
    )
    head_not_above_agency = models.BooleanField(
        _("the head is ranked no higher than the agency"), default=True
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    computed_at = models.DateTimeField(_("points computed at"), null=True, blank=True, editable=False)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    reopen_reason = models.TextField(_("reason for reopening"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("prepared by"))
    history = HistoricalRecords()
    # Agencies read the rubric they are scored by; the People's Council reads the locked results.
    reach = Reach(
        read=ALL,
        write=HOME_AFFAIRS,
        release=Release(can_read_any, status=EvaluationStatus.LOCKED),
    )

    class Meta:
        verbose_name = _("yearly evaluation")
        verbose_name_plural = _("yearly evaluations")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(excellent_from__gt=F("good_from"), good_from__gt=F("done_from")),
                name="evaluation_thresholds_in_order",
            ),
            models.CheckConstraint(
                condition=Q(excellent_cap_percent__lte=100), name="evaluation_cap_percent"
            ),
        ]

    def __str__(self) -> str:
        return _("Evaluation of %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("accountability:evaluation_detail", args=[self.year])

    @property
    def is_preparing(self) -> bool:
        return self.status == EvaluationStatus.PREPARING

    @property
    def is_open(self) -> bool:
        return self.status == EvaluationStatus.OPEN

    @property
    def is_locked(self) -> bool:
        return self.status == EvaluationStatus.LOCKED


class CriterionKind(models.TextChoices):
    COMPUTED = "computed", _("Computed from a figure")
    MANUAL = "manual", _("Given with evidence")
    PENALTY = "penalty", _("Penalty")


class ScoringRule(models.TextChoices):
    TARGET = "target", _("Full points at or above the target, proportional below it")
    BANDS = "bands", _("Point bands")


class Criterion(models.Model):
    """One line of the rubric: points computed from an indicator, given with evidence, or taken off."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="criteria"
    )
    group = models.CharField(_("group"), max_length=150)
    code = models.CharField(_("code"), max_length=10, help_text=_("For example: 1.2"))
    title = models.CharField(_("criterion"), max_length=255)
    max_points = models.DecimalField(
        _("maximum points"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(TOTAL_POINTS)],
        help_text=_("For a penalty: the most it takes off."),
        **POINTS,
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices)
    indicator_key = models.CharField(
        _("indicator"), max_length=100, blank=True, help_text=_("The figure it is computed from.")
    )
    rule = models.CharField(_("scoring rule"), max_length=10, choices=ScoringRule.choices, blank=True)
    target = models.DecimalField(_("target"), null=True, blank=True, **FIGURE)
    # Point bands, best first: [[from value, points], …].
    bands = models.JSONField(_("point bands"), default=list, blank=True)
    full_without_figure = models.BooleanField(
        _("full points where nothing arose"),
        default=False,
        help_text=_("An agency without the figure (no petition received, say) gets the full points."),
    )
    points_each = models.DecimalField(
        _("points off for each"), null=True, blank=True, validators=POINT_VALIDATORS, **POINTS
    )
    guidance = models.TextField(_("evidence expected"), max_length=NOTE_LENGTH, blank=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    history = HistoricalRecords()
    reach = Reach(read=ALL, write=HOME_AFFAIRS)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["evaluation", "display_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "code"], name="criterion_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    @property
    def is_computed(self) -> bool:
        return self.kind == CriterionKind.COMPUTED

    @property
    def is_manual(self) -> bool:
        return self.kind == CriterionKind.MANUAL

    @property
    def is_penalty(self) -> bool:
        return self.kind == CriterionKind.PENALTY


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Being completed by the agency")
    SUBMITTED = "submitted", _("Submitted to Home Affairs")


class AgencyEvaluation(models.Model):
    """An agency's scorecard for the year: its self-assessment, and Home Affairs' ranking decisions."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scorecards"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="evaluations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    self_assessment = models.TextField(_("self-assessment"), max_length=NARRATIVE_LENGTH, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    return_reason = models.TextField(_("reason returned"), max_length=NOTE_LENGTH, blank=True)
    # Home Affairs' choice for an agency tied at the boundary of the cap on "excellent".
    tie_level = models.CharField(
        _("level decided for the tie"), max_length=10, choices=Level.choices, blank=True
    )
    tie_reason = models.TextField(_("reason for the tie decision"), max_length=NOTE_LENGTH, blank=True)
    # The head's ranking; empty: proposed equal to the agency's.
    head_level = models.CharField(_("level of the head"), max_length=10, choices=Level.choices, blank=True)
    head_reason = models.TextField(_("reason for the head's level"), max_length=NOTE_LENGTH, blank=True)
    history = HistoricalRecords()
    # The agency completes its own scorecard; Home Affairs reviews. Once locked, every reader sees it.
    reach = Reach(
        read=("agency",),
        write=("agency",),
        actions={"review": HOME_AFFAIRS},
        release=Release(can_read_any, evaluation__status=EvaluationStatus.LOCKED),
    )

    class Meta:
        verbose_name = _("agency scorecard")
        verbose_name_plural = _("agency scorecards")
        ordering = ["evaluation", "agency__display_order", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "agency"], name="scorecard_one_per_agency"),
            models.CheckConstraint(
                condition=Q(tie_level="") | Q(tie_level__in=[Level.EXCELLENT, Level.GOOD]),
                name="scorecard_tie_level",
            ),
        ]

    def __str__(self) -> str:
        return _("Scorecard of %(agency)s for %(year)s") % {
            "agency": self.agency,
            "year": self.evaluation.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("accountability:scorecard", args=[self.evaluation.year, self.agency_id])

    @property
    def is_draft(self) -> bool:
        return self.status == ScorecardStatus.DRAFT


class CriterionScore(models.Model):
    scorecard = models.ForeignKey(
        AgencyEvaluation, verbose_name=_("scorecard"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    figure = models.DecimalField(_("figure"), null=True, blank=True, **FIGURE)
    computed = models.DecimalField(_("computed points"), null=True, blank=True, **POINTS)
    claimed = models.DecimalField(
        _("points claimed"), null=True, blank=True, validators=POINT_VALIDATORS, **POINTS
    )
    evidence = models.TextField(_("evidence"), max_length=NOTE_LENGTH, blank=True)
    adjusted = models.DecimalField(
        _("adjusted points"), null=True, blank=True, validators=POINT_VALIDATORS, **POINTS
    )
    adjustment_reason = models.TextField(_("reason for the adjustment"), max_length=NOTE_LENGTH, blank=True)
    history = HistoricalRecords()
    reach = Reach(
        read=("scorecard__agency",),
        write=("scorecard__agency",),
        actions={"review": HOME_AFFAIRS},
        release=Release(can_read_any, scorecard__evaluation__status=EvaluationStatus.LOCKED),
    )

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["scorecard", "criterion__display_order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(adjusted__isnull=True) | ~Q(adjustment_reason=""),
                name="score_adjustment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} — {self.scorecard.agency}"


def evidence_path(instance: EvidenceFile, filename: str) -> str:
    return random_name(f"accountability/evidence/{instance.score.scorecard.agency_id}", filename)


class EvidenceFile(models.Model):
    score = models.ForeignKey(
        CriterionScore, verbose_name=_("criterion score"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    history = HistoricalRecords()
    reach = Reach(
        read=("score__scorecard__agency",),
        write=("score__scorecard__agency",),
        release=Release(can_read_any, score__scorecard__evaluation__status=EvaluationStatus.LOCKED),
    )

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["score", "pk"]

    def __str__(self) -> str:
        return self.original_name
