"""Reads of the legal-document library: the public list with its filters and search, and one document."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, CharField, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404
from django.utils import timezone

from propaganda.models import ENDING, LegalDocument, Relation, RelationKind, Status
from propaganda.search import terms


def _acting(kinds: Any, today: Any) -> Exists:
    """A relation of one of ``kinds`` on the row, from a document already in force on ``today``."""
    relations = Relation.objects.filter(target=OuterRef("pk"), kind__in=kinds).annotate(
        source_from=Coalesce("source__effective_date", "source__issue_date")
    )
    return Exists(relations.filter(source_from__lte=today))


def with_status(documents: QuerySet[LegalDocument], today: Any = None) -> QuerySet[LegalDocument]:
    """``computed_status`` on every row, by the rule of ``LegalDocument.status``, in the query itself."""
    today = today or timezone.localdate()
    return documents.annotate(
        force_from=Coalesce("effective_date", "issue_date"),
        computed_status=Case(
            When(force_from__gt=today, then=Value(Status.NOT_YET)),
            When(expiry_date__lte=today, then=Value(Status.EXPIRED)),
            When(force_from__isnull=True, then=Value(Status.UNKNOWN)),
            When(_acting(ENDING, today), then=Value(Status.EXPIRED)),
            When(_acting([RelationKind.AMENDS], today), then=Value(Status.PARTLY_EXPIRED)),
            default=Value(Status.IN_FORCE),
            output_field=CharField(),
        ),
    )


def search(documents: QuerySet[LegalDocument], query: str) -> QuerySet[LegalDocument]:
    """Every folded word of ``query`` starting a word of the number, summary, issuing body or text; those
    found in the number, summary and issuing body first.

    ``contains`` escapes ``%`` and ``_``; on PostgreSQL a trigram index (migration 0002) answers it.
    """
    words = terms(query)
    for word in words:
        documents = documents.filter(
            Q(title_search__contains=f" {word}") | Q(body_search__contains=f" {word}")
        )
    if not words:
        return documents
    in_title = Q()
    for word in words:
        in_title &= Q(title_search__contains=f" {word}")
    return documents.annotate(
        rank=Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("rank", *SORTS["newest"])


# Documents whose dates are not yet verified come last either way, on PostgreSQL as on SQLite.
SORTS = {
    "newest": (F("issue_date").desc(nulls_last=True), "number"),
    "oldest": (F("issue_date").asc(nulls_last=True), "number"),
    "number": ("number",),
}


def public_documents(*, query: str = "", filters: dict[str, Any] | None = None, sort: str = "") -> QuerySet:
    """Published documents with their status, filtered, searched and sorted (by relevance when searching)."""
    documents = with_status(LegalDocument.objects.filter(is_published=True)).select_related("document_type")
    return _filtered(documents, query=query, filters=filters or {}, sort=sort)


def _filtered(documents: QuerySet, *, query: str, filters: dict[str, Any], sort: str) -> QuerySet:
    if filters.get("document_type"):
        documents = documents.filter(document_type=filters["document_type"])
    if filters.get("level"):
        documents = documents.filter(level=filters["level"])
    if filters.get("issuing_body"):
        documents = documents.filter(issuing_body=filters["issuing_body"])
    if filters.get("year"):
        documents = documents.annotate(issue_year=ExtractYear("issue_date")).filter(
            issue_year=filters["year"]
        )
    if filters.get("status"):
        documents = documents.filter(computed_status=filters["status"])
    if query and terms(query):
        documents = search(documents, query)
        if sort in SORTS:
            documents = documents.order_by(*SORTS[sort])
        return documents
    return documents.order_by(*SORTS.get(sort, SORTS["newest"]))


def issuing_bodies() -> list[str]:
    published = LegalDocument.objects.filter(is_published=True).order_by("issuing_body")
    return list(published.values_list("issuing_body", flat=True).distinct())


def get_public_document(pk: int) -> LegalDocument:
    """A published document with its files and its published relations both ways."""
    return _with_relations(LegalDocument.objects.filter(is_published=True, pk=pk), published_only=True)


def library_documents(*, query: str = "", filters: dict[str, Any] | None = None) -> QuerySet:
    """Every document of the library, published or not, for the staff pages (same filters and search)."""
    filters = filters or {}
    documents = with_status(LegalDocument.objects.all()).select_related("document_type")
    return _filtered(documents, query=query, filters=filters, sort=filters.get("sort", ""))


def get_document(pk: int) -> LegalDocument:
    """Any document with its files and relations both ways (staff pages)."""
    return _with_relations(LegalDocument.objects.filter(pk=pk), published_only=False)


def _with_relations(documents: QuerySet[LegalDocument], *, published_only: bool) -> LegalDocument:
    """The one document of ``documents`` with its status, files and relations, in fixed queries."""
    document = (
        with_status(documents)
        .select_related("document_type", "agency")
        .prefetch_related("attachments")
        .first()
    )
    if document is None:
        raise Http404
    outgoing = Relation.objects.filter(source=document).select_related("target__document_type")
    incoming = Relation.objects.filter(target=document).select_related("source__document_type")
    if published_only:
        outgoing, incoming = (
            outgoing.filter(target__is_published=True),
            incoming.filter(source__is_published=True),
        )
    document.outgoing, document.incoming = list(outgoing), list(incoming)
    return document


def get_public_attachment(pk: int) -> Any:
    """A file of a published document; the files of any other document are not public."""
    from propaganda.models import Attachment

    attachment = (
        Attachment.objects.select_related("document").filter(pk=pk, document__is_published=True).first()
    )
    if attachment is None or not attachment.file:
        raise Http404
    return attachment


def latest_published(count: int) -> list[LegalDocument]:
    published = LegalDocument.objects.filter(is_published=True).select_related("document_type")
    # Newest first on every database: PostgreSQL would put a document without a date first.
    return list(published.order_by(F("published_at").desc(nulls_last=True), "-pk")[:count])


def get_document_row(pk: int) -> LegalDocument:
    document = LegalDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
