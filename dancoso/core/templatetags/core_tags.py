from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: dict[str, Any], **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def figure(value: Any) -> str:
    """A figure with Vietnamese separators; an absent figure reads as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def minutes(value: timedelta | None) -> int:
    """Whole minutes of a duration (for messages such as a login lockout)."""
    return int(value.total_seconds() // 60) if value else 0
