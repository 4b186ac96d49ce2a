"""What the forms of §4 share: a record of one agency, naming one of its people."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.core.forms import ClearedFilesMixin, DatePickerMixin
from emulation.selectors.nominations import agency_people

DOCUMENT_ACCEPT = ".pdf,.doc,.docx"
IMAGE_ACCEPT = ".png,.jpg,.jpeg,.webp"


class AgencyRecordForm(ClearedFilesMixin, DatePickerMixin, forms.ModelForm):
    """A record of one agency, which is fixed: the staff's own, the record's, or the one Home Affairs chose
    first. A person it names is one of that agency's active staff, so nobody of another agency can be
    chosen (a posted id of anyone else is an invalid choice)."""

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = Agency.objects.filter(pk=agency.pk)
        field.initial = agency.pk
        field.disabled = True
        if "person" in self.fields:
            self.fields["person"].queryset = agency_people(agency)

    def _get_validation_exclusions(self) -> set[str]:
        # The services say in words what the model's constraints would only call a violated constraint.
        return {*super()._get_validation_exclusions(), "person", "status", "handling", "decision_date"}


class ChooseAgencyForm(forms.Form):
    """Home Affairs records for any agency: it chooses the agency first, then the form names its people."""

    agency = AgencyChoiceField(label=_("Agency"), queryset=Agency.objects.active())


def agency_filter() -> AgencyFilterChoiceField:
    return AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
