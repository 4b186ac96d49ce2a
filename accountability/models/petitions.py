"""Petitions and feedback (kiến nghị, phản ánh) of citizens and staff, with deadlines in working days.

A petition moves received → assigned → in progress → answered → closed, or is refused as out of scope
(complaints and denunciations go by the Law on Complaints and the Law on Denunciations). Every step is a
``PetitionEvent``; internal notes are events too, never shown on the public page. A petition's deadline is
counted in working days from the day it reached its handling agency, by its field's time limit.
"""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, actor_field
from dancoso.core.uploads import random_name

DEFAULT_TIME_LIMIT = 15
# Tracking codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L), 32^10 ≈ 10^15 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class PetitionField(models.Model):
    """A field a petition is about (land, health, administrative procedures …), with its time limit."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    time_limit = models.PositiveSmallIntegerField(
        _("time limit (working days)"),
        default=DEFAULT_TIME_LIMIT,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("offered on the form"), default=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("petition field")
        verbose_name_plural = _("petition fields")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class PetitionSource(models.TextChoices):
    PORTAL = "portal", _("Democracy portal")
    PAPER = "paper", _("On paper")
    PHONE = "phone", _("By phone")
    MEETING = "meeting", _("At a meeting or citizen reception")
    INTERNAL = "internal", _("From the agency's own staff")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned to an agency")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Out of scope")


# A petition in one of these is waiting for its agency: its deadline runs.
OPEN_STATUSES = (PetitionStatus.RECEIVED, PetitionStatus.ASSIGNED, PetitionStatus.IN_PROGRESS)
DONE_STATUSES = (PetitionStatus.ANSWERED, PetitionStatus.CLOSED)


def answer_file_path(instance: Petition, filename: str) -> str:
    return random_name(f"accountability/answers/{instance.agency_id}", filename)


class Petition(models.Model):
    code = models.CharField(
        _("tracking code"), max_length=CODE_LENGTH, unique=True, default=new_code, editable=False
    )
    source = models.CharField(_("received"), max_length=20, choices=PetitionSource.choices)
    sender_name = models.CharField(_("sender's name"), max_length=150)
    sender_phone = models.CharField(_("phone"), max_length=20, blank=True)
    sender_email = models.EmailField(_("email"), blank=True)
    sender_address = models.CharField(_("address"), max_length=255, blank=True)
    requested_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency concerned, as the sender named it"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("handling agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    field = models.ForeignKey(
        PetitionField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="petitions"
    )
    title = models.CharField(_("subject"), max_length=255)
    content = models.TextField(_("content"), max_length=NARRATIVE_LENGTH // 2)
    status = models.CharField(
        _("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_in_time = models.BooleanField(_("answered on time"), null=True, blank=True)
    answer = models.TextField(_("public answer"), max_length=NARRATIVE_LENGTH // 2, blank=True)
    answer_file = models.FileField(_("answer file"), upload_to=answer_file_path, max_length=200, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), max_length=NOTE_LENGTH, blank=True)
    consent = models.BooleanField(_("consent to processing of personal data"), default=False)
    recorded_by = actor_field(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()
    # Handled by the agency it is assigned to; only that agency and Home Affairs see who sent it.
    reach = Reach(read=("agency",), write=("agency",), actions={"contact": ("agency",)})

    class Meta:
        verbose_name = _("petition or feedback")
        verbose_name_plural = _("petitions and feedback")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="petition_newest"),
            models.Index(fields=["agency", "-received_on", "-id"], name="petition_agency_newest"),
            models.Index(
                fields=["deadline", "id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="petition_open_deadline",
            ),
            models.Index(
                fields=["agency", "deadline", "id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="petition_agency_open_deadline",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["assigned", "in_progress", "answered", "closed"])
                | Q(agency__isnull=False, deadline__isnull=False),
                name="petition_assigned_has_agency_and_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "closed"]) | Q(answered_on__isnull=False),
                name="petition_answered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("accountability:petition_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public_feedback:track", args=[self.code])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def petition_file_path(instance: PetitionAttachment, filename: str) -> str:
    return random_name("accountability/petitions", filename)


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=petition_file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    history = HistoricalRecords()
    reach = Reach(read=("petition__agency",), write=("petition__agency",))

    class Meta:
        verbose_name = _("petition attachment")
        verbose_name_plural = _("petition attachments")
        ordering = ["petition", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Step(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    FORWARDED = "forwarded", _("Forwarded")
    STARTED = "started", _("Handling started")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    REFUSED = "refused", _("Refused as out of scope")
    NOTE = "note", _("Internal note")


# Steps the public page lists; notes and who did what stay inside.
PUBLIC_STEPS = tuple(step for step in Step.values if step != Step.NOTE)


class PetitionEvent(models.Model):
    """One step of a petition's handling, or an internal note."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="events"
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    on = models.DateField(_("on"))
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("text"), max_length=NOTE_LENGTH, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    actor = actor_field(_("by"))
    history = HistoricalRecords()
    reach = Reach(read=("petition__agency",), write=("petition__agency",))

    class Meta:
        verbose_name = _("petition step")
        verbose_name_plural = _("petition steps")
        ordering = ["petition", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition.code}: {self.get_step_display()}"

    @property
    def is_public(self) -> bool:
        return self.step != Step.NOTE
