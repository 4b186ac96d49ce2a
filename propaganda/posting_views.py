"""Staff pages of the posting log (Art. 1 §2): where agencies posted documents and messages, and to whom."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dancoso.accounts.access import can_write_records, record_writers_required, records_required
from dancoso.agencies.selectors import example_agency
from dancoso.core.lists import call_service, page_of, posted, valid_filters
from dancoso.core.uploads import file_download
from propaganda import exports
from propaganda.forms_postings import PostingFilterForm, PostingForm, PostingImportForm
from propaganda.imports import HEADERS, MAX_ROWS
from propaganda.selectors import postings as selectors
from propaganda.services import postings as services


@records_required
def posting_list(request: HttpRequest) -> HttpResponse:
    form = PostingFilterForm(request.GET, user=request.user)
    postings = selectors.posting_list(user=request.user, filters=valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.postings_xlsx(postings)
    context = {
        "form": form,
        "page_obj": page_of(request, postings),
        "can_write": can_write_records(request.user),
    }
    return render(request, "propaganda/posting_list.html", context)


@record_writers_required
def posting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    posting = selectors.get_posting_for_user(request.user, pk, write=True) if pk else None
    form = PostingForm(posted(request), request.FILES or None, instance=posting, user=request.user)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.POSTING_FIELDS}
        saved = call_service(form, services.posting_save, actor=request.user, posting=posting, **fields)
        if saved is not None:
            messages.success(request, _("The posting has been saved."))
            return redirect("propaganda:posting_list")
    return render(request, "propaganda/posting_form.html", {"form": form, "posting": posting})


@record_writers_required
def posting_import(request: HttpRequest) -> HttpResponse:
    if request.GET.get("template"):
        return exports.postings_template(example_agency(request.user), selectors.example_channel())
    form = PostingImportForm(posted(request), request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        count = call_service(form, services.postings_import, actor=request.user, upload=upload)
        if count is not None:
            text = ngettext("Imported %(count)s posting.", "Imported %(count)s postings.", count)
            messages.success(request, text % {"count": count})
            return redirect("propaganda:posting_list")
    context = {"form": form, "headers": HEADERS, "max_rows": MAX_ROWS, "channels": selectors.channels()}
    return render(request, "propaganda/posting_import.html", context)


@records_required
def posting_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The screenshot, shown in the browser, only to those who may read the posting."""
    posting = selectors.get_posting_for_user(request.user, pk)
    return file_download(posting.evidence, inline=True)
