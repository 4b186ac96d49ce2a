"""Dissemination of the law on grassroots democracy (Art. 1 §2): the legal-document library.

The library holds the laws, decrees, decisions and the province's own plans that the resolution asks to be
posted on the provincial democracy portal (this portal's public side). A document's effectiveness is not
typed: it follows from its dates and from the documents that amend, replace or repeal it.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from uuid import uuid4

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, HOME_AFFAIRS, Reach
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, actor_field
from propaganda.search import searchable


class DocumentType(models.Model):
    """A kind of document (Luật, Nghị định, Quyết định…): data Home Affairs can extend."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCIAL = "provincial", _("Provincial")
    AGENCY = "agency", _("Agency")


class Status(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    PARTLY_EXPIRED = "partly_expired", _("Partly no longer in force")
    EXPIRED = "expired", _("No longer in force")


class LegalDocument(models.Model):
    number = models.CharField(
        _("number and symbol"), max_length=50, help_text=_("For example: 59/2023/NĐ-CP")
    )
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="documents"
    )
    issuing_body = models.CharField(_("issuing body"), max_length=150)
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    issue_date = models.DateField(_("issue date"))
    effective_date = models.DateField(
        _("effective date"), null=True, blank=True, help_text=_("Empty: in force from its issue date.")
    )
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=1000, help_text=_("The document's trích yếu."))
    body = models.TextField(_("text"), max_length=NARRATIVE_LENGTH * 10, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.CENTRAL)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_documents",
        help_text=_("For an agency's own document."),
    )
    is_published = models.BooleanField(_("published on the portal"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Folded (unaccented, lower case) copies for the search: the number and summary rank above the text.
    title_search = models.TextField(editable=False, default="")
    body_search = models.TextField(editable=False, default="")
    created_by = actor_field(_("created by"))
    history = HistoricalRecords(excluded_fields=["title_search", "body_search"])
    # Home Affairs keeps the library; an agency keeps its own documents.
    reach = Reach(read=ALL, write=("agency",))

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issue_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "issuing_body"], name="legal_document_number_unique"),
            models.CheckConstraint(
                condition=Q(expiry_date__isnull=True) | Q(expiry_date__gt=F("issue_date")),
                name="legal_document_expiry_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(effective_date__isnull=True) | Q(effective_date__gte=F("issue_date")),
                name="legal_document_effective_after_issue",
            ),
            models.CheckConstraint(
                condition=~Q(level="agency") | Q(agency__isnull=False), name="legal_document_agency_level"
            ),
        ]
        indexes = [models.Index(fields=["is_published", "-issue_date"], name="legal_document_published")]

    def __str__(self) -> str:
        return f"{self.document_type} {self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        # The number whole and in parts, so "59/2023" and "NĐ-CP" both find "59/2023/NĐ-CP".
        parts = self.number.replace("/", " ")
        self.title_search = searchable(f"{self.number} {parts} {self.summary} {self.issuing_body}")
        self.body_search = searchable(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("public_documents:detail", args=[self.pk])

    @property
    def in_force_from(self) -> date:
        return self.effective_date or self.issue_date

    def status(self, on: date | None = None, *, ended_by: list[Relation] | None = None) -> Status:
        """Effectiveness on a day, from the dates and the relations of the documents acting on it.

        ``ended_by``: the relations whose target is this document (prefetched by the caller, so a list
        computes every row's status without a query each).
        """
        today = on or timezone.localdate()
        if today < self.in_force_from:
            return Status.NOT_YET
        if self.expiry_date and today >= self.expiry_date:
            return Status.EXPIRED
        acting = [
            relation
            for relation in (ended_by if ended_by is not None else self.acted_on_by.select_related("source"))
            if relation.source.in_force_from <= today
        ]
        if any(relation.kind in ENDING for relation in acting):
            return Status.EXPIRED
        if any(relation.kind == RelationKind.AMENDS for relation in acting):
            return Status.PARTLY_EXPIRED
        return Status.IN_FORCE


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random name under the document's folder, keeping only the extension of what was uploaded."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"propaganda/documents/{instance.document_id}/{uuid4().hex}{suffix}"


class Attachment(models.Model):
    document = models.ForeignKey(
        LegalDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = actor_field(_("uploaded by"))
    history = HistoricalRecords()
    reach = Reach(read=ALL, write=("document__agency",))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["document", "original_name", "pk"]

    def __str__(self) -> str:
        return self.original_name


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    REPLACES = "replaces", _("replaces")
    IMPLEMENTS = "implements", _("implements or guides")
    REPEALS = "repeals", _("repeals")


# What a relation is called on its target's page ("được sửa đổi bởi …").
INVERSE_LABELS = {
    RelationKind.AMENDS: _("amended by"),
    RelationKind.REPLACES: _("replaced by"),
    RelationKind.IMPLEMENTS: _("implemented or guided by"),
    RelationKind.REPEALS: _("repealed by"),
}
# A document replaced or repealed is no longer in force from the day the other takes effect.
ENDING = (RelationKind.REPLACES, RelationKind.REPEALS)


class Relation(models.Model):
    """``source`` amends, replaces, implements or repeals ``target``; both pages show it."""

    source = models.ForeignKey(
        LegalDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="acts_on"
    )
    target = models.ForeignKey(
        LegalDocument,
        verbose_name=_("related document"),
        on_delete=models.CASCADE,
        related_name="acted_on_by",
    )
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    note = models.CharField(_("note"), max_length=NOTE_LENGTH // 4, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL, write=HOME_AFFAIRS)

    class Meta:
        verbose_name = _("relation between documents")
        verbose_name_plural = _("relations between documents")
        ordering = ["source", "kind", "target"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relation_unique"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="relation_not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def inverse_label(self) -> str:
        return str(INVERSE_LABELS[RelationKind(self.kind)])
