"""Pages of the yearly emulation movement and the agencies' pledges."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dancoso.accounts.access import (
    allows,
    can_read_all,
    can_write_records,
    is_agency_staff,
    is_province_admin,
    province_admin_required,
    record_writers_required,
    records_required,
)
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, valid_filters
from dancoso.core.steps import Step, available, may_take, take
from dancoso.core.uploads import file_download
from emulation import exports
from emulation.forms.campaigns import CampaignForm, MatrixForm, PledgeFilterForm, PledgeForm
from emulation.forms.common import ReasonForm
from emulation.models import PledgeStatus
from emulation.models.campaign import EDITABLE_PLEDGE
from emulation.selectors import campaigns as selectors
from emulation.services import campaigns as services
from emulation.views.common import record_page


@records_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page_obj": page_of(request, selectors.campaign_list(user=request.user)),
        "can_write": is_province_admin(request.user),
    }
    return render(request, "emulation/campaign_list.html", context)


@province_admin_required
def campaign_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    campaign = selectors.get_campaign_for_user(request.user, pk, write=True) if pk else None
    form = CampaignForm(posted(request), request.FILES or None, instance=campaign)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.CAMPAIGN_FIELDS}
        saved = call_service(form, services.campaign_save, actor=request.user, campaign=campaign, **fields)
        if saved is not None:
            messages.success(request, _("The emulation movement has been saved."))
            return redirect(saved)
    return render(request, "emulation/campaign_form.html", {"form": form, "campaign": campaign})


@records_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The movement, and who has sent a pledge to it (Home Affairs and leaders) or the agency's own."""
    campaign = selectors.get_campaign_for_user(request.user, pk)
    context = {"campaign": campaign, "can_write": allows(request.user, campaign, "write")}
    if can_read_all(request.user):
        form = MatrixForm(request.GET)
        agencies = selectors.pledge_matrix(campaign, filters=valid_filters(form))
        if request.GET.get("export") == "xlsx":
            return exports.matrix_xlsx(agencies, campaign.year)
        page = page_of(request, agencies)
        page.rows = [(row, exports.matrix_status(row)) for row in page.object_list]
        context |= {"form": form, "page_obj": page, "totals": selectors.pledge_totals(campaign)}
    elif is_agency_staff(request.user):
        context["own_pledge"] = selectors.own_pledge(campaign, request.user.agency_id)
        context["can_pledge"] = can_write_records(request.user)
    return render(request, "emulation/campaign_detail.html", context)


@records_required
def campaign_file(request: HttpRequest, pk: int) -> HttpResponse:
    return file_download(selectors.get_campaign_for_user(request.user, pk).document_file)


@records_required
def pledge_list(request: HttpRequest) -> HttpResponse:
    form = PledgeFilterForm(request.GET, user=request.user)
    pledges = selectors.pledge_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.pledges_xlsx(pledges)
    context = {
        "form": form,
        "page_obj": page_of(request, pledges),
        "can_write": can_write_records(request.user),
        "campaign": selectors.latest_campaign(),
    }
    return render(request, "emulation/pledge_list.html", context)


@record_writers_required
def pledge_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    pledge = selectors.get_pledge_for_user(request.user, pk, action="write") if pk else None
    if pledge is not None and pledge.status not in EDITABLE_PLEDGE:
        messages.error(request, _("A pledge that has been sent cannot be changed."))
        return redirect(pledge)
    campaign = request.GET.get("campaign") or getattr(selectors.latest_campaign(), "pk", None)
    return record_page(
        request,
        instance=pledge,
        form_class=PledgeForm,
        service=services.pledge_save,
        keyword="pledge",
        template="emulation/pledge_form.html",
        success=_("The pledge has been saved. Send it to Home Affairs when it is complete."),
        initial={"campaign": campaign},
    )


PLEDGE_STEPS = {
    "send": Step(
        gettext_lazy("Send to Home Affairs"),
        services.pledge_send,
        EDITABLE_PLEDGE,
        gettext_lazy("The pledge has been sent to Home Affairs."),
    ),
    "approve": Step(
        gettext_lazy("Approve the pledge"),
        services.pledge_approve,
        (PledgeStatus.SENT,),
        gettext_lazy("The pledge has been approved."),
        action="review",
        style="success",
    ),
    "return": Step(
        gettext_lazy("Return for completion"),
        services.pledge_return,
        (PledgeStatus.SENT,),
        gettext_lazy("The pledge has been returned to the agency."),
        form=ReasonForm,
        fields=("reason",),
        action="review",
        style="outline-danger",
    ),
}


def _pledge_page(request: HttpRequest, pledge: object, bound: object = None) -> HttpResponse:
    can_write = allows(request.user, pledge, "write")
    context = {
        "pledge": pledge,
        "can_edit": can_write and pledge.status in EDITABLE_PLEDGE,
        "steps": available(request.user, pledge, PLEDGE_STEPS, url_prefix="emulation:pledge", bound=bound),
        "history": history_rows(pledge) if can_write else [],
    }
    return render(request, "emulation/pledge_detail.html", context, status=400 if bound else 200)


@records_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _pledge_page(request, selectors.get_pledge_for_user(request.user, pk))


@record_writers_required
def pledge_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    pledge = selectors.get_pledge_for_user(request.user, pk)
    if not may_take(request.user, pledge, PLEDGE_STEPS[step]):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refused = take(request, pledge, step, PLEDGE_STEPS[step], keyword="pledge")
    if refused is None:
        return redirect(pledge)
    return _pledge_page(request, selectors.get_pledge_for_user(request.user, pk), refused)


@records_required
def pledge_file(request: HttpRequest, pk: int) -> HttpResponse:
    return file_download(selectors.get_pledge_for_user(request.user, pk).file)
