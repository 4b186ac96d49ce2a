"""Pages of the yearly report: header and narrative, generation with progress, versions, submission."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dancoso.accounts.access import is_province_admin, province_admin_required, reports_required
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, posted, run_service
from dancoso.measures import MEASURES
from reporting import selectors, services
from reporting.forms import NarrativeForm, ReportCreateForm, ReportHeaderForm, SentencesForm, SubmitForm
from reporting.models import ReportVersion

DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@reports_required
def report_list(request: HttpRequest) -> HttpResponse:
    can_manage = is_province_admin(request.user)
    form = ReportCreateForm(posted(request)) if can_manage else None
    if form is not None and form.is_valid():
        report = call_service(
            form, services.report_ensure, year=form.cleaned_data["year"], actor=request.user
        )
        if report is not None:
            messages.success(request, _("The report of %(year)s has been created.") % {"year": report.year})
            return redirect(report)
    context = {"reports": selectors.report_list(user=request.user), "form": form, "can_manage": can_manage}
    return render(request, "reporting/report_list.html", context)


@reports_required
def report_detail(request: HttpRequest, year: int) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, year)
    versions = list(selectors.versions_for_user(request.user, report))
    services.reap_if_stale(versions)
    context = {
        "report": report,
        "versions": versions,
        "running": next((version for version in versions if version.in_progress), None),
        "measures": [(m, (report.measure_comments or {}).get(m.key, "")) for m in MEASURES],
        "can_manage": is_province_admin(request.user),
        "history": history_rows(report) if is_province_admin(request.user) else [],
    }
    return render(request, "reporting/report_detail.html", context)


@province_admin_required
def report_header(request: HttpRequest, year: int) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, year)
    form = ReportHeaderForm(posted(request), instance=report, period_locked=selectors.has_versions(report))
    if form.is_valid() and call_service(
        form, services.report_update, report=report, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect(report)
    return render(request, "reporting/report_header.html", {"form": form, "report": report})


@province_admin_required
def report_narrative(request: HttpRequest, year: int) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, year)
    form = NarrativeForm(posted(request), instance=report)
    if form.is_valid() and call_service(
        form, services.report_update, report=report, actor=request.user, **form.narrative()
    ):
        messages.success(request, _("The narrative has been saved."))
        return redirect(report)
    drafted = services.report_draft(report).as_fields()
    context = {"form": form, "report": report, "drafts": {k: v for k, v in drafted.items() if v}}
    return render(request, "reporting/report_narrative.html", context)


@province_admin_required
@require_POST
def report_fill_drafts(request: HttpRequest, year: int) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, year)
    filled = services.report_fill_drafts(report=report, actor=request.user)
    if filled:
        messages.success(
            request,
            _("%(count)s empty parts were filled with the drafts: read them, edit them, then save.")
            % {"count": len(filled)},
        )
    else:
        messages.info(request, _("Every drafted part already has its text; nothing was replaced."))
    return redirect("reporting:report_narrative", year=report.year)


@province_admin_required
def sentences_edit(request: HttpRequest) -> HttpResponse:
    form = SentencesForm(posted(request), texts=services.sentence_texts())
    if (
        form.is_valid()
        and call_service(form, services.sentences_update, texts=form.cleaned_data, actor=request.user)
        is not None
    ):
        messages.success(request, _("The drafting sentences have been saved."))
        return redirect("reporting:sentences")
    return render(request, "reporting/sentences.html", {"form": form})


@province_admin_required
@require_POST
def report_generate(request: HttpRequest, year: int) -> HttpResponse:
    report = selectors.get_report_for_user(request.user, year)
    try:
        version = services.version_request(report=report, actor=request.user)
    except services.QueueUnavailable as exc:
        messages.error(request, str(exc))
        return redirect(report)
    return redirect(version)


@reports_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    services.reap_if_stale([version])
    return _version_page(request, version, SubmitForm(gaps=services.version_gaps(version)))


def _version_page(request: HttpRequest, version: ReportVersion, submit_form: SubmitForm) -> HttpResponse:
    period = (version.figures or {}).get("period", {})
    context = {
        "version": version,
        "period": {key: date.fromisoformat(value) for key, value in period.items()},
        "report": version.report,
        "can_manage": is_province_admin(request.user),
        "submit_form": submit_form,
    }
    return render(request, "reporting/version_detail.html", context)


@reports_required
def version_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar alone, polled by htmx while the version is generated."""
    version = selectors.get_version_for_user(request.user, pk)
    services.reap_if_stale([version])
    response = render(request, "reporting/_progress.html", {"version": version})
    if not version.in_progress and request.htmx:
        # Done: reload the page once, so the downloads and the figures appear.
        response["HX-Refresh"] = "true"
    return response


@province_admin_required
@require_POST
def version_retry(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    try:
        services.version_retry(version=version, actor=request.user)
    except (ValidationError, services.QueueUnavailable) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect(version)


@province_admin_required
@require_POST
def version_submit(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    form = SubmitForm(request.POST, gaps=services.version_gaps(version))
    if form.is_valid() and call_service(
        form,
        services.version_submit,
        version=version,
        actor=request.user,
        public=form.cleaned_data["public"],
        accepted=form.accepted(),
    ):
        submitted = _("Version %(number)s has been submitted to the People's Council.")
        messages.success(request, submitted % {"number": version.number})
        return redirect(version)
    # Refused: the page again, with what is missing and what the user ticked and typed.
    return _version_page(request, version, form)


@province_admin_required
@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_user(request.user, pk)
    public = request.POST.get("public") == "1"
    done = _("Published on the public portal.") if public else _("Removed from the public portal.")
    run_service(
        request, services.version_publish, version=version, actor=request.user, public=public, success=done
    )
    return redirect(version)


@reports_required
def version_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    return _download(selectors.get_version_for_user(request.user, pk), kind)


def public_report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/report_list.html", {"versions": selectors.public_versions()})


def public_report_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    return _download(selectors.get_public_version(pk), kind)


def _download(version: ReportVersion, kind: str) -> FileResponse:
    file = getattr(version, kind, None) if kind in DOWNLOADS else None
    if not version.has_files or not file:
        raise Http404
    filename = f"bao-cao-{version.report.year}-phien-ban-{version.number}.{kind}"
    return FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=DOWNLOADS[kind])
