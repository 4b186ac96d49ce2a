"""Forms of exemplary models: a model, a photo, the staff list's filters and the portal's search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.fields import SEARCH_LENGTH, YEAR_BOUNDS
from emulation.forms.common import IMAGE_ACCEPT, AgencyRecordForm, agency_filter
from emulation.models import Exemplar, ExemplarPhoto, ExemplarStatus, NomineeKind
from emulation.services import exemplars as services


class ExemplarForm(AgencyRecordForm):
    class Meta:
        model = Exemplar
        fields = list(services.EXEMPLAR_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "achievements": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"person": _("For an individual: one of the agency's people.")}


class PhotoForm(forms.ModelForm):
    class Meta:
        model = ExemplarPhoto
        fields = ["image", "caption"]
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT})}
        help_texts = {"image": _("PNG, JPG or WEBP, at most 5 MB.")}


class ExemplarFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or model"), required=False, max_length=SEARCH_LENGTH)
    agency = agency_filter()
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_BOUNDS)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ExemplarStatus.choices]
    )
    kind = forms.ChoiceField(label=_("Who"), required=False, choices=[("", _("All")), *NomineeKind.choices])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class PublicExemplarForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_LENGTH)
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR_BOUNDS)
    kind = forms.ChoiceField(label=_("Who"), required=False, choices=[("", _("All")), *NomineeKind.choices])
