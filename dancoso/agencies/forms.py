"""Forms of the agency and people registers: they convert and validate; the services write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.agencies import services
from dancoso.agencies.imports import PersonRow, parse_people_xlsx
from dancoso.agencies.models import Agency, Person, Province
from dancoso.agencies.selectors import agency_choices
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin
from dancoso.core.imports import ImportFileError, check_workbook_upload, clean_text
from dancoso.core.widgets import LongSelect

PHONE_PATTERN = re.compile(r"[0-9 +().-]{6,20}")


class AgencyChoiceIterator(ModelChoiceIterator):
    """The agencies offered, read as plain values: a thousand model instances would cost a page 20 ms."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, short_name, name, is_active in self.queryset.values_list(
            "pk", "short_name", "name", "is_active"
        ):
            yield (pk, self.field.label_for(short_name or name, is_active=is_active))


class AgencyChoiceField(forms.ModelChoiceField):
    """A pick among the province's agencies (a thousand of them at province scale)."""

    widget = LongSelect
    iterator = AgencyChoiceIterator

    def label_for(self, name: str, *, is_active: bool) -> str:
        return name


class ProvinceForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = Province
        fields = list(services.PROVINCE_FIELDS)


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["code", *services.AGENCY_FIELDS]
        widgets = {
            "parent": LongSelect,
            "source": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "code": _(
                "Letters, digits and hyphens, for example SNV. Imports refer to agencies by this code."
            ),
            "display_order": _("Smaller numbers come first in lists and reports."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = agency_choices()
        if self.instance.pk:
            # The code identifies the agency in imports and in the agency file, so it is fixed once created.
            del self.fields["code"]
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if Agency.objects.filter(code__iexact=code).exists():
            raise ValidationError(_("Another agency already has the code %(code)s."), params={"code": code})
        return code

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data["name"])

    def clean_short_name(self) -> str:
        return clean_text(self.cleaned_data["short_name"])


class AgencyMergeForm(forms.Form):
    target = AgencyChoiceField(queryset=Agency.objects.none(), label=_("Merge into"))
    confirm = forms.BooleanField(label=_("I have checked the agency chosen above."))

    def __init__(self, *args: Any, source: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = agency_choices().exclude(pk=source.pk)
        self.fields["confirm"].help_text = _(
            "%(agency)s will be retired; its people, accounts and sub-agencies move to the chosen agency."
        ) % {"agency": source}
        self.fields["confirm"].error_messages["required"] = _("Tick the box to confirm the merge.")


class AgencyRetireForm(DatePickerMixin, forms.Form):
    on = forms.DateField(label=_("Retired on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class PersonForm(DatePickerMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = list(services.PERSON_FIELDS)
        widgets = {"agency": LongSelect}
        labels = {"is_active": _("Still working at the agency")}
        # Django's own Vietnamese wording for these two is vague; officials need to know what to fix.
        error_messages = {
            "email": {"invalid": _("Enter a valid email address, for example ten.cb@bacgiang.gov.vn.")},
            "agency": {"invalid_choice": _("Choose an active agency from the list.")},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        agency.queryset = agency_choices()
        if not access.is_province_admin(user):
            # Staff add and edit only their own agency's people; a disabled field ignores posted values.
            agency.queryset = access.own_agencies(agency.queryset, user)
            agency.initial = user.agency_id
            agency.disabled = True

    def clean_full_name(self) -> str:
        return clean_text(self.cleaned_data["full_name"])

    def clean_phone(self) -> str:
        phone = clean_text(self.cleaned_data["phone"])
        if phone and not PHONE_PATTERN.fullmatch(phone):
            raise ValidationError(
                _("Enter a phone number of 6 to 20 digits; spaces, dots, +, - and brackets are allowed.")
            )
        return phone


class PersonImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(limit)s.") % {
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)
        }

    def clean_file(self) -> list[PersonRow]:
        """Refuse what is not a small XLSX workbook, then convert its rows (row errors travel with them)."""
        upload = self.cleaned_data["file"]
        check_workbook_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
        try:
            return parse_people_xlsx(upload)
        except ImportFileError as exc:
            raise ValidationError(str(exc)) from exc


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_LENGTH)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Agency.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Active")), ("retired", _("Retired")), ("all", _("All"))],
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)


class AgencyFilterChoiceField(AgencyChoiceField):
    """Filters keep retired agencies, named as such: their old records must still be found."""

    def label_for(self, name: str, *, is_active: bool) -> str:
        return name if is_active else _("%(agency)s (retired)") % {"agency": name}


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=SEARCH_LENGTH)
    # Retired agencies stay in this filter: people left in them must still be found.
    agency = AgencyFilterChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("-is_active", "display_order", "name"),
        empty_label=_("All agencies"),
    )
    flag = forms.ChoiceField(
        label=_("Role in democracy work"),
        required=False,
        choices=[
            ("", _("Everyone")),
            ("democracy", _("Assigned to democracy work")),
            ("inspection", _("People's Inspection Board members")),
            ("steering", _("Steering committee members")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Still working")), ("inactive", _("Left the agency")), ("all", _("All"))],
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not access.can_read_all(user):
            del self.fields["agency"]
