"""Shared pieces of list and form pages: pagination, filters from the query string, service calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.forms import Form
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(request: HttpRequest, queryset: QuerySet, *, size: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def valid_filters(form: Form) -> dict[str, Any]:
    """The valid filters; a tampered query string shows the unfiltered list rather than an error."""
    return form.cleaned_data if form.is_valid() else {}


def call_service(form: Form, service: Callable[..., Any], **kwargs: Any) -> Any:
    """Call a service; a rule it refuses shows on the form instead of as a server error."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


def posted(request: HttpRequest) -> Any:
    """The POST data to bind a form to, or ``None`` on GET.

    ``request.POST or None`` would leave a form unbound when a POST carries no field at all (a list with
    nothing ticked), so the user would get the blank form back instead of the error.
    """
    return request.POST if request.method == "POST" else None


def counted(rows: QuerySet, *, to: str, outer: str = "pk") -> Coalesce:
    """How many of ``rows`` point through ``to`` at the outer row (or at its field ``outer``), as a subquery.

    ``Count()`` over a join groups every related row before the page is cut, and two of them multiply
    each other; a subquery is run only for the rows shown and counts one thing. It counts the key it
    groups by, so an index on (``to``, the filtered fields) answers it without reading the rows.
    """
    subquery = rows.filter(**{to: OuterRef(outer)}).order_by().values(to).annotate(n=Count(to)).values("n")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), Value(0))


def sorted_by(queryset: QuerySet, sorts: Mapping[str, Sequence[str]], key: str | None) -> QuerySet:
    """Order by a whitelisted sort key (the first when unknown); the primary key last keeps pages stable."""
    fields = sorts.get(key or "") or next(iter(sorts.values()))
    return queryset.order_by(*fields, "pk")


def run_service(request: HttpRequest, service: Callable[..., Any], *, success: str, **kwargs: Any) -> bool:
    """Call a service from a button (no form): the outcome, or the refusal, becomes a message."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success)
    return True
