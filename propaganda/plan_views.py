"""Staff pages of the yearly dissemination plans (Art. 1 §2b) and Home Affairs' compliance matrix."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dancoso.accounts.access import (
    allows,
    can_read_all,
    can_write_records,
    record_writers_required,
    records_required,
    user_passes,
)
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from dancoso.core.uploads import file_download
from dancoso.periods import current_period
from propaganda import exports
from propaganda.forms_plans import ActivityForm, ActivityResultForm, ComplianceForm, PlanFilterForm, PlanForm
from propaganda.models import DisseminationPlan, PlanActivity, PlanStatus
from propaganda.selectors import plans as selectors
from propaganda.services import plans as services


@records_required
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET, user=request.user)
    plans = selectors.plan_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.plans_xlsx(plans)
    context = {
        "form": form,
        "page_obj": page_of(request, plans),
        "can_write": can_write_records(request.user),
    }
    return render(request, "propaganda/plan_list.html", context)


@record_writers_required
def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, write=True) if pk else None
    initial = {"year": current_period().year}
    form = PlanForm(posted(request), request.FILES or None, instance=plan, initial=initial, user=request.user)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.PLAN_FIELDS}
        saved = call_service(form, services.plan_save, actor=request.user, plan=plan, **fields)
        if saved is not None:
            messages.success(request, _("The plan has been saved."))
            return redirect(saved)
    return render(request, "propaganda/plan_form.html", {"form": form, "plan": plan})


@records_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    can_write = allows(request.user, plan, "write")
    context = {
        "plan": plan,
        "can_write": can_write,
        "statuses": PlanStatus,
        "history": history_rows(plan) if can_write else [],
    }
    return render(request, "propaganda/plan_detail.html", context)


@record_writers_required
def plan_status(request: HttpRequest, pk: int) -> HttpResponse:
    # The plan is found first, so staff of another agency get 404 rather than learn that the page exists.
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    status = request.POST.get("status", "")
    label = PlanStatus(status).label if status in PlanStatus.values else status
    done = _("The plan is now: %(status)s.") % {"status": label}
    run_service(request, services.plan_status_set, success=done, plan=plan, status=status, actor=request.user)
    return redirect(plan)


@records_required
def plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    return file_download(plan.decision_file)


@record_writers_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk, write=True)
    return _activity_form(request, plan, None)


@record_writers_required
def activity_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk, write=True)
    return _activity_form(request, activity.plan, activity)


def _activity_form(
    request: HttpRequest, plan: DisseminationPlan, activity: PlanActivity | None
) -> HttpResponse:
    form = ActivityForm(posted(request), instance=activity)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.ACTIVITY_FIELDS}
        # The activity has a field named "form": bound here, so it does not clash with call_service's own.
        save = partial(services.activity_save, actor=request.user, plan=plan, activity=activity, **fields)
        if call_service(form, save) is not None:
            messages.success(request, _("The activity has been saved."))
            return redirect(plan)
    context = {"form": form, "plan": plan, "activity": activity}
    return render(request, "propaganda/activity_form.html", context)


@record_writers_required
def activity_done(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk, write=True)
    form = ActivityResultForm(posted(request), request.FILES or None, instance=activity)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.RESULT_FIELDS}
        if call_service(form, services.activity_record, actor=request.user, activity=activity, **fields):
            messages.success(request, _("What the activity did has been recorded."))
            return redirect(activity.plan)
    context = {"form": form, "plan": activity.plan, "activity": activity}
    return render(request, "propaganda/activity_done.html", context)


@records_required
def activity_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_activity_for_user(request.user, pk)
    return file_download(activity.evidence)


@user_passes(can_read_all)
def compliance(request: HttpRequest) -> HttpResponse:
    """Every agency × what it did for its plan in a year, those without an approved plan first."""
    form = ComplianceForm(request.GET)
    filters = valid_filters(form)
    year = filters.get("year") or current_period().year
    agencies = selectors.compliance(year, filters=filters)
    if request.GET.get("export") == "xlsx":
        return exports.compliance_xlsx(agencies, year)
    page = page_of(request, agencies)
    columns = exports.compliance_columns()
    page.rows = [(row, [column.value(row) for column in columns[1:]]) for row in page.object_list]
    context = {
        "form": form,
        "year": year,
        "page_obj": page,
        "columns": columns[1:],
        "totals": selectors.compliance_totals(year),
    }
    return render(request, "propaganda/compliance.html", context)
