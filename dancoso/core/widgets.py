"""Form widgets the apps share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class LongSelect(forms.Select):
    """A ``<select>`` of a long, flat list (the province's thousand agencies), written in Python.

    Django renders every option through a template of its own, about a tenth of a millisecond each: a
    thousand agencies cost a page 100 ms. The HTML is the same as ``Select``'s; groups are not supported.
    """

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        final = {**self.build_attrs(self.attrs, attrs), "name": name}
        chosen = {str(one) for one in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(key), " selected" if str(key) in chosen else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)
