"""Forms of petitions: the citizens' form on the portal, staff's record of one, each step, and the filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accountability.models import Petition, PetitionSource, PetitionStatus
from accountability.selectors import petitions as selectors
from accountability.services import petitions as services
from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.agencies.selectors import agency_choices
from dancoso.core.fields import NOTE_LENGTH, SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin

ACCEPT = ".png,.jpg,.jpeg,.webp,.pdf,.doc,.docx,.xls,.xlsx"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to three files in one input; each is checked by the service's rules as the form is cleaned."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [file for file in (data if isinstance(data, list | tuple) else [data]) if file]
        cleaned = [super(MultipleFileField, self).clean(file, initial) for file in files]
        services.check_attachments(cleaned)
        return cleaned


class PetitionForm(forms.ModelForm):
    """What a sender tells: who they are, how to reach them, the agency concerned, the field and content."""

    files = MultipleFileField(
        label=_("Attached files"),
        required=False,
        help_text=_("At most 3 files of 10 MB each: images, PDF, Word or Excel."),
    )

    class Meta:
        model = Petition
        fields = [
            "sender_name",
            "sender_phone",
            "sender_email",
            "requested_agency",
            "field",
            "title",
            "content",
        ]
        field_classes = {"requested_agency": AgencyChoiceField}
        labels = {"requested_agency": _("Agency concerned"), "sender_name": _("Your full name")}
        widgets = {"content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["requested_agency"]
        agency.queryset = agency_choices()
        agency.empty_label = _("Not known: the Department of Home Affairs will route it")
        self.fields["field"].queryset = selectors.petition_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            not (cleaned.get("sender_phone") or cleaned.get("sender_email"))
            and "sender_phone" not in self.errors
        ):
            self.add_error(
                "sender_phone", _("Give a phone number or an email address, so the agency can reach you.")
            )
        return cleaned


class FeedbackForm(PetitionForm):
    """The public form: consent, and a field people do not see that robots fill in (a honeypot)."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the agencies handling it use my name and contact details for this petition only."
        ),
        error_messages={"required": _("Tick the consent to send the petition.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class StaffPetitionForm(DatePickerMixin, PetitionForm):
    """A petition received on paper, by phone, at a meeting, or from the agency's own staff."""

    class Meta(PetitionForm.Meta):
        fields = ["source", "received_on", *PetitionForm.Meta.fields, "sender_address"]
        labels = {"requested_agency": _("Agency concerned"), "sender_name": _("Sender's full name")}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [c for c in PetitionSource.choices if c[0] != PetitionSource.PORTAL]
        agency = self.fields["requested_agency"]
        if not access.is_province_admin(user):
            # Staff record the petitions their own agency received; Home Affairs may route any.
            agency.queryset = access.own_agencies(agency.queryset, user)
            agency.initial = user.agency_id
            agency.disabled = True


class AssignForm(forms.Form):
    agency = AgencyChoiceField(label=_("Handling agency"), queryset=Agency.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = selectors.routing_agencies()


class ForwardForm(forms.Form):
    agency = AgencyChoiceField(
        label=_("Forward to"),
        required=False,
        queryset=Agency.objects.none(),
        help_text=_("Leave empty to send it back to the Department of Home Affairs for routing."),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = selectors.routing_agencies()
        self.fields["agency"].empty_label = _("Department of Home Affairs, to route it")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Public answer"),
        max_length=Petition._meta.get_field("answer").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The sender and the public read this on the portal."),
    )
    answer_file = forms.FileField(
        label=_("Answer file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx"}),
        help_text=_("The signed answer: PDF, DOC or DOCX, at most 20 MB."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the handling agency and the Department of Home Affairs only."),
    )


class PetitionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tracking code or subject"), required=False, max_length=SEARCH_LENGTH)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *PetitionStatus.choices]
    )
    agency = AgencyFilterChoiceField(
        label=_("Handling agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    field = forms.ModelChoiceField(
        label=_("Field"), required=False, queryset=selectors.petition_fields(), empty_label=_("All fields")
    )
    source = forms.ChoiceField(
        label=_("Received"), required=False, choices=[("", _("Any way")), *PetitionSource.choices]
    )
    year = forms.IntegerField(label=_("Year received"), required=False, min_value=2000, max_value=2100)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    unassigned = forms.BooleanField(label=_("Waiting for routing"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]
            del self.fields["unassigned"]


class OverdueFilterForm(forms.Form):
    agency = AgencyFilterChoiceField(
        label=_("Handling agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
