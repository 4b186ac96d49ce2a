"""Home Affairs' pages of reference data (the lists the apps declare) and of the working-day calendar."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import province_admin_required
from dancoso.core import references
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from dancoso.core.references import ReferenceList


@province_admin_required
def reference_index(request: HttpRequest) -> HttpResponse:
    groups = references.reference_index(user=request.user)
    return render(request, "core/reference_index.html", {"groups": groups})


@province_admin_required
def reference_list(request: HttpRequest, model: str) -> HttpResponse:
    reference = references.reference_for(model)
    form = references.ReferenceFilterForm(request.GET)
    rows = references.reference_rows(reference, user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return references.reference_xlsx(reference, rows)
    page = page_of(request, rows)
    page.rows = references.cells_of(reference, page.object_list)
    context = {
        "reference": reference,
        "form": form,
        "page_obj": page,
        "calendar_key": references.CALENDAR_KEY,
    }
    return render(request, "core/reference_list.html", context)


@province_admin_required
def reference_create(request: HttpRequest, model: str) -> HttpResponse:
    return _reference_form(request, references.reference_for(model), None)


@province_admin_required
def reference_update(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    reference = references.reference_for(model)
    return _reference_form(request, reference, references.get_row_for_user(reference, request.user, pk))


def _reference_form(request: HttpRequest, reference: ReferenceList, row: object | None) -> HttpResponse:
    form = references.form_class(reference)(posted(request), instance=row)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in reference.fields}
        save = references.reference_save
        saved = call_service(form, save, reference=reference, row=row, fields=fields, actor=request.user)
        if saved is not None:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": saved})
            return redirect("reference_list", model=reference.key)
    context = {"reference": reference, "form": form, "row": row, "history": history_rows(row) if row else []}
    return render(request, "core/reference_form.html", context)


@province_admin_required
def reference_delete(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    reference = references.reference_for(model)
    row = references.get_row_for_user(reference, request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    done = _("“%(name)s” has been deleted.") % {"name": row}
    deleted = run_service(
        request, references.reference_delete, success=done, reference=reference, row=row, actor=request.user
    )
    if deleted:
        return redirect("reference_list", model=reference.key)
    return redirect("reference_update", model=reference.key, pk=pk)


@province_admin_required
def calendar(request: HttpRequest) -> HttpResponse:
    """A year's public holidays (the ``holidays`` package) and the exceptions Home Affairs recorded."""
    form = references.YearForm(request.GET)
    year = valid_filters(form).get("year") or timezone.localdate().year
    calendar_year = references.calendar_year(year, user=request.user)
    context = {"form": form, **calendar_year, "calendar_key": references.CALENDAR_KEY}
    return render(request, "core/calendar.html", context)
