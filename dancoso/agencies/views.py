"""Pages of the agency and people registers: check access, bind the form, call the service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dancoso.accounts import access
from dancoso.accounts.access import province_admin_required, record_writers_required, records_required
from dancoso.agencies import exports, selectors, services
from dancoso.agencies.forms import (
    AgencyFilterForm,
    AgencyForm,
    AgencyMergeForm,
    AgencyRetireForm,
    PersonFilterForm,
    PersonForm,
    PersonImportForm,
    ProvinceForm,
)
from dancoso.agencies.imports import HEADERS
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, valid_filters
from dancoso.core.navigation import agency_flags


@province_admin_required
def province_update(request: HttpRequest) -> HttpResponse:
    province = selectors.province_for_edit()
    form = ProvinceForm(posted(request), instance=province)
    if form.is_valid() and call_service(
        form, services.province_update, province=province, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect("agencies:province_update")
    context = {"form": form, "province": province, "history": history_rows(province)}
    return render(request, "agencies/province_form.html", context)


@records_required
def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET)
    agencies = selectors.agency_list(user=request.user, filters=valid_filters(form))
    with_people = selectors.shows_people_counts(request.user)
    if request.GET.get("export") == "xlsx":
        return exports.agencies_xlsx(agencies, with_people=with_people)
    context = {
        "form": form,
        "page_obj": page_of(request, agencies),
        "with_people": with_people,
        "can_manage": access.is_province_admin(request.user),
    }
    return render(request, "agencies/agency_list.html", context)


@records_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for_user(request.user, pk)
    context = {
        "agency": agency,
        **selectors.agency_children(agency),
        "people": selectors.people_summary(user=request.user, agency=agency),
        "history": history_rows(agency),
        "can_manage": access.is_province_admin(request.user),
        "flags": agency_flags([agency.pk])[agency.pk] if agency.is_active else [],
    }
    return render(request, "agencies/agency_detail.html", context)


@province_admin_required
def agency_create(request: HttpRequest) -> HttpResponse:
    form = AgencyForm(posted(request))
    if form.is_valid():
        agency = call_service(form, services.agency_create, actor=request.user, **form.cleaned_data)
        if agency is not None:
            messages.success(request, _("Agency %(agency)s has been created.") % {"agency": agency})
            return redirect(agency)
    return render(request, "agencies/agency_form.html", {"form": form, "agency": None})


@province_admin_required
def agency_update(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for_user(request.user, pk, action="write")
    form = AgencyForm(posted(request), instance=agency)
    if form.is_valid() and call_service(
        form, services.agency_update, agency=agency, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect(agency)
    return render(request, "agencies/agency_form.html", {"form": form, "agency": agency})


@province_admin_required
def agency_merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.get_agency_for_user(request.user, pk, action="write")
    if not source.is_active:
        messages.error(request, _("%(agency)s has already been retired.") % {"agency": source})
        return redirect(source)
    form = AgencyMergeForm(posted(request), source=source)
    if form.is_valid():
        target = form.cleaned_data["target"]
        if call_service(form, services.agency_merge, source=source, target=target, actor=request.user):
            messages.success(
                request,
                _("%(source)s has been merged into %(target)s.") % {"source": source, "target": target},
            )
            return redirect(source)
    return render(request, "agencies/agency_merge.html", {"form": form, "agency": source})


@province_admin_required
def agency_retire(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for_user(request.user, pk, action="write")
    if not agency.is_active:
        messages.error(request, _("%(agency)s has already been retired.") % {"agency": agency})
        return redirect(agency)
    form = AgencyRetireForm(posted(request))
    if form.is_valid() and call_service(
        form, services.agency_retire, agency=agency, on=form.cleaned_data["on"], actor=request.user
    ):
        messages.success(request, _("%(agency)s has been retired.") % {"agency": agency})
        return redirect(agency)
    return render(request, "agencies/agency_retire.html", {"form": form, "agency": agency})


# Access is checked before the method, so strangers get the login page or 403, never a hint about the URL.
@province_admin_required
@require_POST
def agency_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for_user(request.user, pk, action="write")
    try:
        services.agency_reactivate(agency=agency, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(agency)s is active again.") % {"agency": agency})
    return redirect(agency)


@records_required
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET, user=request.user)
    people = selectors.person_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.people_xlsx(people)
    can_write = access.can_write_records(request.user)
    context = {"form": form, "page_obj": page_of(request, people), "can_write": can_write}
    return render(request, "agencies/person_list.html", context)


@records_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, pk)
    context = {
        "person": person,
        "history": history_rows(person),
        "can_edit": access.allows(request.user, person, "write"),
    }
    return render(request, "agencies/person_detail.html", context)


@record_writers_required
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(posted(request), user=request.user)
    if form.is_valid():
        person = call_service(form, services.person_create, actor=request.user, **form.cleaned_data)
        if person is not None:
            messages.success(request, _("%(person)s has been added.") % {"person": person})
            return redirect(person)
    return render(request, "agencies/person_form.html", {"form": form, "person": None})


@record_writers_required
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_user(request.user, pk, action="write")
    form = PersonForm(posted(request), instance=person, user=request.user)
    if form.is_valid() and call_service(
        form, services.person_update, person=person, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect(person)
    return render(request, "agencies/person_form.html", {"form": form, "person": person})


@record_writers_required
def person_import(request: HttpRequest) -> HttpResponse:
    form = PersonImportForm(posted(request), request.FILES or None)
    if form.is_valid():
        rows = form.cleaned_data["file"]
        people = call_service(form, services.people_import, rows=rows, actor=request.user)
        if people is not None:
            count = len(people)
            messages.success(
                request,
                ngettext("Imported %(count)s person.", "Imported %(count)s people.", count)
                % {"count": count},
            )
            return redirect("agencies:person_list")
    return render(request, "agencies/person_import.html", {"form": form, "headers": HEADERS})


@record_writers_required
def person_import_template(request: HttpRequest) -> HttpResponse:
    return exports.people_template(selectors.example_agency(request.user))
