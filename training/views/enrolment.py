"""The roster of a class: nomination by agencies, decisions by Home Affairs, withdrawal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dancoso.accounts import access
from dancoso.accounts.access import record_writers_required, records_required
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from training import exports, selectors
from training.forms import DecisionForm, NominationAgencyForm, NominationForm, RosterFilterForm
from training.services import enrolment as services


@records_required
def roster(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.get_class_for_user(request.user, pk)
    can_manage = access.is_province_admin(request.user)
    if request.method == "POST" and can_manage:
        _confirm_all(request, training_class)
        return redirect("training:roster", pk=training_class.pk)
    form = RosterFilterForm(request.GET, training_class=training_class)
    enrolments = selectors.roster(
        user=request.user, training_class=training_class, filters=valid_filters(form)
    )
    if request.GET.get("export") == "xlsx":
        return exports.roster_xlsx(training_class, enrolments)
    context = {
        "training_class": training_class,
        "form": form,
        "page_obj": page_of(request, enrolments),
        "summary": selectors.class_summary(training_class),
        "can_manage": can_manage,
        "can_nominate": access.can_write_records(request.user),
        "user_agency_id": request.user.agency_id,
    }
    return render(request, "training/roster.html", context)


def _confirm_all(request: HttpRequest, training_class: Any) -> None:
    count = services.enrolments_confirm_all(training_class=training_class, actor=request.user)
    messages.success(
        request,
        ngettext("%(count)s nomination confirmed.", "%(count)s nominations confirmed.", count)
        % {"count": count},
    )


@record_writers_required
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.get_class_for_user(request.user, pk)
    agency_form = NominationAgencyForm(request.GET or None)
    agency_id = _nominating_agency(request, agency_form)
    form = None
    if agency_id is not None:
        candidates = selectors.nomination_candidates(training_class=training_class, agency_id=agency_id)
        form = NominationForm(posted(request), candidates=candidates)
        if form.is_valid():
            people = list(form.cleaned_data["people"])
            if call_service(
                form,
                services.enrolment_nominate,
                training_class=training_class,
                people=people,
                actor=request.user,
            ):
                count = len(people)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s official has been nominated.",
                        "%(count)s officials have been nominated.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("training:roster", pk=training_class.pk)
    context = {
        "training_class": training_class,
        "form": form,
        "agency_form": agency_form,
        "agency_id": agency_id,
    }
    return render(request, "training/nominate.html", context)


def _nominating_agency(request: HttpRequest, agency_form: NominationAgencyForm) -> int | None:
    """Agency staff nominate their own officials; Home Affairs picks the agency first."""
    if not access.is_province_admin(request.user):
        return request.user.agency_id
    if agency_form.is_valid() and agency_form.cleaned_data["agency"]:
        return agency_form.cleaned_data["agency"].pk
    return None


@records_required
def enrolment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = selectors.get_enrolment_for_user(request.user, pk, action="decide")
    form = DecisionForm(posted(request))
    if form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        if call_service(
            form,
            services.enrolment_decide,
            enrolment=enrolment,
            confirm=confirm,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ):
            messages.success(
                request, _("The decision on %(name)s has been saved.") % {"name": enrolment.person}
            )
            return redirect("training:roster", pk=enrolment.training_class_id)
    return render(request, "training/enrolment_decide.html", {"form": form, "enrolment": enrolment})


@records_required
@require_POST
def enrolment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = selectors.get_enrolment_for_user(request.user, pk, action="write")
    withdrawn = _("%(name)s has been withdrawn from the class.") % {"name": enrolment.person}
    run_service(
        request, services.enrolment_withdraw, enrolment=enrolment, actor=request.user, success=withdrawn
    )
    return redirect("training:roster", pk=enrolment.training_class_id)
