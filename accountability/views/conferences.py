"""Staff pages of the yearly staff conference (Law 10/2022 Art. 51): the list, a conference and its
resolutions, and Home Affairs' matrix of who held it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accountability.exports import conferences as exports
from accountability.forms.conferences import ConferenceFilterForm, ConferenceForm, MatrixForm, ResolutionForm
from accountability.models import ConferenceResolution, StaffConference
from accountability.selectors import conferences as selectors
from accountability.services import conferences as services
from dancoso.accounts.access import (
    allows,
    can_read_all,
    can_write_records,
    record_writers_required,
    records_required,
    user_passes,
)
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, valid_filters
from dancoso.core.uploads import file_download


@records_required
def conference_list(request: HttpRequest) -> HttpResponse:
    form = ConferenceFilterForm(request.GET, user=request.user)
    conferences = selectors.conference_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.conferences_xlsx(conferences)
    context = {
        "form": form,
        "page_obj": page_of(request, conferences),
        "can_write": can_write_records(request.user),
        "can_see_matrix": can_read_all(request.user),
    }
    return render(request, "accountability/conference_list.html", context)


@record_writers_required
def conference_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    conference = selectors.get_conference_for_user(request.user, pk, write=True) if pk else None
    initial = {"year": selectors.default_year()}
    form = ConferenceForm(
        posted(request), request.FILES or None, instance=conference, initial=initial, user=request.user
    )
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.CONFERENCE_FIELDS}
        saved = call_service(
            form, services.conference_save, actor=request.user, conference=conference, **fields
        )
        if saved is not None:
            messages.success(request, _("The staff conference has been saved."))
            for warning in services.conference_warnings(saved):
                messages.warning(request, warning)
            return redirect(saved)
    return render(request, "accountability/conference_form.html", {"form": form, "conference": conference})


@records_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_user(request.user, pk)
    can_write = allows(request.user, conference, "write")
    context = {
        "conference": conference,
        "timing": selectors.timing(conference.year, conference.held_on),
        "can_write": can_write,
        "history": history_rows(conference) if can_write else [],
    }
    return render(request, "accountability/conference_detail.html", context)


@records_required
def conference_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_user(request.user, pk)
    return file_download(conference.minutes)


@record_writers_required
def resolution_create(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_user(request.user, pk, write=True)
    return _resolution_form(request, conference, None)


@record_writers_required
def resolution_update(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.get_resolution_for_user(request.user, pk, write=True)
    return _resolution_form(request, resolution.conference, resolution)


def _resolution_form(
    request: HttpRequest, conference: StaffConference, resolution: ConferenceResolution | None
) -> HttpResponse:
    form = ResolutionForm(posted(request), instance=resolution)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.RESOLUTION_FIELDS}
        saved = call_service(
            form,
            services.resolution_save,
            actor=request.user,
            conference=conference,
            resolution=resolution,
            **fields,
        )
        if saved is not None:
            messages.success(request, _("The resolution has been saved."))
            return redirect(conference)
    context = {"form": form, "conference": conference, "resolution": resolution}
    return render(request, "accountability/resolution_form.html", context)


@user_passes(can_read_all)
def conference_matrix(request: HttpRequest) -> HttpResponse:
    """Every active agency × its conference of a year, those that have not held it first."""
    form = MatrixForm(request.GET)
    filters = valid_filters(form)
    year = filters.get("year") or selectors.default_year()
    agencies = selectors.matrix(year, filters=filters)
    columns = exports.matrix_columns(year)
    if request.GET.get("export") == "xlsx":
        return exports.matrix_xlsx(agencies, year)
    page = page_of(request, agencies)
    page.rows = [(row, [column.value(row) for column in columns[1:]]) for row in page.object_list]
    context = {
        "form": form,
        "year": year,
        "deadline": selectors.conference_deadline(year),
        "page_obj": page,
        "columns": columns[1:],
        "totals": selectors.matrix_totals(year),
    }
    return render(request, "accountability/conference_matrix.html", context)
