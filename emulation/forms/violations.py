"""Forms of the violations register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.fields import YEAR_BOUNDS
from emulation.forms.common import AgencyRecordForm, agency_filter
from emulation.models import Violation, ViolationCategory, ViolationStatus
from emulation.selectors.violations import SORTS
from emulation.services import violations as services


class ViolationForm(AgencyRecordForm):
    class Meta:
        model = Violation
        fields = list(services.VIOLATION_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "status": _("Handled: the form of handling and its date are required."),
            "decision_date": _("A violation handled bars commendation in the year it was handled."),
        }


class ViolationFilterForm(forms.Form):
    agency = agency_filter()
    year = forms.IntegerField(label=_("Year found"), required=False, **YEAR_BOUNDS)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ViolationStatus.choices]
    )
    category = forms.ModelChoiceField(
        label=_("Rule broken"), required=False, queryset=ViolationCategory.objects.all(), empty_label=_("All")
    )
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS], widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]
