"""Writes of the legal-document library: documents, their files and relations, publication on the portal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import allows
from dancoso.core.audit import assign, audited_save
from propaganda.models import Attachment, DocumentType, LegalDocument, Relation, RelationKind

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
# The kinds of document the library starts with; Home Affairs adds others.
DEFAULT_TYPES = (
    "Luật",
    "Nghị định",
    "Quyết định",
    "Nghị quyết",
    "Thông tư",
    "Chỉ thị",
    "Kế hoạch",
    "Hướng dẫn",
    "Công văn",
    "Văn bản khác",
)
# Files a document may carry: PDF, DOC, DOCX, each recognised by its first bytes, not by its name.
ACCEPTED_FILES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def _require_write(actor: Any, document: LegalDocument) -> None:
    if not allows(actor, document, "write"):
        raise PermissionDenied(_("You may not change this document."))


def types_ensure() -> list[DocumentType]:
    """The default document types, created when missing (names kept as Home Affairs changed them)."""
    for order, name in enumerate(DEFAULT_TYPES, start=1):
        DocumentType.objects.get_or_create(name=name, defaults={"display_order": order * 10})
    return list(DocumentType.objects.all())


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
def document_publish(*, document: LegalDocument, actor: Any, published: bool = True) -> LegalDocument:
    _require_write(actor, document)
    document.is_published = published
    document.published_at = (document.published_at or timezone.now()) if published else None
    return audited_save(document, actor=actor)


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


def check_upload(upload: Any) -> tuple[str, str]:
    """The file's extension and content type, or a Vietnamese refusal: PDF, DOC or DOCX of at most 20 MB."""
    name = getattr(upload, "name", "") or ""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix not in ACCEPTED_FILES:
        raise ValidationError(_("Only PDF, DOC and DOCX files are accepted."))
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    content_type, signatures = ACCEPTED_FILES[suffix]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(_("The file's content is not a %(kind)s file.") % {"kind": suffix[1:].upper()})
    return suffix, content_type


@transaction.atomic
def attachment_add(*, document: LegalDocument, upload: Any, actor: Any) -> Attachment:
    _require_write(actor, document)
    _suffix, content_type = check_upload(upload)
    attachment = Attachment(
        document=document,
        original_name=upload.name[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload, save=False)
    return audited_save(attachment, actor=actor)
