"""Forms of the roster import and of the training reports (absentees, coverage)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.forms import AgencyFilterChoiceField, PersonImportForm
from dancoso.agencies.models import Agency
from training.models import AttendanceStatus, TargetGroup, TrainingClass
from training.selectors.reports import plan_years


class RosterImportForm(PersonImportForm):
    """The people import's upload: .xlsx only, the size limit, the same reader (rows as ``PersonRow``)."""


def _year_choices(years: list[int]) -> list[tuple[int, int]]:
    return [(year, year) for year in years]


class AbsenteeFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Plan year"), required=False, coerce=int, empty_value=None)
    # Retired agencies stay in this filter: their old absences must still be found.
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    training_class = forms.ModelChoiceField(
        label=_("Class"),
        required=False,
        queryset=TrainingClass.objects.order_by("-start_date", "title"),
        empty_label=_("All classes"),
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[
            ("", _("All target groups")),
            *((value, capfirst(label)) for value, label in TargetGroup.choices),
        ],
    )
    status = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[
            ("absent", AttendanceStatus.ABSENT.label),
            ("excused", AttendanceStatus.EXCUSED.label),
            ("both", _("Absent or excused")),
        ],
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *_year_choices(plan_years())]


class CoverageFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Plan year"), coerce=int)
    nobody_trained = forms.BooleanField(label=_("Only agencies with nobody trained"), required=False)

    def __init__(self, data: Any = None, *, default_year: int, **kwargs: Any) -> None:
        # The year picker always shows the year on display: without one in the address, the default year.
        if data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = str(default_year)
        super().__init__(data, **kwargs)
        years = sorted({default_year, *plan_years()}, reverse=True)
        self.fields["year"].choices = _year_choices(years)


class SheetFilterForm(forms.Form):
    """Narrows a session's marking sheet, which for a large class is read a page at a time."""

    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    q = forms.CharField(label=_("Name"), required=False, max_length=150)
    unmarked = forms.BooleanField(label=_("Only those not marked yet"), required=False)
