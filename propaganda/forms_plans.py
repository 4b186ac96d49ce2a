"""Forms of the dissemination plans: a plan, an activity, what an activity did, and the lists' filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin
from dancoso.core.uploads import DOCUMENTS, EVIDENCE
from propaganda.models import DisseminationPlan, PlanActivity, PlanStatus, Topic
from propaganda.selectors import plans as selectors
from propaganda.services import plans as services


def _checked(upload: Any, accepted: Any) -> Any:
    """A newly chosen file, checked; a file already kept (or none) passes as it is."""
    if isinstance(upload, UploadedFile):
        accepted.check(upload)
    return upload


class PlanForm(DatePickerMixin, forms.ModelForm):
    """A plan; agency staff keep their own agency's, Home Affairs chooses the agency."""

    topics = forms.MultipleChoiceField(
        label=_("Topics (Art. 1 §2a)"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DisseminationPlan
        fields = list(services.PLAN_FIELDS)
        field_classes = {"agency": AgencyChoiceField}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "decision_file": forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx"}),
        }
        help_texts = {
            "decision_number": _("The plan counts as approved once its approving document is recorded."),
            "decision_file": _("PDF, DOC or DOCX, at most 20 MB."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        agency.queryset = selectors.plan_agencies(user)
        if not access.is_province_admin(user):
            # Staff keep only their own agency's plan; a disabled field ignores posted values.
            agency.initial = user.agency_id
            agency.disabled = True
        if self.instance.pk:
            # The year and agency name the plan in every figure; a wrong one is a new plan.
            agency.disabled = self.fields["year"].disabled = True

    def clean_decision_file(self) -> Any:
        return _checked(self.cleaned_data.get("decision_file"), DOCUMENTS)

    def _get_validation_exclusions(self) -> set[str]:
        # The service says "already has a plan for the year" in words, naming the agency. The model's
        # constraint is validated by the instance's full_clean, not by ``validate_unique``, so it is
        # skipped by leaving the agency out of the form's model validation.
        return {*super()._get_validation_exclusions(), "agency"}


class ActivityForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = PlanActivity
        fields = list(services.ACTIVITY_FIELDS)


class ActivityResultForm(DatePickerMixin, forms.ModelForm):
    """What a held activity did: the day, the participants, a note and the evidence."""

    class Meta:
        model = PlanActivity
        fields = list(services.RESULT_FIELDS)
        widgets = {
            "evidence": forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.png,.jpg,.jpeg,.webp"})
        }
        help_texts = {
            "evidence": _("Minutes, a photo or a screenshot: PDF, DOC, DOCX or an image, at most 20 MB.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["participants"].required = True

    def clean_evidence(self) -> Any:
        return _checked(self.cleaned_data.get("evidence"), EVIDENCE)

    def validate_constraints(self, exclude: Any = None) -> None:
        return None


class PlanFilterForm(forms.Form):
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *PlanStatus.choices]
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class ComplianceForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Agency name"), required=False, max_length=SEARCH_LENGTH)
    without_plan = forms.BooleanField(label=_("Only agencies without an approved plan"), required=False)
