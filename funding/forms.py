"""Forms of budget lines: a line, a spending entry, the list's filters, the import and the summary's year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.core.activities import activity_choices
from dancoso.core.fields import YEAR_BOUNDS
from dancoso.core.forms import DatePickerMixin, MoneyField
from funding import selectors, services
from funding.models import MEASURE_CHOICES, BudgetLine, FundingSource, Spending


class LineForm(forms.ModelForm):
    estimate = MoneyField(label=_("Estimate (đồng)"))
    allocated = MoneyField(
        label=_("Allocated (đồng)"), required=False, help_text=_("Leave empty until allocated.")
    )
    activity = forms.ChoiceField(
        label=_("Activity it pays for"),
        required=False,
        help_text=_("Optional: a training class, a dissemination activity or an IT system of the agency."),
    )

    class Meta:
        model = BudgetLine
        fields = list(services.LINE_FIELDS)
        field_classes = {"agency": AgencyChoiceField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = selectors.line_agencies(user)
        if not access.is_province_admin(user):
            field.initial, field.disabled = user.agency_id, True
        agency, year = self._agency_and_year(user)
        self.fields["activity"].choices = [("", _("None")), *activity_choices(agency, year)]
        if self.instance.activity_type_id:
            self.initial["activity"] = f"{self.instance.activity_type_id}:{self.instance.activity_id}"

    def _agency_and_year(self, user: Any) -> tuple[Any, Any]:
        """The line's agency and year as posted, stored or given, for the activities it may point at."""
        agency = self.instance.agency_id or (user.agency_id if not access.is_province_admin(user) else None)
        year = self.instance.year or self.initial.get("year")
        if self.is_bound:
            agency = self.data.get("agency") or agency
            year = self.data.get("year") or year
        return _small_number(agency), _small_number(year)


class SpendingForm(DatePickerMixin, forms.ModelForm):
    amount = MoneyField(label=_("Amount (đồng)"))

    class Meta:
        model = Spending
        fields = list(services.SPENDING_FIELDS)


class LineFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Budget year"), required=False, **YEAR_BOUNDS)
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    measure = forms.ChoiceField(
        label=_("Measure"), required=False, choices=[("", _("All measures")), *MEASURE_CHOICES]
    )
    source = forms.ModelChoiceField(
        label=_("Source"), required=False, queryset=FundingSource.objects.all(), empty_label=_("All sources")
    )
    overspent = forms.BooleanField(label=_("Only lines spent above allocated"), required=False)
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in selectors.SORTS], widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class ImportForm(forms.Form):
    year = forms.IntegerField(label=_("Budget year"), **YEAR_BOUNDS)
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The template's columns; every row is recorded, or none if a row has a problem."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Budget year"), required=False, **YEAR_BOUNDS)


def _small_number(value: Any) -> int | None:
    """A key or a year as posted: a whole number of a few digits, or ``None`` for anything else."""
    text = str(value)
    return int(text) if text.isdigit() and text.isascii() and len(text) <= 12 else None
