"""Forms of the legal-document library: the public search and filters, and Home Affairs' own forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.models import Agency
from dancoso.core.forms import DatePickerMixin
from dancoso.core.uploads import DOCUMENTS
from propaganda.models import DocumentType, LegalDocument, Level, RelationKind, Status
from propaganda.search import QUERY_MAX
from propaganda.selectors import library as selectors
from propaganda.services import library as services

SORT_CHOICES = (
    ("", _("Relevance, then newest")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("number", _("By number")),
)


class DocumentSearchForm(forms.Form):
    """Search and filters of /portal/documents/; a value that does not fit is dropped, never an error page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=QUERY_MAX,
        help_text=_("Words with or without accents, or a number such as 59/2023."),
    )
    document_type = forms.ModelChoiceField(
        label=_("Type"), required=False, queryset=DocumentType.objects.all(), empty_label=_("All types")
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    issuing_body = forms.ChoiceField(label=_("Issuing body"), required=False)
    year = forms.IntegerField(label=_("Year of issue"), required=False, min_value=1945, max_value=2100)
    status = forms.ChoiceField(
        label=_("Effectiveness"), required=False, choices=[("", _("Any")), *Status.choices]
    )
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = selectors.issuing_bodies()
        self.fields["issuing_body"].choices = [("", _("All issuing bodies")), *((b, b) for b in bodies)]

    def clean_q(self) -> str:
        # Control characters are dropped rather than refused: the search reads the words around them.
        return "".join(char for char in self.cleaned_data["q"] if char.isprintable())


class LegalDocumentForm(DatePickerMixin, forms.ModelForm):
    """A document of the library; its dates and level are checked before anything is saved."""

    class Meta:
        model = LegalDocument
        fields = list(services.DOCUMENT_FIELDS)
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.active()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        issued, effective, expiry = (
            cleaned.get(name) for name in ("issue_date", "effective_date", "expiry_date")
        )
        if issued and expiry and expiry <= issued:
            self.add_error("expiry_date", _("The expiry date must come after the issue date."))
        if issued and effective and effective < issued:
            self.add_error("effective_date", _("A document cannot take effect before it is issued."))
        if cleaned.get("level") == Level.AGENCY and not cleaned.get("agency"):
            self.add_error("agency", _("Choose the agency whose document this is."))
        number, body = cleaned.get("number"), cleaned.get("issuing_body")
        twins = LegalDocument.objects.filter(number__iexact=number or "", issuing_body__iexact=body or "")
        if number and body and twins.exclude(pk=self.instance.pk).exists():
            self.add_error("number", _("The library already has document %(number)s of %(body)s.") % {
                "number": number, "body": body})  # fmt: skip
        return cleaned

    def validate_constraints(self, exclude: Any = None) -> None:
        # The checks above say it in words; the database constraints stay as the last guard.
        return None


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("This document"), choices=RelationKind.choices)
    target_number = forms.CharField(
        label=_("Number and symbol of the other document"),
        max_length=50,
        help_text=_("As recorded in the library, for example 10/2022/QH15."),
    )

    def __init__(self, *args: Any, document: LegalDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document

    def clean_target_number(self) -> LegalDocument:
        number = " ".join(self.cleaned_data["target_number"].split())
        found = list(LegalDocument.objects.filter(number__iexact=number)[:2])
        if not found:
            raise forms.ValidationError(
                _("No document numbered %(number)s is in the library."), params={"number": number}
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several documents are numbered %(number)s; ask Home Affairs to tell them apart."),
                params={"number": number},
            )
        return found[0]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, DOC or DOCX, at most 20 MB)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        DOCUMENTS.check(upload)
        return upload
