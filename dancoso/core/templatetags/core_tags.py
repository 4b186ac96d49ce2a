from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from dancoso.core import numbers
from dancoso.core.numbers import MISSING, format_percent

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
        return MISSING
    if not _is_number(value):
        return value
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def percent(value: Any, digits: int = 1) -> str:
    """A share in per cent, written one way on every page: ``{{ 95|percent }}`` → "95,0%"; "—" for none."""
    if value is not None and value != "" and not _is_number(value):
        return value
    return format_percent(value, digits)


@register.filter
def with_unit(value: Any, unit: str) -> str:
    """A figure and its unit ("3 classes", "95,0%"), written as the report writes it; "—" for none."""
    return numbers.with_unit(value, unit)


@register.filter
def money(value: Any) -> str:
    """An amount in đồng, one way everywhere: ``{{ 1234567|money }}`` → "1.234.567 đ"; "—" for none."""
    return numbers.format_money(value)


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float | Decimal)


@register.filter
def minutes(value: timedelta | None) -> int:
    """Whole minutes of a duration (for messages such as a login lockout)."""
    return int(value.total_seconds() // 60) if value else 0


@register.filter
def points(value: Any) -> str:
    """Points as an evaluation writes them: "10", "7,5", "78,33"; "—" for none."""
    if value is None or value == "" or not _is_number(value):
        return MISSING if value in (None, "") else value
    return numbers.vietnamese_number(Decimal(str(value)))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ labels|get_item:key }}``: a value of a dictionary by a key the template holds in a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None
