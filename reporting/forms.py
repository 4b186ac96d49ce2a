"""Forms of the yearly report: the header and the narrative. They convert and validate; services write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH
from dancoso.core.forms import DatePickerMixin
from dancoso.measures import MEASURES
from dancoso.periods import current_period
from reporting import sentences
from reporting.checks import Gap
from reporting.models import AnnualReport
from reporting.services import HEADER_FIELDS, NARRATIVE_TEXTS

TEXTAREA = {"rows": 5}


def _current_year() -> int:
    return current_period().year


class ReportCreateForm(forms.Form):
    # Offered as the current reporting period's year; a refused post shows what was typed instead.
    year = forms.IntegerField(
        label=_("Reporting year"), min_value=2000, max_value=2100, initial=_current_year
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if AnnualReport.objects.filter(year=year).exists():
            raise forms.ValidationError(_("The report of %(year)s already exists."), params={"year": year})
        return year


class ReportHeaderForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = list(HEADER_FIELDS)
        widgets = {"recipients": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, period_locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if period_locked:
            # The figures of existing versions were taken for these dates.
            for name in ("period_start", "period_end"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once a version has been generated.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", _("The data period must end after it starts."))
        return cleaned


class NarrativeForm(forms.ModelForm):
    """The narrative; one comment field per measure of the resolution, stored together."""

    class Meta:
        model = AnnualReport
        fields = list(NARRATIVE_TEXTS)
        widgets = {name: forms.Textarea(attrs=TEXTAREA) for name in fields}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        comments = self.instance.measure_comments or {}
        measure_fields = {
            f"measure_{m.key}": forms.CharField(
                label=_("Comment on part II.%(number)s: %(heading)s") % {"number": n, "heading": m.heading},
                required=False,
                max_length=NARRATIVE_LENGTH,
                widget=forms.Textarea(attrs=TEXTAREA),
                initial=comments.get(m.key, ""),
            )
            for n, m in enumerate(MEASURES, start=1)
        }
        # Part I first, then one comment per measure in the resolution's order, then parts III–V.
        ordered = {"leadership": self.fields.pop("leadership"), **measure_fields}
        self.fields = {**ordered, **self.fields}

    def narrative(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["measure_comments"] = {m.key: self.cleaned_data[f"measure_{m.key}"] for m in MEASURES}
        return data


REASON_LENGTH = 300


class SubmitForm(forms.Form):
    """Submission, with what the version still lacks: each gap the office may leave is ticked and explained.

    A gap that cannot be left (the resolution uncited) makes the form invalid whatever is ticked.
    """

    public = forms.BooleanField(label=_("Also publish it on the public portal"), required=False)

    def __init__(self, *args: Any, gaps: Sequence[Gap] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gaps = list(gaps)
        for gap in self.gaps:
            if gap.acceptable:
                name = _field(gap)
                self.fields[f"accept_{name}"] = forms.BooleanField(
                    label=_("Leave it as it is"), required=False
                )
                self.fields[f"reason_{name}"] = forms.CharField(
                    label=_("Reason"), required=False, max_length=REASON_LENGTH
                )

    def rows(self) -> list[tuple[Gap, Any, Any]]:
        """Each gap with its two fields (none for a gap that must be fixed), for the template."""
        return [
            (gap, self[f"accept_{_field(gap)}"], self[f"reason_{_field(gap)}"])
            if gap.acceptable
            else (gap, None, None)
            for gap in self.gaps
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for gap in self.gaps:
            if not gap.acceptable:
                self.add_error(None, gap.message)
                continue
            name = _field(gap)
            accepted, reason = cleaned.get(f"accept_{name}"), (cleaned.get(f"reason_{name}") or "").strip()
            if accepted and not reason:
                self.add_error(f"reason_{name}", _("Say why this is left as it is."))
            elif not accepted:
                self.add_error(
                    f"accept_{name}", _("Fix it in a new version, or tick this box and give the reason.")
                )
        return cleaned

    def accepted(self) -> dict[str, str]:
        return {
            gap.code: self.cleaned_data[f"reason_{_field(gap)}"].strip()
            for gap in self.gaps
            if gap.acceptable and self.cleaned_data.get(f"accept_{_field(gap)}")
        }


def _field(gap: Gap) -> str:
    return gap.code.replace(".", "__")


class SentencesForm(forms.Form):
    """Every drafting sentence, as Home Affairs has it now; a placeholder the draft cannot fill is refused."""

    def __init__(self, *args: Any, texts: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for sentence in sentences.CATALOGUE:
            names = sentence.names(sentences.SECTION_KEYS.get(sentence.key, ()))
            self.fields[sentence.key] = forms.CharField(
                label=sentence.purpose,
                required=False,
                strip=False,
                max_length=NOTE_LENGTH,
                initial=texts.get(sentence.key, sentence.default),
                widget=forms.Textarea(attrs={"rows": 4 if sentence.key.startswith("section.") else 2}),
                help_text=_("Placeholders: %(names)s") % {"names": ", ".join(f"{{{n}}}" for n in names)},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for sentence in sentences.CATALOGUE:
            text = cleaned.get(sentence.key)
            if text is None:
                continue
            allowed = set(sentence.names(sentences.SECTION_KEYS.get(sentence.key, ())))
            try:
                used = sentences.used_placeholders(text)
            except ValueError:
                self.add_error(
                    sentence.key,
                    _(
                        "A brace is not closed: put each placeholder's name between an opening and a "
                        "closing brace."
                    ),
                )
                continue
            unknown = sorted({name for name in used if name not in allowed})
            if unknown:
                self.add_error(
                    sentence.key,
                    _("Unknown placeholder: %(names)s. Use only those listed under the field.")
                    % {"names": ", ".join(f"{{{name}}}" for name in unknown)},
                )
        return cleaned
