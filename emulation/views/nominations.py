"""Pages of commendation quotas and nominations, from the draft to the decided commendation's certificate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from dancoso.accounts.access import (
    allows,
    can_write_records,
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
from emulation.certificates import commendation_pdf
from emulation.forms.common import ReasonForm
from emulation.forms.nominations import (
    AllocateForm,
    DecideForm,
    FileForm,
    NominationFilterForm,
    NominationForm,
    QuotaFilterForm,
    QuotaForm,
    ReviewForm,
)
from emulation.models import NominationStatus
from emulation.selectors import nominations as selectors
from emulation.selectors.violations import blocking_violations
from emulation.services import nominations as services
from emulation.views.common import record_page


@records_required
def quota_list(request: HttpRequest) -> HttpResponse:
    form = QuotaFilterForm(request.GET or {"year": selectors.default_year()}, user=request.user)
    quotas = selectors.quota_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.quotas_xlsx(quotas)
    context = {
        "form": form,
        "page_obj": page_of(request, quotas),
        "can_write": is_province_admin(request.user),
    }
    return render(request, "emulation/quota_list.html", context)


@province_admin_required
def quota_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    quota = selectors.get_quota_for_user(request.user, pk, write=True) if pk else None
    form = QuotaForm(posted(request), instance=quota, initial={"year": selectors.default_year()})
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.QUOTA_FIELDS}
        if call_service(form, services.quota_save, actor=request.user, quota=quota, **fields):
            messages.success(request, _("The quota has been saved."))
            return redirect("emulation:quota_list")
    return render(request, "emulation/quota_form.html", {"form": form, "quota": quota})


@province_admin_required
def quota_allocate(request: HttpRequest) -> HttpResponse:
    """The same number of places of one form to every active agency that has none yet."""
    form = AllocateForm(posted(request), initial={"year": selectors.default_year()})
    if form.is_valid():
        created = call_service(form, services.quota_allocate, actor=request.user, **form.cleaned_data)
        if created is not None:
            count = len(created)
            message = ngettext(
                "%(count)s agency has been allocated its quota.",
                "%(count)s agencies have been allocated their quota.",
                count,
            )
            messages.success(request, message % {"count": count})
            return redirect("emulation:quota_list")
    return render(request, "emulation/quota_allocate.html", {"form": form})


@records_required
def nomination_list(request: HttpRequest) -> HttpResponse:
    form = NominationFilterForm(request.GET, user=request.user)
    nominations = selectors.nomination_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.nominations_xlsx(nominations)
    context = {
        "form": form,
        "page_obj": page_of(request, nominations),
        "can_write": can_write_records(request.user),
    }
    return render(request, "emulation/nomination_list.html", context)


@record_writers_required
def nomination_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    nomination = selectors.get_nomination_for_user(request.user, pk, action="write") if pk else None
    if nomination is not None and not nomination.is_draft:
        messages.error(request, _("Only a draft nomination can be changed."))
        return redirect(nomination)
    return record_page(
        request,
        instance=nomination,
        form_class=NominationForm,
        service=services.nomination_save,
        keyword="nomination",
        template="emulation/nomination_form.html",
        success=_("The nomination has been saved as a draft. Add the dossier's files, then submit it."),
        initial={"year": selectors.default_year(), "kind": "individual"},
    )


NOMINATION_STEPS = {
    "submit": Step(
        gettext_lazy("Submit within the quota"),
        services.nomination_submit,
        (NominationStatus.DRAFT,),
        gettext_lazy("The nomination has been submitted to the emulation council."),
    ),
    "withdraw": Step(
        gettext_lazy("Withdraw to draft"),
        services.nomination_withdraw,
        (NominationStatus.SUBMITTED,),
        gettext_lazy("The nomination is a draft again; its place is free."),
        style="outline-secondary",
    ),
    "review": Step(
        gettext_lazy("Record the council's review"),
        services.nomination_review,
        (NominationStatus.SUBMITTED,),
        gettext_lazy("The council's review has been recorded."),
        form=ReviewForm,
        fields=("approved", "reviewed_on", "reason"),
        action="review",
    ),
    "decide": Step(
        gettext_lazy("Record the decision"),
        services.nomination_decide,
        (NominationStatus.APPROVED,),
        gettext_lazy("The decision has been recorded; the certificate can be printed."),
        form=DecideForm,
        fields=("decision_number", "decision_date", "decision_issuer"),
        action="review",
        style="success",
    ),
    "override": Step(
        gettext_lazy("Record why the violation does not bar it"),
        services.nomination_override,
        (NominationStatus.DRAFT,),
        gettext_lazy("The reason has been recorded; the nomination may now be submitted."),
        form=ReasonForm,
        fields=("reason",),
        action="review",
        style="outline-danger",
    ),
}


def _nomination_page(
    request: HttpRequest, nomination: object, bound: object = None, file_form: FileForm | None = None
) -> HttpResponse:
    can_write = allows(request.user, nomination, "write")
    barred = list(blocking_violations(nomination)) if nomination.is_draft else []
    steps = {
        name: step
        for name, step in NOMINATION_STEPS.items()
        if name != "override" or (barred and not nomination.violation_override)
    }
    context = {
        "nomination": nomination,
        "quota": selectors.quota_for(nomination),
        "barred": barred,
        "can_edit": can_write and nomination.is_draft,
        "file_form": (file_form or FileForm()) if can_write and nomination.is_draft else None,
        "steps": available(request.user, nomination, steps, url_prefix="emulation:nomination", bound=bound),
        "history": history_rows(nomination) if can_write else [],
    }
    status = 400 if bound or file_form else 200
    return render(request, "emulation/nomination_detail.html", context, status=status)


@records_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _nomination_page(request, selectors.get_nomination_for_user(request.user, pk))


@record_writers_required
def nomination_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    nomination = selectors.get_nomination_for_user(request.user, pk)
    if not may_take(request.user, nomination, NOMINATION_STEPS[step]):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refused = take(request, nomination, step, NOMINATION_STEPS[step], keyword="nomination")
    if refused is None:
        return redirect(nomination)
    return _nomination_page(request, selectors.get_nomination_for_user(request.user, pk), refused)


@record_writers_required
def nomination_file_add(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.get_nomination_for_user(request.user, pk, action="write")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if call_service(
            form, services.nomination_file_add, nomination=nomination, upload=upload, actor=request.user
        ):
            messages.success(request, _("The file has been added to the dossier."))
            return redirect(nomination)
    return _nomination_page(request, selectors.get_nomination_for_user(request.user, pk), file_form=form)


@records_required
def nomination_file(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_file_for_user(request.user, pk)
    return file_download(row.file, filename=row.original_name)


@records_required
def nomination_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The decided commendation as a printable certificate (A4 landscape PDF)."""
    nomination = selectors.get_nomination_for_user(request.user, pk)
    if not nomination.is_decided:
        messages.error(request, _("The certificate prints once the commendation has been decided."))
        return redirect(nomination)
    response = HttpResponse(commendation_pdf(nomination), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="khen-thuong-{nomination.pk}.pdf"'
    return response
