"""Staff pages of disclosures to staff (Art. 46–47), consultations (Art. 48–50), and Home Affairs' matrix
of what each agency disclosed in a year."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accountability.exports import disclosures as exports
from accountability.forms.disclosures import (
    ConsultationFilterForm,
    ConsultationForm,
    DisclosureFilterForm,
    DisclosureRecordForm,
    MatrixForm,
)
from accountability.selectors import disclosures as selectors
from accountability.services import disclosures as services
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
from dancoso.periods import current_period


@records_required
def disclosure_list(request: HttpRequest) -> HttpResponse:
    form = DisclosureFilterForm(request.GET, user=request.user)
    disclosures = selectors.disclosure_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.disclosures_xlsx(disclosures)
    context = {
        "form": form,
        "page_obj": page_of(request, disclosures),
        "can_write": can_write_records(request.user),
        "can_read_all": can_read_all(request.user),
    }
    return render(request, "accountability/disclosure_list.html", context)


@record_writers_required
def disclosure_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    disclosure = selectors.get_disclosure_for_user(request.user, pk, write=True) if pk else None
    initial = {"year": current_period().year}
    form = DisclosureRecordForm(
        posted(request), request.FILES or None, instance=disclosure, initial=initial, user=request.user
    )
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.DISCLOSURE_FIELDS}
        saved = call_service(
            form,
            services.disclosure_save,
            actor=request.user,
            disclosure=disclosure,
            forms=form.cleaned_data["forms"],
            **fields,
        )
        if saved is not None:
            messages.success(request, _("The disclosure has been saved."))
            return redirect(saved)
    return render(request, "accountability/disclosure_form.html", {"form": form, "disclosure": disclosure})


@records_required
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.get_disclosure_for_user(request.user, pk)
    can_write = allows(request.user, disclosure, "write")
    context = {
        "disclosure": disclosure,
        "can_write": can_write,
        "history": history_rows(disclosure) if can_write else [],
    }
    return render(request, "accountability/disclosure_detail.html", context)


@records_required
def disclosure_file(request: HttpRequest, pk: int) -> HttpResponse:
    return file_download(selectors.get_disclosure_for_user(request.user, pk).file)


@user_passes(can_read_all)
def disclosure_matrix(request: HttpRequest) -> HttpResponse:
    """Every active agency × every required category for a year: when it was first disclosed, or a gap."""
    form = MatrixForm(request.GET)
    filters = valid_filters(form)
    year = filters.get("year") or current_period().year
    required = selectors.required_categories()
    agencies = selectors.matrix(year, filters=filters)
    if request.GET.get("export") == "xlsx":
        return exports.matrix_xlsx(selectors.matrix_rows(agencies, year, required), required, year)
    page = page_of(request, agencies)
    page.rows = selectors.matrix_rows(page.object_list, year, required)
    context = {
        "form": form,
        "year": year,
        "page_obj": page,
        "required": required,
        "totals": selectors.matrix_totals(year, required),
    }
    return render(request, "accountability/disclosure_matrix.html", context)


@records_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    form = ConsultationFilterForm(request.GET, user=request.user)
    consultations = selectors.consultation_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.consultations_xlsx(consultations)
    context = {
        "form": form,
        "page_obj": page_of(request, consultations),
        "can_write": can_write_records(request.user),
    }
    return render(request, "accountability/consultation_list.html", context)


@record_writers_required
def consultation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    consultation = selectors.get_consultation_for_user(request.user, pk, write=True) if pk else None
    form = ConsultationForm(posted(request), request.FILES or None, instance=consultation, user=request.user)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.CONSULTATION_FIELDS}
        saved = call_service(
            form, services.consultation_save, actor=request.user, consultation=consultation, **fields
        )
        if saved is not None:
            messages.success(request, _("The consultation has been saved."))
            return redirect(saved)
    context = {"form": form, "consultation": consultation}
    return render(request, "accountability/consultation_form.html", context)


@records_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.get_consultation_for_user(request.user, pk)
    can_write = allows(request.user, consultation, "write")
    context = {
        "consultation": consultation,
        "can_write": can_write,
        "history": history_rows(consultation) if can_write else [],
    }
    return render(request, "accountability/consultation_detail.html", context)


@records_required
def consultation_file(request: HttpRequest, pk: int) -> HttpResponse:
    return file_download(selectors.get_consultation_for_user(request.user, pk).file)
