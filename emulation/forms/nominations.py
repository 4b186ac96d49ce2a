"""Forms of quotas and nominations, and of the council's review and the decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField
from dancoso.agencies.models import Agency
from dancoso.core.fields import YEAR_BOUNDS
from dancoso.core.forms import DatePickerMixin
from emulation.forms.common import DOCUMENT_ACCEPT, AgencyRecordForm, agency_filter
from emulation.models import Award, Nomination, NominationStatus, NomineeKind, Quota
from emulation.models.commendation import MAX_PLACES
from emulation.selectors.nominations import awards
from emulation.services import nominations as services


class QuotaForm(forms.ModelForm):
    class Meta:
        model = Quota
        fields = list(services.QUOTA_FIELDS)
        field_classes = {"agency": AgencyChoiceField}
        help_texts = {"places": _("How many nominations of this form the agency may submit in the year.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.active()
        self.fields["award"].queryset = awards()
        self.fields["places"].max_value = MAX_PLACES
        if self.instance.pk:
            for name in ("year", "agency", "award"):
                self.fields[name].disabled = True

    def _get_validation_exclusions(self) -> set[str]:
        # The service says in words that the agency already has this quota, or that places are held.
        return {*super()._get_validation_exclusions(), "year", "agency", "award", "places"}


class AllocateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR_BOUNDS)
    award = forms.ModelChoiceField(label=_("Form of commendation"), queryset=Award.objects.none())
    places = forms.IntegerField(label=_("Places for each agency"), min_value=1, max_value=MAX_PLACES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = awards()


class QuotaFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_BOUNDS)
    agency = agency_filter()
    award = forms.ModelChoiceField(
        label=_("Form of commendation"), required=False, queryset=Award.objects.all(), empty_label=_("All")
    )
    full = forms.BooleanField(label=_("Only quotas with no place left"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class NominationForm(AgencyRecordForm):
    class Meta:
        model = Nomination
        fields = list(services.NOMINATION_FIELDS)
        widgets = {"kind": forms.RadioSelect, "achievements": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "person": _("For an individual: one of the agency's people."),
            "collective_name": _("For a collective: leave empty for the agency itself, or name its unit."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = awards()
        self.fields["year"].min_value, self.fields["year"].max_value = 2000, 2100


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("File of the dossier"),
        help_text=_("PDF, DOC or DOCX, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )


class ReviewForm(DatePickerMixin, forms.Form):
    approved = forms.TypedChoiceField(
        label=_("The council's opinion"),
        choices=[("yes", _("Approved")), ("no", _("Not approved"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reviewed_on = forms.DateField(label=_("Reviewed on"))
    reason = forms.CharField(
        label=_("Reason, if not approved"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(DatePickerMixin, forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=50)
    decision_date = forms.DateField(label=_("Decision date"))
    decision_issuer = forms.CharField(
        label=_("Decided by"), max_length=255, help_text=_("For example: Chủ tịch UBND tỉnh Bắc Giang")
    )


class NominationFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_BOUNDS)
    agency = agency_filter()
    award = forms.ModelChoiceField(
        label=_("Form of commendation"), required=False, queryset=Award.objects.all(), empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *NominationStatus.choices]
    )
    kind = forms.ChoiceField(label=_("Who"), required=False, choices=[("", _("All")), *NomineeKind.choices])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]
