"""Pages of the IT systems register (Art. 1 §5): the list, a system with its timeline, its milestones, and
the register as JSON for exchange."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dancoso.accounts.access import allows, can_write_records, record_writers_required, records_required
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from digital import exports, selectors, services
from digital.forms import MilestoneForm, SystemFilterForm, SystemForm


@records_required
def system_list(request: HttpRequest) -> HttpResponse:
    form = SystemFilterForm(request.GET, user=request.user)
    systems = selectors.system_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.systems_xlsx(selectors.with_lists(systems))
    context = {
        "form": form,
        "page_obj": page_of(request, systems),
        "can_write": can_write_records(request.user),
    }
    return render(request, "digital/system_list.html", context)


@records_required
def system_register(request: HttpRequest) -> JsonResponse:
    """The register's fields of every system the user may read, for exchange with other systems."""
    systems = selectors.with_lists(selectors.system_list(user=request.user, filters={}))
    return JsonResponse(
        {"systems": selectors.register_rows(systems)}, json_dumps_params={"ensure_ascii": False}
    )


@record_writers_required
def system_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    system = selectors.get_system_for_user(request.user, pk, write=True) if pk else None
    form = SystemForm(posted(request), instance=system, user=request.user)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SYSTEM_FIELDS}
        lists = {name: form.cleaned_data[name] for name in ("purposes", "platforms")}
        saved = call_service(form, services.system_save, actor=request.user, system=system, **fields, **lists)
        if saved is not None:
            messages.success(request, _("The system has been saved."))
            return redirect(saved)
    return render(request, "digital/system_form.html", {"form": form, "system": system})


@records_required
def system_detail(request: HttpRequest, pk: int) -> HttpResponse:
    system = selectors.get_system_for_user(request.user, pk)
    can_write = allows(request.user, system, "write")
    context = {"system": system, "can_write": can_write, "history": history_rows(system) if can_write else []}
    return render(request, "digital/system_detail.html", context)


@record_writers_required
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    system = selectors.get_system_for_user(request.user, pk, write=True)
    return _milestone_form(request, system, None)


@record_writers_required
def milestone_update(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = selectors.get_milestone_for_user(request.user, pk)
    return _milestone_form(request, milestone.system, milestone)


def _milestone_form(request: HttpRequest, system: object, milestone: object) -> HttpResponse:
    form = MilestoneForm(posted(request), instance=milestone)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.MILESTONE_FIELDS}
        saved = call_service(
            form, services.milestone_save, actor=request.user, system=system, milestone=milestone, **fields
        )
        if saved is not None:
            messages.success(request, _("The milestone has been saved."))
            return redirect(system)
    return render(
        request, "digital/milestone_form.html", {"form": form, "system": system, "milestone": milestone}
    )


@record_writers_required
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = selectors.get_milestone_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    success = _("The milestone has been deleted.")
    run_service(request, services.milestone_delete, success=success, milestone=milestone, actor=request.user)
    return redirect(milestone.system)
