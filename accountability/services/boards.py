"""Writes of the People's Inspection Boards (Ban Thanh tra nhân dân, Nghị định 59/2023): terms, members and
supervision activities.

Rules, every problem of a form reported at once:
- a term ends two years after it starts unless given; terms of one agency do not overlap;
- the trade union recognises the election on or after the day of election; more than 5 working days after
  it is saved, with a warning, and flagged;
- at most 9 members, one head, each person once, and only people of the board's agency.
The people registry follows the boards: a member's board flag and term dates are those of the current board
they sit on, and are cleared when they sit on none (``_sync_people``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.models import BoardMember, BoardRole, InspectionBoard, SupervisionActivity
from accountability.models.board import MAX_MEMBERS, RECOGNITION_WORKING_DAYS, term_end_for
from accountability.selectors.boards import recognition_late
from accountability.services.conferences import check_upload
from dancoso.accounts.access import allows
from dancoso.agencies.models import Person
from dancoso.core.audit import assign, audited_delete, audited_save

BOARD_FIELDS = (
    "agency",
    "elected_on",
    "term_start",
    "term_end",
    "recognised_on",
    "recognition_number",
    "note",
)
SUPERVISION_FIELDS = ("subject", "started_on", "ended_on", "findings", "file")


def _require_write(actor: Any, row: Any) -> None:
    if not allows(actor, row, "write"):
        raise PermissionDenied(_("You may not change this board."))


def _board_problems(board: InspectionBoard) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if board.term_start and board.term_end and board.term_end <= board.term_start:
        problems["term_end"] = [_("The term must end after it starts.")]
    if board.recognised_on and board.elected_on and board.recognised_on < board.elected_on:
        problems["recognised_on"] = [_("The election cannot be recognised before the day of election.")]
    if board.agency_id and board.term_start and board.term_end and "term_end" not in problems:
        overlapping = (
            InspectionBoard.objects.filter(
                agency_id=board.agency_id, term_start__lte=board.term_end, term_end__gte=board.term_start
            )
            .exclude(pk=board.pk)
            .order_by("term_start")
            .first()
        )
        if overlapping is not None:
            message = _("The term overlaps the agency's board of %(start)s–%(end)s.")
            days = {"start": f"{overlapping.term_start:%d/%m/%Y}", "end": f"{overlapping.term_end:%d/%m/%Y}"}
            problems["term_start"] = [message % days]
    return problems


@transaction.atomic
def board_save(*, actor: Any, board: InspectionBoard | None = None, **fields: Any) -> InspectionBoard:
    """Record a board's term, or correct it.

    Steps: fill in the term's end when it is not given; check the rules; save with history; bring the
    members' registry entries in step with the (possibly changed) term.
    """
    board = board or InspectionBoard(created_by=actor)
    assign(board, fields, BOARD_FIELDS)
    if board.term_start and not board.term_end:
        board.term_end = term_end_for(board.term_start)
    _require_write(actor, board)
    problems = _board_problems(board)
    if problems:
        raise ValidationError(problems)
    audited_save(board, actor=actor)
    _sync_people(Person.objects.filter(board_seats__board=board), actor=actor)
    return board


def board_warnings(board: InspectionBoard) -> list[str]:
    """What the user is told about a board just saved that the rules do not refuse outright."""
    if board.recognised_on and recognition_late(board):
        message = _("Recognised more than %(days)s working days after the election: flagged as late.")
        return [message % {"days": RECOGNITION_WORKING_DAYS}]
    return []


def _member_problems(board: InspectionBoard, person: Person, role: str) -> dict[str, list[str]]:
    members = list(board.members.select_related("person"))
    problems: dict[str, list[str]] = {}
    if len(members) >= MAX_MEMBERS:
        problems[NON_FIELD_ERRORS] = [_("A board has at most %(count)s members.") % {"count": MAX_MEMBERS}]
    if person.agency_id != board.agency_id:
        problems["person"] = [_("The person must belong to the board's agency.")]
    elif any(member.person_id == person.pk for member in members):
        problems["person"] = [_("%(name)s already sits on this board.") % {"name": person.full_name}]
    head = next((member for member in members if member.role == BoardRole.HEAD), None)
    if role == BoardRole.HEAD and head is not None:
        problems["role"] = [_("The board already has a head: %(name)s.") % {"name": head.person.full_name}]
    return problems


@transaction.atomic
def member_add(*, actor: Any, board: InspectionBoard, person: Person, role: str) -> BoardMember:
    """Seat a person of the agency on its board, and mark them in the people registry."""
    # Locking the board makes two additions at once count each other against the limit of 9.
    board = InspectionBoard.objects.select_for_update().select_related("agency").get(pk=board.pk)
    member = BoardMember(board=board, person=person, role=role)
    _require_write(actor, member)
    problems = _member_problems(board, person, role)
    if problems:
        raise ValidationError(problems)
    audited_save(member, actor=actor)
    _sync_people([person], actor=actor)
    return member


@transaction.atomic
def member_remove(*, actor: Any, member: BoardMember) -> None:
    """Take a member off a board; the registry keeps their flag only if they sit on another current board."""
    _require_write(actor, member)
    person = member.person
    audited_delete(member, actor=actor)
    _sync_people([person], actor=actor)


def _sync_people(people: Iterable[Person], *, actor: Any) -> None:
    """Give each person the flag and term of the current board they sit on, or clear them if none."""
    today = timezone.localdate()
    for person in people:
        seat = (
            BoardMember.objects.filter(person=person, board__term_end__gte=today)
            .select_related("board")
            .order_by("board__term_start")
            .first()
        )
        term = (seat.board.term_start, seat.board.term_end) if seat else (None, None)
        wanted = (seat is not None, *term)
        current = (person.is_inspection_member, person.inspection_term_start, person.inspection_term_end)
        if wanted == current:
            continue
        person.is_inspection_member, person.inspection_term_start, person.inspection_term_end = wanted
        try:
            audited_save(person, actor=actor)
        except ValidationError as exc:
            # A registry entry with another problem is named, rather than shown against the board's form.
            raise ValidationError(
                _("The registry entry of %(name)s cannot be updated: %(problems)s")
                % {"name": person.full_name, "problems": " ".join(exc.messages)}
            ) from exc


@transaction.atomic
def supervision_save(
    *,
    actor: Any,
    board: InspectionBoard,
    activity: SupervisionActivity | None = None,
    **fields: Any,
) -> SupervisionActivity:
    """Record what the board supervised and its written findings, or correct them."""
    activity = activity or SupervisionActivity(board=board)
    check_upload(fields.get("file"))
    assign(activity, fields, SUPERVISION_FIELDS)
    _require_write(actor, activity)
    if activity.ended_on and activity.started_on and activity.ended_on < activity.started_on:
        raise ValidationError({"ended_on": _("The supervision cannot end before it starts.")})
    return audited_save(activity, actor=actor)
