"""Forms of disclosures and consultations: one record each, the lists' filters, and the matrix's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accountability.forms.conferences import own_agency_field
from accountability.models import Consultation, ConsultationKind, Disclosure, Participation
from accountability.selectors import disclosures as selectors
from accountability.services import disclosures as services
from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.agencies.selectors import agency_choices
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin, ManyRowsChoiceField, WebAddressField

ACCEPT = ".pdf,.doc,.docx,.png,.jpg,.jpeg,.webp"
FILE_HELP = _("PDF, DOC, DOCX or an image, at most 20 MB.")


class AgencyRecordForm(DatePickerMixin, forms.ModelForm):
    """A record of an agency: staff keep their own agency's (the field is fixed), Home Affairs chooses."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own_agency_field(self.fields["agency"], user, access.own_agencies(agency_choices(), user))

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            services.FILES.check(upload)
        return upload


class DisclosureRecordForm(AgencyRecordForm):
    class Meta:
        model = Disclosure
        fields = [*services.DISCLOSURE_FIELDS[:6], "forms", *services.DISCLOSURE_FIELDS[6:]]
        field_classes = {"agency": AgencyChoiceField, "url": WebAddressField, "forms": ManyRowsChoiceField}
        widgets = {
            "forms": forms.CheckboxSelectMultiple,
            "file": forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "year": _("The year whose content is disclosed (the matrix counts it for that year)."),
            "url": _("Where staff can read it, starting with http:// or https://."),
            "file": FILE_HELP,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["category"].queryset = selectors.categories()
        self.fields["forms"].queryset = selectors.disclosure_forms()
        self.fields["forms"].error_messages["required"] = _("Choose at least one form of disclosure.")


class ConsultationForm(AgencyRecordForm):
    class Meta:
        model = Consultation
        fields = list(services.CONSULTATION_FIELDS)
        field_classes = {"agency": AgencyChoiceField}
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 4}),
            "file": forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        }
        help_texts = {
            "participants": _("How many staff took part."),
            "outcome": _("What was decided or commented, and what the head did with it."),
            "file": FILE_HELP,
        }

    def clean(self) -> dict[str, Any]:
        # Said here too, on the field, before the model's own check gives a message about a constraint.
        cleaned = super().clean()
        start, end = cleaned.get("started_on"), cleaned.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", services.END_BEFORE_START)
        return cleaned


class _AgencyFilterForm(DatePickerMixin, forms.Form):
    # Retired agencies stay in the filter: their old records must still be found.
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class DisclosureFilterForm(_AgencyFilterForm):
    q = forms.CharField(label=_("Content disclosed"), required=False, max_length=SEARCH_LENGTH)
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=selectors.categories(), empty_label=_("All categories")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    date_from = forms.DateField(label=_("Disclosed from"), required=False)
    date_to = forms.DateField(label=_("Disclosed until"), required=False)


class ConsultationFilterForm(_AgencyFilterForm):
    q = forms.CharField(label=_("Matter"), required=False, max_length=SEARCH_LENGTH)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ConsultationKind.choices]
    )
    participation = forms.ChoiceField(
        label=_("How staff took part"), required=False, choices=[("", _("Every way")), *Participation.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class MatrixForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Agency name"), required=False, max_length=SEARCH_LENGTH)
    gaps_only = forms.BooleanField(label=_("Only agencies with gaps"), required=False)
