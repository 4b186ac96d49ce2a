"""Attendance: a whole session on one page (htmx, keyboard), one trainee at a time, and the class's sheet."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dancoso.accounts import access
from dancoso.accounts.access import records_required
from dancoso.core.lists import page_of, valid_filters
from training import exports, selectors
from training.forms_reports import SheetFilterForm
from training.models import AttendanceStatus, Session
from training.services import attendance as services

# A class of thousands is marked a page at a time (or one agency at a time); a page posts its own rows.
SHEET_PAGE_SIZE = 50


def _rows(user: Any, sheet: list, posted: dict[int, tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """Rows of the marking table; after a refused save they show what the user typed, not the stored marks.

    Each row says whether the user may mark that trainee (the organiser's staff mark everyone; an agency's
    staff their own trainees where the class lets them).
    """
    rows = []
    for enrolment, mark in sheet:
        status, note = (mark.status, mark.note) if mark else ("", "")
        if posted is not None and enrolment.pk in posted:
            status, note = posted[enrolment.pk]
        editable = access.allows(user, enrolment, "mark")
        rows.append(
            {"enrolment": enrolment, "status": status, "note": note, "mark": mark, "editable": editable}
        )
    return rows


def _posted_marks(request: HttpRequest, sheet: list) -> dict[int, tuple[str, str]]:
    """The marks of the posted form; a trainee left without a status is left unmarked."""
    marks = {}
    for enrolment, _mark in sheet:
        status = request.POST.get(f"status-{enrolment.pk}", "")
        if status:
            marks[enrolment.pk] = (status, request.POST.get(f"note-{enrolment.pk}", ""))
    return marks


def _page(request: HttpRequest, session: Session) -> tuple[SheetFilterForm, Any, list]:
    """The filter, the page of trainees the address asks for, and their marks."""
    form = SheetFilterForm(request.GET)
    trainees = selectors.session_trainees(user=request.user, session=session, filters=valid_filters(form))
    page_obj = page_of(request, trainees, size=SHEET_PAGE_SIZE)
    return form, page_obj, selectors.session_sheet(session=session, trainees=list(page_obj))


def _sheet_response(
    request: HttpRequest, session: Session, *, posted: dict | None = None, **extra: Any
) -> HttpResponse:
    form, page_obj, sheet = _page(request, session)
    counts = selectors.session_counts(user=request.user, session=session)
    context = {
        "session": session,
        "training_class": session.training_class,
        "filter_form": form,
        "page_obj": page_obj,
        "rows": _rows(request.user, sheet, posted),
        "counts": counts,
        "unmarked": counts["unmarked"],
        "statuses": AttendanceStatus.choices,
        "can_record": counts["markable"] > 0,
        "read_only_reason": services.attendance_read_only_reason(
            training_class=session.training_class, visible=counts["trainees"], markable=counts["markable"]
        ),
        "closed_reason": services.attendance_closed_reason(session),
        **extra,
    }
    template = "training/_attendance_sheet.html" if request.htmx else "training/session_attendance.html"
    return render(request, template, context)


@records_required
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    if request.method != "POST":
        return _sheet_response(request, session)
    _form, _page_obj, sheet = _page(request, session)
    marks = _posted_marks(request, sheet)
    try:
        changed = services.attendance_record(session=session, marks=marks, actor=request.user)
    except ValidationError as exc:
        return _sheet_response(request, session, posted=marks, errors=exc.messages)
    message = ngettext("%(count)s mark saved.", "%(count)s marks saved.", changed) % {"count": changed}
    return _saved(request, session, message)


def _saved(request: HttpRequest, session: Session, message: str) -> HttpResponse:
    """After a save: htmx gets the fresh sheet in place, a plain form post a message and the same page."""
    if request.htmx:
        return _sheet_response(request, session, saved=message)
    messages.success(request, message)
    address = reverse("training:session_attendance", args=[session.pk])
    return redirect(f"{address}?{request.GET.urlencode()}" if request.GET else address)


@records_required
@require_POST
def all_present(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    try:
        changed = services.attendance_all_present(session=session, actor=request.user)
    except ValidationError as exc:
        return _sheet_response(request, session, errors=exc.messages)
    message = ngettext("%(count)s trainee marked present.", "%(count)s trainees marked present.", changed) % {
        "count": changed
    }
    return _saved(request, session, message)


@records_required
@require_POST
def mark_one(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    """One trainee's mark, saved as soon as it changes on the marking page."""
    session = selectors.get_session_for_user(request.user, session_pk)
    enrolment = selectors.get_trainee_for_user(request.user, pk, session=session)
    status, note = request.POST.get(f"status-{pk}", ""), request.POST.get(f"note-{pk}", "")
    editable = access.allows(request.user, enrolment, "mark")
    row = {"enrolment": enrolment, "status": status, "note": note, "mark": None, "editable": editable}
    error = None
    try:
        services.attendance_record(session=session, marks={enrolment.pk: (status, note)}, actor=request.user)
        row["saved"] = True
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("training:session_attendance", pk=session.pk)
    context = {
        "row": row,
        "session": session,
        "statuses": AttendanceStatus.choices,
        "can_record": editable,
        "error": error,
    }
    return render(request, "training/_attendance_row.html", context)


@records_required
def attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The class's attendance sheet: trainees down, sessions across, with totals."""
    training_class = selectors.get_class_for_user(request.user, pk)
    sessions = selectors.class_sessions(training_class)
    trainees = selectors.roster(
        user=request.user, training_class=training_class, filters={"status": "confirmed"}
    )
    if request.GET.get("export") == "xlsx":
        return exports.attendance_sheet_xlsx(training_class, sessions, trainees)
    page_obj = page_of(request, trainees)
    context = {
        "training_class": training_class,
        "sessions": sessions,
        "page_obj": page_obj,
        "matrix": selectors.attendance_matrix(trainees=list(page_obj), sessions=sessions),
    }
    return render(request, "training/attendance_sheet.html", context)
