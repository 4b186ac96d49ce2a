"""Writes of the legal-document library: documents, their files and relations, publication on the portal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import allows
from dancoso.core.audit import assign, audited_save
from dancoso.core.uploads import DOCUMENTS
from dancoso.core.validators import validate_web_address
from propaganda.models import Attachment, Channel, ChannelKind, LegalDocument, Posting, Relation, RelationKind

DOCUMENT_FIELDS = (
    "number",
    "document_type",
    "issuing_body",
    "signer",
    "issue_date",
    "effective_date",
    "expiry_date",
    "summary",
    "body",
    "level",
    "agency",
)


def _require_write(actor: Any, document: LegalDocument) -> None:
    if not allows(actor, document, "write"):
        raise PermissionDenied(_("You may not change this document."))


@transaction.atomic
def document_save(*, actor: Any, document: LegalDocument | None = None, **fields: Any) -> LegalDocument:
    """Create or change a document; an agency-level one belongs to an agency, the others to none."""
    document = document or LegalDocument(created_by=actor)
    assign(document, fields, DOCUMENT_FIELDS)
    if document.level != "agency":
        document.agency = None
    _require_write(actor, document)
    return audited_save(document, actor=actor)


@transaction.atomic
def document_publish(
    *, document: LegalDocument, actor: Any, published: bool = True, address: str = ""
) -> LegalDocument:
    """Publish a document on the portal (or take it off); the first publication is logged as a posting.

    The posting on "Cổng thông tin quy chế dân chủ tỉnh" is the publishing agency's (the document's own
    agency, else the publisher's), at ``address``, the document's public page.
    """
    _require_write(actor, document)
    first = published and not document.is_published
    document.is_published = published
    document.published_at = (document.published_at or timezone.now()) if published else None
    audited_save(document, actor=actor)
    if first:
        _portal_posting(document, actor, address)
    return document


def _portal_posting(document: LegalDocument, actor: Any, address: str) -> None:
    channel = Channel.objects.filter(kind=ChannelKind.DEMOCRACY_PORTAL).order_by("display_order").first()
    agency = document.agency or getattr(actor, "agency", None)
    if channel is None or Posting.objects.filter(document=document, channel=channel).exists():
        return
    if agency is None:
        raise ValidationError(_("Your account belongs to no agency, so the posting cannot be logged."))
    title = f"{document}: {document.summary}"
    try:
        validate_web_address(address)
    except ValidationError:
        # A host without a domain (a test server, an intranet name) is not an address to log.
        address = ""
    posting = Posting(
        agency=agency,
        channel=channel,
        posted_on=timezone.localdate(),
        title=title[: Posting._meta.get_field("title").max_length],
        url=address,
        document=document,
        created_by=actor,
    )
    audited_save(posting, actor=actor)


def replaces_chain(document: LegalDocument) -> set[int]:
    """Every document that ``document`` replaces, directly or through others (one query per step)."""
    seen: set[int] = set()
    frontier = {document.pk}
    while frontier:
        targets = set(
            Relation.objects.filter(source__in=frontier, kind=RelationKind.REPLACES).values_list(
                "target", flat=True
            )
        )
        frontier = targets - seen
        seen |= targets
    return seen


@transaction.atomic
def relation_add(
    *, source: LegalDocument, target: LegalDocument, kind: str, actor: Any, note: str = ""
) -> Relation:
    """Record that ``source`` amends, replaces, implements or repeals ``target``.

    Refused: a document relating to itself, the same relation twice, and a cycle of "replaces" (A replaces
    B, which already replaces A through any chain).
    """
    _require_write(actor, source)
    if source.pk == target.pk:
        raise ValidationError(_("A document cannot relate to itself."))
    if Relation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError(_("This relation is already recorded."))
    if kind == RelationKind.REPLACES and source.pk in replaces_chain(target):
        message = _("%(target)s already replaces %(source)s: a document cannot replace its replacement.")
        raise ValidationError(message % {"target": target, "source": source})
    return audited_save(Relation(source=source, target=target, kind=kind, note=note), actor=actor)


@transaction.atomic
def attachment_add(*, document: LegalDocument, upload: Any, actor: Any) -> Attachment:
    _require_write(actor, document)
    content_type = DOCUMENTS.check(upload)
    attachment = Attachment(
        document=document,
        original_name=upload.name[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload, save=False)
    return audited_save(attachment, actor=actor)
