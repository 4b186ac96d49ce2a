"""Forms of the yearly evaluation: the year, its ranking rules and rubric, the agency's self-assessment,
Home Affairs' adjustments and decisions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accountability.models import (
    AgencyEvaluation,
    Criterion,
    CriterionScore,
    Evaluation,
    Level,
    ScorecardStatus,
)
from accountability.models.evaluation import TOTAL_POINTS
from accountability.services import evaluation as services
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, SEARCH_LENGTH, YEAR_BOUNDS

POINTS_FIELD = {"max_digits": 5, "decimal_places": 2, "min_value": Decimal(0), "max_value": TOTAL_POINTS}
EVIDENCE_ACCEPT = ".pdf,.doc,.docx,.png,.jpg,.jpeg,.webp"


class PrepareForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR_BOUNDS)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = list(services.SETTINGS_FIELDS)
        help_texts = {
            "excellent_cap_percent": _(
                "Nghị định 335/2025: “excellent” may not exceed 20 per cent of those rated good or above."
            ),
            "head_not_above_agency": _("The head's level is proposed from the agency's."),
        }

    def _get_validation_exclusions(self) -> set[str]:
        # The service says in words which threshold is out of order.
        return {*super()._get_validation_exclusions(), "excellent_from", "good_from", "done_from"}


class BandsField(forms.CharField):
    """Point bands typed one per line as "from: points" ("90: 10"), best first once read."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(f"{_number(lower)}: {_number(points)}" for lower, points in value)
        return value

    def to_python(self, value: Any) -> list[list[float]]:
        text = super().to_python(value)
        bands = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            lower, _colon, points = line.partition(":")
            try:
                band = [Decimal(lower.strip().replace(",", ".")), Decimal(points.strip().replace(",", "."))]
            except InvalidOperation as exc:
                message = _("Line %(line)s: write a band as “from: points”, for example “90: 10”.")
                raise forms.ValidationError(message % {"line": number}) from exc
            if not all(part.is_finite() and part >= 0 and abs(part) < 10**15 for part in band):
                raise forms.ValidationError(
                    _("Line %(line)s: use numbers of zero or more.") % {"line": number}
                )
            bands.append([float(band[0]), float(band[1])])
        return sorted(bands, reverse=True)


def _number(value: Any) -> str:
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


class CriterionForm(forms.ModelForm):
    bands = BandsField(
        label=_("Point bands"),
        required=False,
        help_text=_("One band per line, “from: points”, for example “90: 10” then “70: 7”."),
    )

    class Meta:
        model = Criterion
        fields = list(services.CRITERION_FIELDS)
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, evaluation: Evaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = services.known_indicators(evaluation.year)
        choices = [(key, f"{indicator.label} ({key})") for key, indicator in known.items()]
        current = self.instance.indicator_key
        if current and current not in known:
            choices.append((current, current))
        self.fields["indicator_key"] = forms.ChoiceField(
            label=_("Indicator"),
            required=False,
            choices=[("", "—"), *choices],
            help_text=_(
                "The registry's figures of the year or the year before; none for a manual criterion."
            ),
        )

    def _get_validation_exclusions(self) -> set[str]:
        # The service says in words that another criterion has this code.
        return {*super()._get_validation_exclusions(), "code"}


class ScorecardForm(forms.Form):
    """The agency's self-assessment and, for each manual criterion, the points it claims and its evidence."""

    self_assessment = forms.CharField(
        label=_("Self-assessment"),
        required=False,
        max_length=NARRATIVE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the agency did for grassroots democracy this year, its shortcomings and causes."),
    )

    def __init__(self, *args: Any, scores: list[CriterionScore], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.manual = [score for score in scores if score.criterion.is_manual]
        for score in self.manual:
            criterion = score.criterion
            self.fields[f"points_{score.pk}"] = forms.DecimalField(
                label=_("%(criterion)s — points (at most %(max)s)")
                % {"criterion": criterion, "max": criterion.max_points},
                required=False,
                initial=score.claimed,
                **{**POINTS_FIELD, "max_value": criterion.max_points},
            )
            self.fields[f"evidence_{score.pk}"] = forms.CharField(
                label=_("%(criterion)s — evidence") % {"criterion": criterion.code},
                required=False,
                max_length=NOTE_LENGTH,
                initial=score.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=criterion.guidance,
            )

    def claims(self) -> dict[Any, tuple[Any, str]]:
        data = self.cleaned_data
        return {
            score.pk: (data.get(f"points_{score.pk}"), data.get(f"evidence_{score.pk}", ""))
            for score in self.manual
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        help_text=_("PDF, DOC, DOCX, PNG, JPG or WEBP, at most 20 MB."),
    )


class AdjustForm(forms.Form):
    points = forms.DecimalField(
        label=_("Points"),
        required=False,
        help_text=_("Leave empty to go back to the computed or claimed points."),
        **POINTS_FIELD,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept beside the computed value and in the history."),
    )


class DecideForm(forms.ModelForm):
    class Meta:
        model = AgencyEvaluation
        fields = ["tie_level", "tie_reason", "head_level", "head_reason"]
        widgets = {
            "tie_reason": forms.Textarea(attrs={"rows": 2}),
            "head_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "tie_level": _("Only for an agency tied on the score at the boundary of the cap on “excellent”."),
            "head_level": _("Empty: the same as the agency's."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tie_level"].choices = [
            ("", "—"),
            (Level.EXCELLENT, Level.EXCELLENT.label),
            (Level.GOOD, Level.GOOD.label),
        ]

    def _get_validation_exclusions(self) -> set[str]:
        return {*super()._get_validation_exclusions(), "tie_level"}


class RankingFilterForm(forms.Form):
    q = forms.CharField(label=_("Agency"), required=False, max_length=SEARCH_LENGTH)
    level = forms.ChoiceField(
        label=_("Ranking"), required=False, choices=[("", _("All rankings")), *Level.choices]
    )
    status = forms.ChoiceField(
        label=_("Scorecard"), required=False, choices=[("", _("All")), *ScorecardStatus.choices]
    )
    sort = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=[("", ""), ("score", "score"), ("name", "name"), ("level", "level")],
    )
