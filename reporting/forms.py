"""Forms of the yearly report: the header and the narrative. They convert and validate; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.core.fields import NARRATIVE_LENGTH
from dancoso.core.forms import DatePickerMixin
from dancoso.periods import current_period
from reporting.measures import MEASURES
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


class SubmitForm(forms.Form):
    public = forms.BooleanField(label=_("Also publish it on the public portal"), required=False)
