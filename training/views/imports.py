"""Roster import from Excel: agency staff nominate their own people, Home Affairs enrols anyone confirmed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from dancoso.accounts.access import is_province_admin, record_writers_required
from dancoso.agencies.selectors import example_agency
from dancoso.core.lists import call_service, posted
from training import exports
from training.forms_reports import RosterImportForm
from training.imports import ROSTER_HEADERS
from training.models import ClassStatus, TrainingClass
from training.selectors import get_class_for_user
from training.services.roster import enrolments_import


def _class_for_import(user: Any, pk: int) -> TrainingClass:
    """The class to import into; agency staff may import only while it is open for nomination."""
    training_class = get_class_for_user(user, pk)
    if not is_province_admin(user) and training_class.status != ClassStatus.OPEN:
        raise Http404
    return training_class


def _imported_message(count: int, *, confirmed: bool) -> str:
    if confirmed:
        text = ngettext("Enrolled %(count)s trainee.", "Enrolled %(count)s trainees.", count)
    else:
        text = ngettext(
            "Nominated %(count)s trainee; Home Affairs will confirm.",
            "Nominated %(count)s trainees; Home Affairs will confirm.",
            count,
        )
    return text % {"count": count}


@record_writers_required
def roster_import(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = _class_for_import(request.user, pk)
    form = RosterImportForm(posted(request), request.FILES or None)
    if form.is_valid():
        rows = form.cleaned_data["file"]
        enrolments = call_service(
            form, enrolments_import, training_class=training_class, rows=rows, actor=request.user
        )
        if enrolments is not None:
            confirmed = is_province_admin(request.user)
            messages.success(request, _imported_message(len(enrolments), confirmed=confirmed))
            return redirect("training:roster", training_class.pk)
    context = {
        "form": form,
        "training_class": training_class,
        "headers": ROSTER_HEADERS,
        "confirms": is_province_admin(request.user),
    }
    return render(request, "training/roster_import.html", context)


@record_writers_required
def roster_template(request: HttpRequest, pk: int) -> HttpResponse:
    _class_for_import(request.user, pk)
    return exports.roster_template(example_agency(request.user))
