"""Form widgets the apps share."""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe


class LongSelect(forms.Select):
    """A ``<select>`` of a long, flat list (the province's thousand agencies), written in plain Python.

    Django renders every option through a template, and ``format_html`` escapes each part through lazy-aware
    wrappers: a thousand agencies cost a page 100 ms. The HTML is the same as ``Select``'s (every value and
    label escaped); option groups are not supported.
    """

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        final = {**self.build_attrs(self.attrs, attrs), "name": name}
        chosen = {str(one) for one in self.format_value(value)}
        options = []
        for key, label in self.choices:
            key = str(key)
            selected = " selected" if key in chosen else ""
            options.append(f'<option value="{escape(key)}"{selected}>{escape(str(label))}</option>')
        # Every value and label above is escaped; the attributes are escaped by flatatt.
        return mark_safe(f"<select{flatatt(final)}>{''.join(options)}</select>")


# How officials write a date, and the one format the date fields show and read first (DATE_INPUT_FORMATS).
DATE_FORMAT = "%d/%m/%Y"


class DatePickerInput(forms.DateInput):
    """A date typed as dd/mm/yyyy or picked from a calendar (flatpickr, from ``static/js/date-picker.js``).

    A text box, not ``type="date"``: the browser's own picker shows and sends the date in its own order
    (yyyy-mm-dd, or the order of the browser's language), and officials write dd/mm/yyyy. Without
    JavaScript it is still a text box that takes dd/mm/yyyy. No ``inputmode="numeric"``: the numeric
    keypads of phones have no "/", so it would keep people from typing the date.
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"data-date-picker": "", "placeholder": "dd/mm/yyyy", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)
