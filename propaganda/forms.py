"""Forms of the legal-document library: the public search and filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from propaganda import selectors
from propaganda.models import DocumentType, Level, Status
from propaganda.search import QUERY_MAX

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
