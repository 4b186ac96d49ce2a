"""Excel exports of the training pages: classes, rosters, attendance, absentees, coverage, import template."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.models import Agency
from dancoso.core.exports import Column, export
from training import selectors
from training.imports import ROSTER_HEADERS
from training.models import Attendance, Enrolment, Session, TrainingClass
from training.selectors.reports import Coverage

CLASS_COLUMNS = (
    Column(_("Year"), lambda c: c.plan.year),
    Column(_("Title"), lambda c: c.title),
    Column(_("Content"), lambda c: c.get_content_display()),
    Column(_("Target groups"), lambda c: "; ".join(str(group.label) for group in c.target_groups)),
    Column(_("Organising agency"), lambda c: str(c.organiser)),
    Column(_("Venue"), lambda c: c.venue),
    Column(_("Start date"), lambda c: c.start_date),
    Column(_("End date"), lambda c: c.end_date),
    Column(_("Capacity"), lambda c: c.capacity),
    Column(_("Seats taken"), lambda c: c.seats_taken),
    Column(_("Confirmed"), lambda c: c.confirmed_count),
    Column(_("Status"), lambda c: c.get_status_display()),
)

ROSTER_COLUMNS = (
    Column(_("Full name"), lambda e: e.person.full_name),
    Column(_("Position"), lambda e: e.person.position),
    Column(_("Agency"), lambda e: str(e.agency)),
    Column(_("Target group"), lambda e: e.get_target_group_display()),
    Column(_("Status"), lambda e: e.get_status_display()),
    Column(_("Reason for declining"), lambda e: e.decline_reason),
    Column(_("Sessions attended"), lambda e: e.attended_count),
    Column(_("Sessions"), lambda e: e.session_count),
    Column(_("Certificate"), lambda e: getattr(getattr(e, "certificate", None), "code", "")),
)

ABSENTEE_COLUMNS = (
    Column(_("Date"), lambda a: a.session.date),
    Column(_("Class"), lambda a: a.session.training_class.title),
    Column(_("Trainee"), lambda a: a.enrolment.person.full_name),
    Column(_("Position"), lambda a: a.enrolment.person.position),
    Column(_("Agency"), lambda a: str(a.enrolment.agency)),
    Column(_("Target group"), lambda a: capfirst(a.enrolment.get_target_group_display())),
    Column(_("Attendance"), lambda a: a.get_status_display()),
    Column(_("Note"), lambda a: a.note),
)

# One agency's figures a row; the totals row is named "Total" and carries no flag.
COVERAGE_COLUMNS = (
    Column(_("Agency"), lambda row: str(row.agency or gettext_now("Total"))),
    Column(_("Staff assigned to democracy work"), lambda row: row.democracy_officers),
    Column(_("of whom trained"), lambda row: row.democracy_trained),
    Column(capfirst(_("People's Inspection Board members")), lambda row: row.inspection_members),
    Column(_("of whom trained"), lambda row: row.inspection_trained),
    Column(_("People trained"), lambda row: row.trained),
    Column(_("Coverage (%)"), lambda row: row.percent),
    Column(_("Enrolled"), lambda row: row.enrolled),
    Column(_("Nobody trained"), lambda row: gettext_now("Yes") if row.agency and row.nobody_trained else ""),
)


def classes_xlsx(classes: Iterable[TrainingClass]) -> HttpResponse:
    return export("lop-boi-duong.xlsx", CLASS_COLUMNS, classes, title=_("Training classes"))


def roster_xlsx(training_class: TrainingClass, enrolments: Iterable[Enrolment]) -> HttpResponse:
    filename = f"danh-sach-hoc-vien-{training_class.pk}.xlsx"
    return export(filename, ROSTER_COLUMNS, enrolments, title=_("Roster"))


def attendance_sheet_xlsx(
    training_class: TrainingClass, sessions: Sequence[Session], trainees: Iterable[Enrolment]
) -> HttpResponse:
    """Trainees down, one column per session, then the totals."""
    columns = [
        Column(_("Full name"), lambda row: row[0].person.full_name),
        Column(_("Agency"), lambda row: str(row[0].agency)),
        *(
            Column(f"{session.date:%d/%m/%Y}", lambda row, n=n: _mark(row[1][n]))
            for n, session in enumerate(sessions)
        ),
        Column(_("Sessions attended"), lambda row: row[0].attended_count),
        Column(_("Sessions absent"), lambda row: row[0].absent_count),
    ]
    matrix = selectors.attendance_matrix(trainees=list(trainees), sessions=sessions)
    return export(f"diem-danh-lop-{training_class.pk}.xlsx", columns, matrix, title=_("Attendance"))


def _mark(mark: Attendance | None) -> str:
    return mark.get_status_display() if mark else ""


def absentees_xlsx(absences: Iterable[Attendance]) -> HttpResponse:
    return export("vang-hoc.xlsx", ABSENTEE_COLUMNS, absences, title=_("Absentees"))


def coverage_xlsx(report: Coverage) -> HttpResponse:
    filename = f"bao-phu-boi-duong-{report.year}.xlsx"
    return export(filename, COVERAGE_COLUMNS, report.rows_with_totals, title=_("Coverage"))


def roster_template(agency: Agency | None) -> HttpResponse:
    example = ["Nguyễn Văn An", agency.code if agency else "", "Chuyên viên"]
    columns = [Column(header, lambda row, n=n: row[n]) for n, header in enumerate(ROSTER_HEADERS)]
    return export("mau-nhap-hoc-vien.xlsx", columns, [example], title=_("Trainees"))
