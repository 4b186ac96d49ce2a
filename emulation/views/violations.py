"""Pages of the violations register."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dancoso.accounts.access import allows, can_write_records, record_writers_required, records_required
from dancoso.core.history import history_rows
from dancoso.core.lists import page_of, valid_filters
from emulation import exports
from emulation.forms.violations import ViolationFilterForm, ViolationForm
from emulation.selectors import violations as selectors
from emulation.services import violations as services
from emulation.views.common import record_page


@records_required
def violation_list(request: HttpRequest) -> HttpResponse:
    form = ViolationFilterForm(request.GET, user=request.user)
    violations = selectors.violation_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.violations_xlsx(violations)
    context = {
        "form": form,
        "page_obj": page_of(request, violations),
        "can_write": can_write_records(request.user),
    }
    return render(request, "emulation/violation_list.html", context)


@record_writers_required
def violation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    violation = selectors.get_violation_for_user(request.user, pk, write=True) if pk else None
    return record_page(
        request,
        instance=violation,
        form_class=ViolationForm,
        service=services.violation_save,
        keyword="violation",
        template="emulation/violation_form.html",
        success=_("The violation has been saved."),
    )


@records_required
def violation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    violation = selectors.get_violation_for_user(request.user, pk)
    can_write = allows(request.user, violation, "write")
    context = {
        "violation": violation,
        "can_write": can_write,
        "history": history_rows(violation) if can_write else [],
    }
    return render(request, "emulation/violation_detail.html", context)
