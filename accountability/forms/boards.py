"""Forms of the People's Inspection Boards: a term, a member, a supervision activity, the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accountability.forms.conferences import DOCUMENT_ACCEPT, checked_document, own_agency_field
from accountability.models import BoardRole, InspectionBoard, SupervisionActivity
from accountability.selectors import boards as selectors
from accountability.services import boards as services
from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency, Person
from dancoso.core.forms import DatePickerMixin


class BoardForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = InspectionBoard
        fields = list(services.BOARD_FIELDS)
        field_classes = {"agency": AgencyChoiceField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "term_end": _("Leave empty for a term of two years."),
            "recognised_on": _("The trade union recognises the election within 5 working days."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own_agency_field(self.fields["agency"], user, selectors.board_agencies(user))
        if self.instance.pk:
            self.fields["agency"].disabled = True
        self.fields["term_end"].required = False

    def _get_validation_exclusions(self) -> set[str]:
        # The service fills in an empty term end and says in words what the model's constraints refuse.
        return {*super()._get_validation_exclusions(), "term_end", "recognised_on"}


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.choices, initial=BoardRole.MEMBER)

    def __init__(self, *args: Any, board: InspectionBoard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.board_candidates(board)
        self.fields["person"].help_text = _(
            "People of the agency's registry who do not sit on the board yet."
        )


class SupervisionForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = SupervisionActivity
        fields = list(services.SUPERVISION_FIELDS)
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 5}),
            "file": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {"file": _("The signed findings: PDF, DOC or DOCX, at most 20 MB.")}

    def clean_file(self) -> Any:
        return checked_document(self.cleaned_data.get("file"))


class BoardFilterForm(forms.Form):
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    current = forms.BooleanField(label=_("Only terms in force today"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]
