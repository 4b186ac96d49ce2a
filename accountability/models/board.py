"""The People's Inspection Board (Ban Thanh tra nhân dân) of an agency (Nghị định 59/2023).

A board is elected by the staff conference for a term of two years, with three to nine members; the trade
union recognises the election within five working days. Its members are people of the agency's registry,
whose board flag and term dates the services keep in step with the board's terms.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accountability.models.disclosure import record_file_path
from dancoso.accounts.access import Reach
from dancoso.core.fields import NOTE_LENGTH, actor_field

TERM_YEARS = 2
MIN_MEMBERS, MAX_MEMBERS = 3, 9
RECOGNITION_WORKING_DAYS = 5


def term_end_for(start: date) -> date:
    """The last day of a term starting on ``start``: the day before its second anniversary."""
    try:
        anniversary = start.replace(year=start.year + TERM_YEARS)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + TERM_YEARS, day=28)
    return date.fromordinal(anniversary.toordinal() - 1)


class InspectionBoard(models.Model):
    """One term of an agency's board."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="inspection_boards",
    )
    elected_on = models.DateField(_("elected on"))
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    recognised_on = models.DateField(_("recognised by the trade union on"), null=True, blank=True)
    recognition_number = models.CharField(_("recognition decision number"), max_length=50, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    created_by = actor_field(_("recorded by"))
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("People's Inspection Board term")
        verbose_name_plural = _("People's Inspection Board terms")
        ordering = ["agency__display_order", "agency__name", "-term_start"]
        indexes = [models.Index(fields=["agency", "-term_start"], name="board_agency_latest")]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=F("term_start")), name="board_term_order"),
            models.CheckConstraint(
                condition=Q(recognised_on__isnull=True) | Q(recognised_on__gte=F("elected_on")),
                name="board_recognised_after_election",
            ),
        ]

    def __str__(self) -> str:
        return _("People's Inspection Board of %(agency)s, %(start)s–%(end)s") % {
            "agency": self.agency,
            # A form sent back with an empty date has left it empty on the instance it shows.
            "start": self.term_start.year if self.term_start else "…",
            "end": self.term_end.year if self.term_end else "…",
        }

    def get_absolute_url(self) -> str:
        return reverse("accountability:board_detail", args=[self.pk])

    def in_term(self, on: date) -> bool:
        return self.term_start <= on <= self.term_end


class BoardRole(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")


class BoardMember(models.Model):
    board = models.ForeignKey(
        InspectionBoard, verbose_name=_("board"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "agencies.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="board_seats"
    )
    role = models.CharField(_("role"), max_length=10, choices=BoardRole.choices, default=BoardRole.MEMBER)
    history = HistoricalRecords()
    reach = Reach(read=("board__agency",), write=("board__agency",))

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["board", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "person"], name="board_member_once"),
            models.UniqueConstraint(fields=["board"], condition=Q(role="head"), name="board_one_head"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class SupervisionActivity(models.Model):
    """What the board inspected or supervised, and its written findings."""

    board = models.ForeignKey(
        InspectionBoard, verbose_name=_("board"), on_delete=models.CASCADE, related_name="activities"
    )
    subject = models.CharField(_("subject supervised"), max_length=255)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    findings = models.TextField(_("written findings"), max_length=NOTE_LENGTH * 5, blank=True)
    file = models.FileField(_("findings file"), upload_to=record_file_path, max_length=200, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=("board__agency",), write=("board__agency",))

    class Meta:
        verbose_name = _("supervision activity")
        verbose_name_plural = _("supervision activities")
        ordering = ["board", "-started_on", "-pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def agency_id(self) -> int:
        return self.board.agency_id
