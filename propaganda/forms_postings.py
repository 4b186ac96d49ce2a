"""Forms of the posting log: one posting, the list's filters, and the Excel import's upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.agencies.forms import AgencyChoiceField, AgencyFilterChoiceField
from dancoso.agencies.models import Agency
from dancoso.agencies.selectors import agency_choices
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin, WebAddressField
from dancoso.core.imports import check_workbook_upload
from dancoso.core.uploads import IMAGES
from propaganda.models import PlanActivity, Posting
from propaganda.selectors import postings as selectors
from propaganda.services import postings as services


class ActivityChoiceField(forms.ModelChoiceField):
    """An activity of a plan, named with its plan's year and agency: titles repeat from year to year."""

    def label_from_instance(self, activity: PlanActivity) -> str:
        agency = activity.plan.agency
        return f"{activity.plan.year} · {agency.short_name or agency.name} · {activity.title}"


class PostingForm(DatePickerMixin, forms.ModelForm):
    """A posting; agency staff record their own agency's, Home Affairs chooses the agency."""

    class Meta:
        model = Posting
        fields = list(services.POSTING_FIELDS)
        field_classes = {"agency": AgencyChoiceField, "url": WebAddressField, "activity": ActivityChoiceField}
        widgets = {"evidence": forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.webp"})}
        help_texts = {
            "url": _("The address of the posted page, starting with http:// or https://."),
            "evidence": _("A screenshot of the posting: PNG, JPG or WEBP, at most 5 MB."),
            "activity": _("The activity of the agency's dissemination plan that this posting carries out."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        agency.queryset = agency_choices()
        if not access.is_province_admin(user):
            # Staff record only their own agency's postings; a disabled field ignores posted values.
            agency.queryset = access.own_agencies(agency.queryset, user)
            agency.initial = user.agency_id
            agency.disabled = True
        self.fields["channel"].queryset = selectors.channels()
        self.fields["document"].queryset = selectors.library_documents()
        self.fields["activity"].queryset = selectors.plan_activities(self._fixed_agency(user))

    def _fixed_agency(self, user: Any) -> Agency | None:
        """The agency whose plans the activity comes from, when it is already known."""
        if self.instance.pk:
            return self.instance.agency
        return None if access.is_province_admin(user) else user.agency

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if isinstance(upload, UploadedFile):
            IMAGES.check(upload)
        return upload


class PostingFilterForm(DatePickerMixin, forms.Form):
    q = forms.CharField(label=_("Posting title"), required=False, max_length=SEARCH_LENGTH)
    # Retired agencies stay in this filter: their old postings must still be found.
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    channel = forms.ModelChoiceField(
        label=_("Channel"), required=False, queryset=selectors.channels(), empty_label=_("All channels")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    date_from = forms.DateField(label=_("Posted from"), required=False)
    date_to = forms.DateField(label=_("Posted until"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]


class PostingImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = filesizeformat(services.IMPORT_MAX_BYTES)
        self.fields["file"].help_text = _("At most %(limit)s.") % {"limit": limit}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_workbook_upload(upload, max_bytes=services.IMPORT_MAX_BYTES)
        return upload
