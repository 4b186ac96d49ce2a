"""Forms of the staff conferences: a conference, a resolution, the list's filters and the matrix's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accountability.models import ConferenceResolution, StaffConference
from accountability.selectors import conferences as selectors
from accountability.services import conferences as services
from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin
from dancoso.core.uploads import DOCUMENTS

DOCUMENT_ACCEPT = ".pdf,.doc,.docx"


def checked_document(upload: Any) -> Any:
    """A newly chosen PDF, DOC or DOCX, checked by its content; a file already kept (or none) passes.

    A file cleared with the form's checkbox comes as ``False``: the services get an empty file instead,
    as Django's own form saving would store.
    """
    if isinstance(upload, UploadedFile):
        DOCUMENTS.check(upload)
    return "" if upload is False else upload


def own_agency_field(field: forms.ModelChoiceField, user: Any, queryset: Any) -> None:
    """Agency staff keep their own agency's records; a disabled field ignores posted values."""
    field.queryset = queryset
    if not access.is_province_admin(user):
        field.initial = user.agency_id
        field.disabled = True


class ConferenceForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = StaffConference
        fields = list(services.CONFERENCE_FIELDS)
        field_classes = {"agency": AgencyChoiceField}
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {
            "held_on": _(
                "By 31 March of the next year (Law 10/2022 Art. 51); a later date is recorded as late."
            ),
            "present": _("The conference is valid with at least two thirds of the staff summoned present."),
            "minutes": _("The signed minutes: PDF, DOC or DOCX, at most 20 MB."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own_agency_field(self.fields["agency"], user, selectors.conference_agencies(user))
        if self.instance.pk:
            # The agency and year name the conference in every figure; a wrong one is a new record.
            self.fields["agency"].disabled = self.fields["year"].disabled = True

    def clean_minutes(self) -> Any:
        return checked_document(self.cleaned_data.get("minutes"))

    def _get_validation_exclusions(self) -> set[str]:
        # The service refuses a second conference of the year and more present than summoned in words; the
        # model's constraints would only say "constraint violated", so the form leaves them to it.
        return {*super()._get_validation_exclusions(), "agency", "summoned", "present"}


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = ConferenceResolution
        fields = list(services.RESOLUTION_FIELDS)
        help_texts = {"votes_for": _("It passes with the votes of more than half of the staff present.")}


class ConferenceFilterForm(forms.Form):
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    year = forms.IntegerField(label=_("Year reported on"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class MatrixForm(forms.Form):
    year = forms.IntegerField(label=_("Year reported on"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Agency name"), required=False, max_length=SEARCH_LENGTH)
    not_held = forms.BooleanField(label=_("Only agencies that have not held it"), required=False)
