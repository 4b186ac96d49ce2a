"""Training reports: the absentee list and each agency's training coverage, both exportable to Excel."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dancoso.accounts.access import records_required
from dancoso.core.lists import page_of, valid_filters
from dancoso.periods import current_period
from training import exports
from training.forms_reports import AbsenteeFilterForm, CoverageFilterForm
from training.selectors import reports


@records_required
def absentee_list(request: HttpRequest) -> HttpResponse:
    form = AbsenteeFilterForm(request.GET)
    absences = reports.absentee_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.absentees_xlsx(absences)
    context = {"form": form, "page_obj": page_of(request, absences)}
    return render(request, "training/absentee_list.html", context)


@records_required
def coverage(request: HttpRequest) -> HttpResponse:
    default_year = current_period().year
    form = CoverageFilterForm(request.GET, default_year=default_year)
    filters = valid_filters(form)
    report = reports.coverage(
        user=request.user,
        year=filters.get("year") or default_year,
        nobody_trained_only=bool(filters.get("nobody_trained")),
    )
    if request.GET.get("export") == "xlsx":
        return exports.coverage_xlsx(report)
    return render(request, "training/coverage.html", {"form": form, "report": report})
