"""Forms of the IT systems register: a system, a milestone, and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin, ManyRowsChoiceField, WebAddressField
from digital import selectors, services
from digital.models import Milestone, Platform, Purpose, System, SystemKind, SystemStatus


class SystemForm(DatePickerMixin, forms.ModelForm):
    purposes = ManyRowsChoiceField(
        label=_("Purposes"), queryset=Purpose.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    platforms = ManyRowsChoiceField(
        label=_("National platforms it connects to"),
        queryset=Platform.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    url = WebAddressField(label=_("Address (URL)"), required=False, max_length=500)

    class Meta:
        model = System
        fields = [*services.SYSTEM_FIELDS[:5], "purposes", *services.SYSTEM_FIELDS[5:], "platforms"]
        field_classes = {"agency": AgencyChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "status": _("As publiccode.yml names it: concept, in development, beta, in operation, obsolete."),
            "operator": _("The company or unit that operates it."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = selectors.system_agencies(user)
        if not access.is_province_admin(user):
            field.initial, field.disabled = user.agency_id, True

    def _get_validation_exclusions(self) -> set[str]:
        # The service says in words what the model's constraint would only call violated.
        return {*super()._get_validation_exclusions(), "launched_on"}


class MilestoneForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = list(services.MILESTONE_FIELDS)
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"note": _("Required when progress goes back from the milestone before.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})


class SystemFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or operator"), required=False, max_length=SEARCH_LENGTH)
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *SystemKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *SystemStatus.choices]
    )
    purpose = forms.ModelChoiceField(
        label=_("Purpose"), required=False, queryset=Purpose.objects.all(), empty_label=_("All purposes")
    )
    citizens = forms.BooleanField(label=_("Only those used by citizens"), required=False)
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in selectors.SORTS], widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]
