"""Public pages of the legal-document library on the democracy portal (Art. 1 §2)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from dancoso.core.lists import page_of, valid_filters
from propaganda.forms import DocumentSearchForm
from propaganda.models import LegalDocument
from propaganda.search import highlight_spans, terms
from propaganda.selectors import library as selectors

FEED_SIZE = 30


def public_document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentSearchForm(request.GET)
    filters = valid_filters(form)
    query = filters.get("q", "")
    documents = selectors.public_documents(query=query, filters=filters, sort=filters.get("sort", ""))
    page = page_of(request, documents)
    words = terms(query)
    for document in page.object_list:
        document.summary_spans = highlight_spans(document.summary, words)
        document.number_spans = highlight_spans(document.number, words)
    context = {"form": form, "page_obj": page, "query": query, "searched": bool(words)}
    return render(request, "portal/document_list.html", context)


def public_document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_public_document(pk)
    return render(request, "portal/document_detail.html", {"document": document})


def public_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A file of a published document; the files of any other document are not served to the public."""
    attachment = selectors.get_public_attachment(pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


class LatestDocumentsFeed(Feed):
    """Newly published documents, as an Atom feed."""

    feed_type = Atom1Feed
    title = _("Legal documents on grassroots democracy")
    subtitle = _("Documents newly published on the provincial democracy portal.")
    link = "/portal/documents/"

    def items(self) -> list[LegalDocument]:
        return selectors.latest_published(FEED_SIZE)

    def item_title(self, item: LegalDocument) -> str:
        return f"{item.document_type} {item.number}: {item.summary}"

    def item_description(self, item: LegalDocument) -> str:
        issued = f"{item.issue_date:%d/%m/%Y}" if item.issue_date else _("issue date not yet verified")
        return f"{item.issuing_body}, {issued}. {item.summary}"

    def item_pubdate(self, item: LegalDocument):  # noqa: ANN201 (a datetime)
        return item.published_at

    def item_updateddate(self, item: LegalDocument):  # noqa: ANN201
        return item.published_at
