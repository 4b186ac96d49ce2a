"""Forms of the yearly movement and the pledges."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import ClearedFilesMixin, DatePickerMixin
from emulation.forms.common import DOCUMENT_ACCEPT, AgencyRecordForm, agency_filter
from emulation.models import Campaign, Pledge, PledgeStatus
from emulation.selectors.nominations import awards
from emulation.services import campaigns as services


class CampaignForm(ClearedFilesMixin, DatePickerMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = list(services.CAMPAIGN_FIELDS)
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "criteria": forms.Textarea(attrs={"rows": 5}),
            "document_file": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {
            "document_number": _(
                "The plan or decision of the Chair of the People's Committee, e.g. 25/KH-UBND"
            ),
            "document_file": _("PDF, DOC or DOCX, at most 20 MB."),
        }

    def _get_validation_exclusions(self) -> set[str]:
        # The service says in words that a movement of the year exists or that it ends before it starts.
        return {*super()._get_validation_exclusions(), "year", "ends_on"}


class PledgeForm(AgencyRecordForm):
    class Meta:
        model = Pledge
        fields = list(services.PLEDGE_FIELDS)
        widgets = {
            "collective_targets": forms.Textarea(attrs={"rows": 4}),
            "individual_targets": forms.Textarea(attrs={"rows": 4}),
            "file": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {
            "collective_targets": _("What the agency commits to in the movement, with measurable targets."),
            "file": _("The pledge signed by the head: PDF, DOC or DOCX, at most 20 MB."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collective_award"].queryset = awards().exclude(recipients="individual")
        if self.instance.pk:
            self.fields["campaign"].disabled = True

    def _get_validation_exclusions(self) -> set[str]:
        return {*super()._get_validation_exclusions(), "campaign"}


class PledgeFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Movement"), required=False, queryset=Campaign.objects.all(), empty_label=_("All movements")
    )
    agency = agency_filter()
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *PledgeStatus.choices]
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class MatrixForm(forms.Form):
    q = forms.CharField(label=_("Agency name"), required=False, max_length=SEARCH_LENGTH)
    not_sent = forms.BooleanField(label=_("Only agencies that have not sent a pledge"), required=False)
