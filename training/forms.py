"""Forms of the training pages: they convert and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.forms import AgencyChoiceField
from dancoso.agencies.models import Agency, Person
from dancoso.agencies.selectors import agency_choices
from dancoso.core.fields import NOTE_LENGTH, SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin, ManyRowsChoiceField
from dancoso.core.widgets import LongSelect
from training.models import ClassStatus, EnrolmentStatus, TargetGroup, TrainingClass, TrainingPlan
from training.services.classes import CLASS_FIELDS, SESSION_FIELDS
from training.services.plans import PLAN_FIELDS

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class PlanForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["year", *PLAN_FIELDS]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"decision_number": _("For example 125/QĐ-UBND.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["year"]


class ClassForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = TrainingClass
        fields = list(CLASS_FIELDS)
        widgets = {
            "organiser": LongSelect,
            "trainers": forms.Textarea(attrs={"rows": 3}),
            "attendance_by": forms.RadioSelect,
        }
        error_messages = {
            "capacity": {
                "min_value": _("The capacity must be at least 1."),
                "invalid": _("Write the capacity as a whole number, for example 120."),
            },
            "completion_percent": {
                "invalid": _("Write the share as a whole number from 1 to 100."),
                "max_value": _("Write the share as a whole number from 1 to 100."),
                "min_value": _("Write the share as a whole number from 1 to 100."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = agency_choices()
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The class cannot end before it starts."))
        groups = ("for_democracy_officers", "for_inspection_members", "for_others")
        if not any(cleaned.get(name) for name in groups):
            self.add_error("for_democracy_officers", _("Choose at least one target group."))
        return cleaned


class ClassFilterForm(forms.Form):
    q = forms.CharField(label=_("Title"), required=False, max_length=SEARCH_LENGTH)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organiser = AgencyChoiceField(
        label=_("Organising agency"),
        required=False,
        queryset=Agency.objects.none(),
        empty_label=_("All agencies"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + ClassStatus.choices
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All"))] + TargetGroup.choices
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = TrainingPlan.objects.values_list("year", flat=True)
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]
        self.fields["organiser"].queryset = Agency.objects.filter(training_classes__isnull=False).distinct()


class SessionTimesForm(forms.Form):
    """Start and end times of a session, the end after the start."""

    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


class SessionForm(DatePickerMixin, SessionTimesForm):
    field_order = list(SESSION_FIELDS)
    date = forms.DateField(label=_("Date"))
    topic = forms.CharField(label=_("Topic"), required=False, max_length=255)


class SessionGenerateForm(SessionTimesForm):
    field_order = ["weekdays", "start_time", "end_time"]
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[0, 1, 2, 3, 4],
        error_messages={"required": _("Choose at least one weekday.")},
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)s."),
                params={"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            )
        return upload


class PersonChoiceField(ManyRowsChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        details = [obj.position] if obj.position else []
        if obj.is_democracy_officer:
            details.append(str(TargetGroup.DEMOCRACY.label))
        if obj.is_inspection_member:
            details.append(str(TargetGroup.INSPECTION.label))
        return f"{obj.full_name} ({'; '.join(details)})" if details else obj.full_name


class NominationForm(forms.Form):
    """Pick officials of one agency; the queryset is the eligible people not yet on the roster."""

    people = PersonChoiceField(
        label=_("Officials to nominate"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one person."),
            "invalid_choice": _("One of the chosen people can no longer be nominated; reload the page."),
            "invalid_pk_value": _("One of the chosen people can no longer be nominated; reload the page."),
        },
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = candidates


class NominationAgencyForm(forms.Form):
    """Home Affairs first chooses whose officials to nominate."""

    agency = AgencyChoiceField(label=_("Agency"), queryset=Agency.objects.none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agency_choices()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason for declining"), required=False, max_length=NOTE_LENGTH)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for declining."))
        return cleaned


class RosterFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=SEARCH_LENGTH)
    agency = AgencyChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none(), empty_label=_("All agencies")
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + EnrolmentStatus.choices
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All"))] + TargetGroup.choices
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, training_class: TrainingClass, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            training_enrolments__training_class=training_class
        ).distinct()
