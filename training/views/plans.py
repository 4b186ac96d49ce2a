"""Yearly training plans."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dancoso.accounts.access import is_province_admin, province_admin_required, records_required
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, posted
from training import selectors
from training.forms import PlanForm
from training.indicators import class_count_warning
from training.models import ClassStatus
from training.services import plans as services


@records_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(selectors.plan_list(user=request.user))
    rows = [(plan, class_count_warning(plan.class_count)) for plan in plans]
    context = {"rows": rows, "can_manage": is_province_admin(request.user)}
    return render(request, "training/plan_list.html", context)


@records_required
def plan_detail(request: HttpRequest, year: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, year)
    classes = list(selectors.class_list(user=request.user, filters={"sort": "start"}, plan=plan))
    held = sum(1 for training_class in classes if training_class.status != ClassStatus.CANCELLED)
    context = {
        "plan": plan,
        "classes": classes,
        "warning": class_count_warning(held),
        "history": history_rows(plan),
        "can_manage": is_province_admin(request.user),
    }
    return render(request, "training/plan_detail.html", context)


@province_admin_required
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(posted(request))
    if form.is_valid():
        plan = call_service(form, services.plan_create, actor=request.user, **form.cleaned_data)
        if plan is not None:
            messages.success(
                request, _("The training plan for %(year)s has been created.") % {"year": plan.year}
            )
            return redirect(plan)
    return render(request, "training/plan_form.html", {"form": form, "plan": None})


@province_admin_required
def plan_update(request: HttpRequest, year: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, year, action="write")
    form = PlanForm(posted(request), instance=plan)
    if form.is_valid() and call_service(
        form, services.plan_update, plan=plan, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect(plan)
    return render(request, "training/plan_form.html", {"form": form, "plan": plan})
