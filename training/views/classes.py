"""Classes, their sessions and their materials."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dancoso.accounts import access
from dancoso.accounts.access import province_admin_required, records_required
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from training import exports, selectors
from training.forms import ClassFilterForm, ClassForm, MaterialForm, SessionForm, SessionGenerateForm
from training.services import classes as services
from training.services.attendance import attendance_recorders


@records_required
def class_list(request: HttpRequest) -> HttpResponse:
    form = ClassFilterForm(request.GET)
    classes = selectors.class_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.classes_xlsx(classes)
    context = {
        "form": form,
        "page_obj": page_of(request, classes),
        "can_manage": access.is_province_admin(request.user),
    }
    return render(request, "training/class_list.html", context)


@records_required
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.get_class_for_user(request.user, pk)
    can_run = access.allows(request.user, training_class, "run")
    context = {
        "training_class": training_class,
        **selectors.class_overview(user=request.user, training_class=training_class),
        "can_manage": access.is_province_admin(request.user),
        "can_nominate": access.can_write_records(request.user),
        "can_issue": can_run,
        "attendance_recorders": attendance_recorders(training_class),
        "history": history_rows(training_class),
    }
    return render(request, "training/class_detail.html", context)


@province_admin_required
def class_create(request: HttpRequest) -> HttpResponse:
    initial = {"plan": selectors.plan_for_year(request.GET.get("year", ""))}
    form = ClassForm(posted(request), initial=initial)
    if form.is_valid():
        training_class = call_service(form, services.class_create, actor=request.user, **form.cleaned_data)
        if training_class is not None:
            messages.success(request, _("The class %(title)s has been created.") % {"title": training_class})
            return redirect(training_class)
    return render(request, "training/class_form.html", {"form": form, "training_class": None})


@province_admin_required
def class_update(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.get_class_for_user(request.user, pk, action="write")
    form = ClassForm(posted(request), instance=training_class)
    if form.is_valid() and call_service(
        form, services.class_update, training_class=training_class, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect(training_class)
    return render(request, "training/class_form.html", {"form": form, "training_class": training_class})


@province_admin_required
def material_upload(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.get_class_for_user(request.user, pk, action="write")
    form = MaterialForm(posted(request), request.FILES or None)
    if form.is_valid() and call_service(
        form, services.material_add, training_class=training_class, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The material has been uploaded."))
        return redirect(training_class)
    return render(request, "training/material_form.html", {"form": form, "training_class": training_class})


@records_required
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = selectors.get_material_for_user(request.user, pk)
    return FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.file.name.rsplit("/")[-1]
    )


@province_admin_required
@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.get_material_for_user(request.user, pk, action="write")
    services.material_delete(material=material, actor=request.user)
    messages.success(request, _("The material %(title)s has been deleted.") % {"title": material.title})
    return redirect(material.training_class)


@records_required
def session_list(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.get_class_for_user(request.user, pk)
    can_manage = access.is_province_admin(request.user)
    form = SessionForm(posted(request)) if can_manage else None
    if form is not None and form.is_valid():
        session = call_service(
            form,
            services.session_create,
            training_class=training_class,
            actor=request.user,
            **form.cleaned_data,
        )
        if session is not None:
            messages.success(
                request, _("The session of %(date)s has been added.") % {"date": f"{session.date:%d/%m/%Y}"}
            )
            return redirect("training:session_list", pk=training_class.pk)
    context = {
        "training_class": training_class,
        "sessions": selectors.session_list(training_class=training_class),
        "form": form,
        "generate_form": SessionGenerateForm() if can_manage else None,
        "can_manage": can_manage,
        "can_record": selectors.markable_trainees(user=request.user, training_class=training_class) > 0,
    }
    return render(request, "training/session_list.html", context)


@province_admin_required
def session_generate(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = selectors.get_class_for_user(request.user, pk, action="write")
    form = SessionGenerateForm(posted(request))
    if form.is_valid():
        sessions = call_service(
            form,
            services.sessions_generate,
            training_class=training_class,
            actor=request.user,
            **form.cleaned_data,
        )
        if sessions is not None:
            count = len(sessions)
            messages.success(
                request,
                ngettext("%(count)s session was added.", "%(count)s sessions were added.", count)
                % {"count": count},
            )
            return redirect("training:session_list", pk=training_class.pk)
    return render(request, "training/session_generate.html", {"form": form, "training_class": training_class})


@province_admin_required
def session_update(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk, action="write")
    initial = {name: getattr(session, name) for name in ("date", "start_time", "end_time", "topic")}
    form = SessionForm(posted(request), initial=initial)
    if form.is_valid() and call_service(
        form, services.session_update, session=session, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect("training:session_list", pk=session.training_class_id)
    return render(request, "training/session_form.html", {"form": form, "session": session})


@province_admin_required
@require_POST
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk, action="write")
    deleted = _("The session has been deleted.")
    run_service(request, services.session_delete, session=session, actor=request.user, success=deleted)
    return redirect("training:session_list", pk=session.training_class_id)
