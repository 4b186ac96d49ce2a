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
