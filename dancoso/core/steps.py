"""Steps of a record's workflow, taken from the record's page: a button, or a small form (a reason, a date).

An app declares its steps (``Step``: the service, the statuses it applies to, the access action it needs,
its form and the fields the service takes from it) and mounts one address per step
(``<entity>_<step>``). The record's page lists the steps the user may take now (``available``), and the
step's view runs the posted one (``take``): refused, the page comes back with that step's form as typed and
its errors; done, the user is told so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse

from dancoso.accounts.access import allows
from dancoso.core.lists import call_service, run_service


@dataclass(frozen=True)
class Step:
    label: Any
    service: Callable[..., Any]
    # The statuses of the row the step applies to.
    statuses: tuple[str, ...]
    success: Any
    form: type[forms.Form] | None = None
    fields: tuple[str, ...] = ()
    # The access action it needs (``dancoso.accounts.access``): "write", or a named one such as "review".
    action: str = "write"
    # The button's Bootstrap colour.
    style: str = "primary"


@dataclass(frozen=True)
class Offered:
    """A step the user may take now, as the page shows it."""

    name: str
    step: Step
    url: str
    form: forms.Form | None


def may_take(user: Any, row: Model, step: Step) -> bool:
    """Whether the user may take the step on the row at all (its status aside)."""
    return allows(user, row, step.action)


def available(
    user: Any, row: Model, steps: Mapping[str, Step], *, url_prefix: str, bound: Any = None
) -> list[Offered]:
    """The steps the user may take on the row now; ``bound`` (name, form) is a step just refused."""
    offered = []
    for name, step in steps.items():
        if row.status not in step.statuses or not may_take(user, row, step):
            continue
        form = bound[1] if bound and bound[0] == name else _form(name, step)
        offered.append(Offered(name, step, reverse(f"{url_prefix}_{name}", args=[row.pk]), form))
    return offered


def _form(name: str, step: Step, *data: Any) -> forms.Form | None:
    """The step's form; its fields' ids name the step, since a page may show several steps' forms."""
    return step.form(*data, auto_id=f"id_{name}_%s") if step.form else None


def take(request: HttpRequest, row: Model, name: str, step: Step, *, keyword: str) -> Any:
    """Run a posted step on ``row`` (given to the service as ``keyword``).

    ``None`` when it is done (the user is told), or ``(name, form)`` when it was refused, for the page to
    show again with what was typed. A user who may not take the step gets 403.
    """
    if not may_take(request.user, row, step):
        raise PermissionDenied
    arguments = {keyword: row, "actor": request.user}
    if step.form is None:
        run_service(request, step.service, success=str(step.success), **arguments)
        return None
    form = _form(name, step, request.POST, request.FILES or None)
    if form.is_valid():
        values = {field: form.cleaned_data.get(field) for field in step.fields}
        if call_service(form, step.service, **arguments, **values) is not None:
            messages.success(request, str(step.success))
            return None
    return (name, form)


def step_view(
    request: HttpRequest,
    row: Model,
    name: str,
    steps: Mapping[str, Step],
    *,
    keyword: str,
    page: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """The view of a step's address: 403 for a user who may not take it, 405 for anything but a POST;
    done, back to the row's page; refused, ``page(refused)`` shows it again with the form as typed."""
    step = steps[name]
    if not may_take(request.user, row, step):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refused = take(request, row, name, step, keyword=keyword)
    return redirect(row) if refused is None else page(refused)
