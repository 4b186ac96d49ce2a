"""Staff pages of petitions and feedback (Art. 1 §3): the list, the overdue view, a petition, its steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.exports import petitions as exports
from accountability.forms.petitions import (
    AnswerForm,
    AssignForm,
    ForwardForm,
    NoteForm,
    OverdueFilterForm,
    PetitionFilterForm,
    ReasonForm,
    StaffPetitionForm,
)
from accountability.models import Petition, PetitionStatus
from accountability.models.petitions import DONE_STATUSES, OPEN_STATUSES
from accountability.selectors import petitions as selectors
from accountability.services import petitions as services
from dancoso.accounts.access import (
    allows,
    can_write_records,
    is_province_admin,
    record_writers_required,
    records_required,
)
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from dancoso.core.uploads import file_download


@records_required
def petition_list(request: HttpRequest) -> HttpResponse:
    form = PetitionFilterForm(request.GET, user=request.user)
    petitions = selectors.petition_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.petitions_xlsx(petitions)
    page = page_of(request, petitions)
    page.object_list = selectors.with_days_left(page.object_list)
    context = {"form": form, "page_obj": page, "can_write": can_write_records(request.user)}
    return render(request, "accountability/petition_list.html", context)


@records_required
def petition_overdue(request: HttpRequest) -> HttpResponse:
    """Open petitions past their deadline, the oldest first, with a count per agency."""
    form = OverdueFilterForm(request.GET)
    agency = valid_filters(form).get("agency")
    petitions = selectors.overdue(user=request.user, agency=agency)
    if request.GET.get("export") == "xlsx":
        return exports.petitions_xlsx(petitions)
    page = page_of(request, petitions)
    page.object_list = selectors.with_days_left(page.object_list)
    context = {"form": form, "page_obj": page, "by_agency": selectors.overdue_by_agency(user=request.user)}
    return render(request, "accountability/petition_overdue.html", context)


@record_writers_required
def petition_create(request: HttpRequest) -> HttpResponse:
    form = StaffPetitionForm(posted(request), request.FILES or None, user=request.user)
    if form.is_valid():
        fields = {
            name: form.cleaned_data.get(name) for name in services.RECORD_FIELDS if name in form.cleaned_data
        }
        fields = {name: value for name, value in fields.items() if value is not None}
        if not is_province_admin(request.user):
            fields["requested_agency"] = request.user.agency
        saved = call_service(
            form, services.petition_submit, files=form.cleaned_data["files"], actor=request.user, **fields
        )
        if saved is not None:
            messages.success(
                request,
                _("The petition has been recorded with tracking code %(code)s.") % {"code": saved.code},
            )
            return redirect(saved)
    return render(request, "accountability/petition_form.html", {"form": form})


# Each step of the handling: its form (None for a button), its service, which of the form's fields it takes,
# the statuses it applies to, and what the user is told.
STEPS: dict[
    str, tuple[type[forms.Form] | None, Callable[..., Any], tuple[str, ...], tuple[str, ...], Any]
] = {
    "assign": (
        AssignForm,
        services.petition_assign,
        ("agency",),
        OPEN_STATUSES,
        gettext_lazy("The petition has been assigned."),
    ),
    "forward": (
        ForwardForm,
        services.petition_forward,
        ("agency", "reason"),
        (PetitionStatus.ASSIGNED, PetitionStatus.IN_PROGRESS),
        gettext_lazy("The petition has been forwarded."),
    ),
    "start": (
        None,
        services.petition_start,
        (),
        (PetitionStatus.ASSIGNED,),
        gettext_lazy("Handling has started."),
    ),
    "answer": (
        AnswerForm,
        services.petition_answer,
        ("answer", "answer_file"),
        (PetitionStatus.ASSIGNED, PetitionStatus.IN_PROGRESS),
        gettext_lazy("The answer has been published to the sender."),
    ),
    "close": (
        None,
        services.petition_close,
        (),
        (PetitionStatus.ANSWERED,),
        gettext_lazy("The petition has been closed."),
    ),
    "reopen": (
        ReasonForm,
        services.petition_reopen,
        ("reason",),
        DONE_STATUSES,
        gettext_lazy("The petition has been reopened."),
    ),
    "refuse": (
        ReasonForm,
        services.petition_refuse,
        ("reason",),
        OPEN_STATUSES,
        gettext_lazy("The petition has been refused as out of scope."),
    ),
    "note": (
        NoteForm,
        services.petition_note,
        ("text",),
        tuple(PetitionStatus.values),
        gettext_lazy("The note has been added."),
    ),
}


def _step_forms(
    request: HttpRequest, petition: Petition, bound: tuple[str, forms.Form] | None = None
) -> dict:
    """The forms of the steps the user may take now; the one just posted keeps what was typed."""
    if not allows(request.user, petition, "write"):
        return {}
    available = {}
    for name, (form_class, *_rest, statuses, _message) in STEPS.items():
        if petition.status not in statuses or (name == "assign" and not is_province_admin(request.user)):
            continue
        available[name] = bound[1] if bound and bound[0] == name else (form_class() if form_class else None)
    return available


def _detail(
    request: HttpRequest, petition: Petition, bound: tuple[str, forms.Form] | None = None
) -> HttpResponse:
    can_write = allows(request.user, petition, "write")
    context = {
        "petition": petition,
        "steps": _step_forms(request, petition, bound),
        "can_write": can_write,
        "sees_contact": allows(request.user, petition, "contact"),
        "days_left": selectors.with_days_left([petition])[0],
        "forward_until": services.forward_deadline(petition) if petition.assigned_on else None,
        "history": history_rows(petition) if can_write else [],
    }
    return render(request, "accountability/petition_detail.html", context, status=400 if bound else 200)


@records_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_petition_for_user(request.user, pk))


@record_writers_required
def petition_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    # The petition is found first, so staff of another agency get 404 rather than learn that it exists.
    petition = selectors.get_petition_for_user(request.user, pk, write=True)
    if step == "assign" and not is_province_admin(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form_class, service, names, _statuses, success = STEPS[step]
    if form_class is None:
        run_service(request, service, success=str(success), petition=petition, actor=request.user)
        return redirect(petition)
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid():
        values = {name: form.cleaned_data.get(name) for name in names}
        if call_service(form, service, petition=petition, actor=request.user, **values) is not None:
            messages.success(request, str(success))
            return redirect(petition)
    # Refused: the page again, with the step's form as typed and its errors.
    return _detail(request, selectors.get_petition_for_user(request.user, pk), (step, form))


@records_required
def petition_attachment(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    attachment = selectors.get_attachment_for_user(request.user, pk, file_pk)
    return file_download(attachment.file, filename=attachment.original_name)


@records_required
def petition_answer_file(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.get_petition_for_user(request.user, pk)
    return file_download(petition.answer_file)
