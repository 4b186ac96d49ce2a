"""Dissemination of the law on grassroots democracy (Art. 1 §2): the legal-document library.

The library holds the laws, decrees, decisions and the province's own plans that the resolution asks to be
posted on the provincial democracy portal (this portal's public side). A document's effectiveness is not
typed: it follows from its dates and from the documents that amend, replace or repeal it.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, HOME_AFFAIRS, Reach
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, YEAR_VALIDATORS, actor_field
from dancoso.core.uploads import random_name
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
    UNKNOWN = "unknown", _("Dates not yet verified")


class LegalDocument(models.Model):
    number = models.CharField(
        _("number and symbol"), max_length=50, help_text=_("For example: 59/2023/NĐ-CP")
    )
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="documents"
    )
    issuing_body = models.CharField(_("issuing body"), max_length=150)
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    issue_date = models.DateField(
        _("issue date"), null=True, blank=True, help_text=_("Empty only while the date is not yet verified.")
    )
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
        ordering = [F("issue_date").desc(nulls_last=True), "number"]
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
        # The public list's order has its own index on PostgreSQL (migration 0005): SQLite cannot index
        # NULLS LAST, and its small libraries need none.

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
    def in_force_from(self) -> date | None:
        return self.effective_date or self.issue_date

    def status(self, on: date | None = None, *, ended_by: list[Relation] | None = None) -> Status:
        """Effectiveness on a day, from the dates and the relations of the documents acting on it.

        ``ended_by``: the relations whose target is this document (prefetched by the caller, so a list
        computes every row's status without a query each).
        """
        today = on or timezone.localdate()
        if self.in_force_from and today < self.in_force_from:
            return Status.NOT_YET
        if self.expiry_date and today >= self.expiry_date:
            return Status.EXPIRED
        if self.in_force_from is None:
            return Status.UNKNOWN
        # A document acts on this one from the day it is in force; one of unknown dates does not act yet.
        acting = [
            relation
            for relation in (ended_by if ended_by is not None else self.acted_on_by.select_related("source"))
            if relation.source.in_force_from and relation.source.in_force_from <= today
        ]
        if any(relation.kind in ENDING for relation in acting):
            return Status.EXPIRED
        if any(relation.kind == RelationKind.AMENDS for relation in acting):
            return Status.PARTLY_EXPIRED
        return Status.IN_FORCE


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random name under the document's folder, keeping only the extension of what was uploaded."""
    return random_name(f"propaganda/documents/{instance.document_id}", filename)


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


# Yearly dissemination plans (chương trình, kế hoạch phổ biến, giáo dục pháp luật) of §2b.


class Topic(models.TextChoices):
    """The contents §2a asks to disseminate."""

    RULES = "rules", _("Rules and regulations on practising democracy")
    CITIZENS = "citizens", _("Citizens' rights and duties")
    AUTHORITIES = "authorities", _("Duties of the authorities")
    HEADS = "heads", _("Duties of heads of agencies")
    STAFF = "staff", _("Duties of officials, civil servants, public employees and workers")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    DONE = "done", _("Done")


def plan_file_path(instance: DisseminationPlan, filename: str) -> str:
    return random_name(f"propaganda/plans/{instance.agency_id}", filename)


class DisseminationPlan(models.Model):
    """One agency's plan for a year; its approving document makes it count as approved."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="dissemination_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("plan name"), max_length=255)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    decision_number = models.CharField(_("approving document number"), max_length=50, blank=True)
    decision_date = models.DateField(_("approving document date"), null=True, blank=True)
    decision_file = models.FileField(
        _("approving document file"), upload_to=plan_file_path, max_length=200, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("created by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("dissemination plan")
        verbose_name_plural = _("dissemination plans")
        ordering = ["-year", "agency__display_order", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="dissemination_plan_one_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | (~Q(decision_number="") & Q(decision_date__isnull=False)),
                name="dissemination_plan_approved_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return _("Dissemination plan %(year)s of %(agency)s") % {"year": self.year, "agency": self.agency}

    def get_absolute_url(self) -> str:
        return reverse("propaganda:plan_detail", args=[self.pk])

    def clean(self) -> None:
        if self.status != PlanStatus.DRAFT and not (self.decision_number and self.decision_date):
            raise ValidationError(
                _("An approved plan keeps the number and date of its approving document."), code="decision"
            )

    def topic_labels(self) -> list[str]:
        return [str(Topic(value).label) for value in self.topics if value in Topic.values]


class ActivityForm(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    TALK = "talk", _("Training or talk")
    POSTING = "posting", _("Posting on a portal or website")
    SOCIAL = "social", _("Zalo or Facebook")
    LEAFLET = "leaflet", _("Leaflets and printed material")
    CONTEST = "contest", _("Contest")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    STAFF = "staff", _("Officials, civil servants, public employees and workers")
    COMMITTEE = "committee", _("Members of the democracy steering committee")
    LEADERS = "leaders", _("Heads and deputy heads")
    CITIZENS = "citizens", _("Citizens")
    OTHER = "other", _("Others")


def evidence_path(instance: models.Model, filename: str) -> str:
    return random_name("propaganda/evidence", filename)


class PlanActivity(models.Model):
    """A planned activity of a plan and, once held, what was done (date, participants, evidence)."""

    plan = models.ForeignKey(
        DisseminationPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities"
    )
    form = models.CharField(_("form"), max_length=20, choices=ActivityForm.choices)
    title = models.CharField(_("content"), max_length=255)
    planned_date = models.DateField(_("planned date"))
    audience = models.CharField(_("target group"), max_length=20, choices=Audience.choices)
    planned_audience = models.PositiveIntegerField(_("planned participants"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    evidence = models.FileField(_("evidence file"), upload_to=evidence_path, max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=NOTE_LENGTH // 4, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=("plan__agency",), write=("plan__agency",))

    class Meta:
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        ordering = ["plan", "planned_date", "pk"]
        indexes = [models.Index(fields=["held_on"], name="plan_activity_held_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | Q(participants__isnull=False),
                name="plan_activity_held_has_participants",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.held_on is not None


# The posting log: where documents and messages were posted, and how many people they reached.


class ChannelKind(models.TextChoices):
    PROVINCE_PORTAL = "province_portal", _("Provincial e-portal")
    DEMOCRACY_PORTAL = "democracy_portal", _("Provincial democracy portal")
    AGENCY_WEBSITE = "agency_website", _("Agency's own website")
    ZALO = "zalo", _("Zalo")
    FACEBOOK = "facebook", _("Facebook")
    OTHER = "other", _("Other")


# Channels whose audience is a group of members (people reached on Zalo and Facebook).
SOCIAL_KINDS = (ChannelKind.ZALO, ChannelKind.FACEBOOK)


class Channel(models.Model):
    """Where a posting appears: data Home Affairs can extend, each of one kind the figures group by."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class Posting(models.Model):
    """One posting of a document or message on a channel by an agency."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="postings"
    )
    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="postings"
    )
    posted_on = models.DateField(_("posted on"))
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("document posted"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postings",
    )
    activity = models.ForeignKey(
        PlanActivity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postings",
    )
    audience = models.PositiveIntegerField(
        _("people reached"), null=True, blank=True, help_text=_("Members of the group or page reached.")
    )
    evidence = models.FileField(_("screenshot"), upload_to=evidence_path, max_length=200, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["-posted_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "posted_on"], name="posting_agency_day"),
            models.Index(fields=["posted_on"], name="posting_day"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.title}"
