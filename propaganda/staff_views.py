"""Home Affairs' pages of the legal-document library: documents, their files, relations and publication."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dancoso.accounts.access import is_province_admin, province_admin_required, records_required
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from propaganda.forms import AttachmentForm, DocumentSearchForm, LegalDocumentForm, RelationForm
from propaganda.models import LegalDocument
from propaganda.selectors import library as selectors
from propaganda.services import library as services


@records_required
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentSearchForm(request.GET)
    filters = valid_filters(form)
    documents = selectors.library_documents(query=filters.get("q", ""), filters=filters)
    context = {
        "form": form,
        "page_obj": page_of(request, documents),
        "can_manage": is_province_admin(request.user),
    }
    return render(request, "propaganda/document_list.html", context)


@records_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document(pk)
    return _detail(request, document, RelationForm(document=document), AttachmentForm())


def _detail(
    request: HttpRequest,
    document: LegalDocument,
    relation_form: RelationForm,
    attachment_form: AttachmentForm,
) -> HttpResponse:
    manage = is_province_admin(request.user)
    context = {
        "document": document,
        "can_manage": manage,
        "relation_form": relation_form,
        "attachment_form": attachment_form,
        "history": history_rows(document) if manage else [],
    }
    return render(request, "propaganda/document_detail.html", context)


@province_admin_required
def document_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    document = selectors.get_document_row(pk) if pk else None
    form = LegalDocumentForm(posted(request), instance=document)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.DOCUMENT_FIELDS}
        saved = call_service(form, services.document_save, actor=request.user, document=document, **fields)
        if saved is not None:
            messages.success(request, _("The document has been saved."))
            return redirect("propaganda:document_detail", pk=saved.pk)
    return render(request, "propaganda/document_form.html", {"form": form, "document": document})


@province_admin_required
@require_POST
def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document(pk)
    form = RelationForm(request.POST, document=document)
    if form.is_valid() and call_service(
        form,
        services.relation_add,
        source=document,
        target=form.cleaned_data["target_number"],
        kind=form.cleaned_data["kind"],
        actor=request.user,
    ):
        messages.success(request, _("The relation has been recorded on both documents."))
        return redirect("propaganda:document_detail", pk=document.pk)
    return _detail(request, document, form, AttachmentForm())


@province_admin_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document(pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid() and call_service(
        form, services.attachment_add, document=document, upload=form.cleaned_data["file"], actor=request.user
    ):
        messages.success(request, _("The file has been attached."))
        return redirect("propaganda:document_detail", pk=document.pk)
    return _detail(request, document, RelationForm(document=document), form)


@province_admin_required
@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_row(pk)
    published = request.POST.get("published") == "1"
    done = _("Published on the democracy portal.") if published else _("Removed from the democracy portal.")
    address = request.build_absolute_uri(document.get_absolute_url())
    run_service(
        request,
        services.document_publish,
        success=done,
        document=document,
        actor=request.user,
        published=published,
        address=address,
    )
    return redirect("propaganda:document_detail", pk=document.pk)
