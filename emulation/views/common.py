"""What the pages of §4 share: the agency a record belongs to, and the page that records one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dancoso.accounts.access import is_province_admin
from dancoso.core.lists import call_service, posted
from emulation.forms.common import ChooseAgencyForm


def record_agency(request: HttpRequest, instance: Model | None) -> Any:
    """The agency of the record: its own, the staff's, or the one Home Affairs chose (``?agency=``)."""
    if instance is not None:
        return instance.agency
    if not is_province_admin(request.user):
        return request.user.agency
    chooser = ChooseAgencyForm(request.GET or None)
    return chooser.cleaned_data["agency"] if chooser.is_valid() else None


def record_page(
    request: HttpRequest,
    *,
    instance: Model | None,
    form_class: type,
    service: Callable[..., Any],
    keyword: str,
    template: str,
    success: str,
    initial: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Record or correct one agency's record; Home Affairs first chooses the agency of a new one."""
    agency = record_agency(request, instance)
    form = None
    if agency is not None:
        form = form_class(
            posted(request), request.FILES or None, instance=instance, agency=agency, initial=initial
        )
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form._meta.fields}
            saved = call_service(form, service, actor=request.user, **{keyword: instance}, **fields)
            if saved is not None:
                messages.success(request, success)
                return redirect(saved)
    page = {
        "form": form,
        "agency": agency,
        "chooser": ChooseAgencyForm() if agency is None else None,
        keyword: instance,
        **(context or {}),
    }
    return render(request, template, page)
