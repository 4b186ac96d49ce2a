"""Staff pages of exemplary models: the list, a model with its photos, recognition by Home Affairs."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dancoso.accounts.access import allows, can_write_records, record_writers_required, records_required
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, run_service, valid_filters
from dancoso.core.steps import Step, available, may_take, take
from dancoso.core.uploads import file_download
from emulation import exports
from emulation.forms.exemplars import ExemplarFilterForm, ExemplarForm, PhotoForm
from emulation.models import ExemplarStatus
from emulation.selectors import exemplars as selectors
from emulation.selectors.nominations import default_year
from emulation.services import exemplars as services
from emulation.views.common import record_page


@records_required
def exemplar_list(request: HttpRequest) -> HttpResponse:
    form = ExemplarFilterForm(request.GET, user=request.user)
    exemplars = selectors.exemplar_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.exemplars_xlsx(exemplars)
    context = {
        "form": form,
        "page_obj": page_of(request, exemplars),
        "can_write": can_write_records(request.user),
    }
    return render(request, "emulation/exemplar_list.html", context)


@record_writers_required
def exemplar_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    exemplar = selectors.get_exemplar_for_user(request.user, pk, action="write") if pk else None
    return record_page(
        request,
        instance=exemplar,
        form_class=ExemplarForm,
        service=services.exemplar_save,
        keyword="exemplar",
        template="emulation/exemplar_form.html",
        success=_("The exemplary model has been saved."),
        initial={"year": default_year()},
    )


EXEMPLAR_STEPS = {
    "recognise": Step(
        gettext_lazy("Recognise and publish on the portal"),
        partial(services.exemplar_recognise, recognised=True),
        (ExemplarStatus.PROPOSED,),
        gettext_lazy("The model is recognised and published on the portal."),
        action="recognise",
        style="success",
    ),
    "withdraw": Step(
        gettext_lazy("Withdraw the recognition"),
        partial(services.exemplar_recognise, recognised=False),
        (ExemplarStatus.RECOGNISED,),
        gettext_lazy("The recognition has been withdrawn; the model is no longer on the portal."),
        action="recognise",
        style="outline-danger",
    ),
}


def _exemplar_page(
    request: HttpRequest, exemplar: object, photo_form: PhotoForm | None = None
) -> HttpResponse:
    can_write = allows(request.user, exemplar, "write") and services.may_change(exemplar, request.user)
    context = {
        "exemplar": exemplar,
        "can_write": can_write,
        "photo_form": (photo_form or PhotoForm()) if can_write else None,
        "steps": available(request.user, exemplar, EXEMPLAR_STEPS, url_prefix="emulation:exemplar"),
        "history": history_rows(exemplar) if allows(request.user, exemplar, "write") else [],
    }
    return render(request, "emulation/exemplar_detail.html", context, status=400 if photo_form else 200)


@records_required
def exemplar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _exemplar_page(request, selectors.get_exemplar_for_user(request.user, pk))


@record_writers_required
def exemplar_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    exemplar = selectors.get_exemplar_for_user(request.user, pk)
    if not may_take(request.user, exemplar, EXEMPLAR_STEPS[step]):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    take(request, exemplar, step, EXEMPLAR_STEPS[step], keyword="exemplar")
    return redirect(exemplar)


@record_writers_required
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.get_exemplar_for_user(request.user, pk, action="write")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        fields = {"image": form.cleaned_data["image"], "caption": form.cleaned_data["caption"]}
        if call_service(form, services.photo_add, exemplar=exemplar, actor=request.user, **fields):
            messages.success(request, _("The photo has been added."))
            return redirect(exemplar)
    return _exemplar_page(request, selectors.get_exemplar_for_user(request.user, pk), form)


@record_writers_required
def photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = selectors.get_photo_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    run_service(
        request,
        services.photo_remove,
        success=_("The photo has been removed."),
        photo=photo,
        actor=request.user,
    )
    return redirect(photo.exemplar)


@records_required
def photo_image(request: HttpRequest, pk: int) -> HttpResponse:
    return file_download(selectors.get_photo_for_user(request.user, pk).image, inline=True)
