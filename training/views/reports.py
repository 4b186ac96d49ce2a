"""Training reports: the absentee list and each agency's training coverage, both exportable to Excel."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dancoso.accounts.access import records_required
from dancoso.core.exports import xlsx_response
from dancoso.core.lists import page_of, valid_filters
from dancoso.periods import current_period
from training.forms_reports import AbsenteeFilterForm, CoverageFilterForm
from training.models import Attendance
from training.selectors import reports
from training.selectors.reports import Coverage, CoverageRow


@records_required
def absentee_list(request: HttpRequest) -> HttpResponse:
    form = AbsenteeFilterForm(request.GET)
    absences = reports.absentee_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return _absentees_xlsx(absences)
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
        return _coverage_xlsx(report)
    return render(request, "training/coverage.html", {"form": form, "report": report})


def _absentees_xlsx(absences: Iterable[Attendance]) -> HttpResponse:
    headers = [_("Date"), _("Class"), _("Trainee"), _("Position"), _("Agency"), _("Target group"),
               _("Attendance"), _("Note")]  # fmt: skip
    rows = (
        [
            absence.session.date,
            absence.session.training_class.title,
            absence.enrolment.person.full_name,
            absence.enrolment.person.position,
            str(absence.enrolment.agency),
            capfirst(absence.enrolment.get_target_group_display()),
            absence.get_status_display(),
            absence.note,
        ]
        for absence in absences
    )
    return xlsx_response("vang-hoc.xlsx", headers, rows, title=_("Absentees"))


def _coverage_cells(row: CoverageRow) -> list[object]:
    """One agency's figures; the totals row is named "Total" and carries no flag."""
    return [
        str(row.agency or _("Total")),
        row.democracy_officers,
        row.democracy_trained,
        row.inspection_members,
        row.inspection_trained,
        row.trained,
        row.percent,
        row.enrolled,
        _("Yes") if row.agency and row.nobody_trained else "",
    ]


def _coverage_xlsx(report: Coverage) -> HttpResponse:
    headers = [_("Agency"), _("Staff assigned to democracy work"), _("of whom trained"),
               capfirst(_("People's Inspection Board members")), _("of whom trained"), _("People trained"),
               _("Coverage (%)"), _("Enrolled"), _("Nobody trained")]  # fmt: skip
    rows = [_coverage_cells(row) for row in report.rows_with_totals]
    return xlsx_response(f"bao-phu-boi-duong-{report.year}.xlsx", headers, rows, title=_("Coverage"))
