"""Reads of the People's Inspection Boards: the list in the user's scope, one board, each agency's flags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.models import BoardMember, InspectionBoard, SupervisionActivity
from accountability.models.board import MIN_MEMBERS, RECOGNITION_WORKING_DAYS
from dancoso.accounts import access
from dancoso.agencies.models import Agency, Person
from dancoso.core.lists import counted
from dancoso.core.workdays import Calendar


def board_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[InspectionBoard]:
    """Boards in the user's scope with their number of members; ``current`` keeps the terms in force today."""
    boards = access.scope(InspectionBoard.objects.select_related("agency"), user)
    if filters.get("agency"):
        boards = boards.filter(agency=filters["agency"])
    if filters.get("current"):
        today = timezone.localdate()
        boards = boards.filter(term_start__lte=today, term_end__gte=today)
    boards = boards.annotate(members_count=counted(BoardMember.objects.all(), to="board"))
    return boards.order_by("agency__display_order", "agency__name", "-term_start", "pk")


def get_board_for_user(user: Any, pk: Any, *, write: bool = False) -> InspectionBoard:
    """One board with its members and activities: 404 alike for "missing" and "not yours"."""
    members = BoardMember.objects.select_related("person").order_by("role", "person__full_name", "pk")
    boards = InspectionBoard.objects.select_related("agency", "created_by").prefetch_related(
        Prefetch("members", queryset=members),
        Prefetch("activities", queryset=SupervisionActivity.objects.order_by("-started_on", "-pk")),
    )
    return access.get_for_user(boards, user, action="write" if write else "read", pk=pk)


def get_member_for_user(user: Any, pk: Any, *, write: bool = False) -> BoardMember:
    members = BoardMember.objects.select_related("board__agency", "person")
    return access.get_for_user(members, user, action="write" if write else "read", pk=pk)


def get_activity_for_user(user: Any, pk: Any, *, write: bool = False) -> SupervisionActivity:
    activities = SupervisionActivity.objects.select_related("board__agency")
    return access.get_for_user(activities, user, action="write" if write else "read", pk=pk)


def board_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies a user may record a board for: every active one for Home Affairs, else their own."""
    agencies = Agency.objects.active()
    return agencies if access.is_province_admin(user) else agencies.filter(pk=user.agency_id)


def board_candidates(board: InspectionBoard) -> QuerySet[Person]:
    """The people of the board's agency who do not sit on it yet."""
    return (
        Person.objects.filter(agency_id=board.agency_id)
        .exclude(board_seats__board=board)
        .order_by("full_name", "pk")
    )


def recognition_late(board: InspectionBoard, calendar: Calendar | None = None) -> bool:
    """Recognised more than 5 working days after the election, or not recognised and that time is past."""
    calendar = calendar or Calendar()
    if board.recognised_on is not None:
        return calendar.between(board.elected_on, board.recognised_on) > RECOGNITION_WORKING_DAYS
    return timezone.localdate() > calendar.add(board.elected_on, RECOGNITION_WORKING_DAYS)


def board_detail_flags(board: InspectionBoard) -> list[str]:
    """What is wrong with a board loaded with its members, for its page."""
    flags = []
    if board.term_end < timezone.localdate():
        flags.append(_("The board's term has ended"))
    if len(board.members.all()) < MIN_MEMBERS:
        flags.append(_("The board has fewer than 3 members"))
    if recognition_late(board):
        flags.append(_("The election was not recognised within 5 working days"))
    return flags


def board_flags(agency_ids: Iterable[Any], on: date | None = None) -> dict[Any, list[str]]:
    """For each agency, what is wrong with its People's Inspection Board on a day (today by default).

    - "No People's Inspection Board in term": it never had one, or none covers the day and none ended;
    - "The board's term has ended": its last board's term ended before the day, with none in term since;
    - "The board has fewer than 3 members": the board in term has fewer than three members.
    An agency with nothing wrong has an empty list. Two queries, whatever the number of agencies.
    """
    on = on or timezone.localdate()
    ids = list(dict.fromkeys(agency_ids))
    flags: dict[Any, list[str]] = {agency_id: [] for agency_id in ids}
    if not ids:
        return flags
    in_term = (
        InspectionBoard.objects.filter(agency_id__in=ids, term_start__lte=on, term_end__gte=on)
        .annotate(size=counted(BoardMember.objects.all(), to="board"))
        .values_list("agency_id", "size")
    )
    largest: dict[Any, int] = {}
    for agency_id, size in in_term:
        largest[agency_id] = max(size, largest.get(agency_id, 0))
    missing = [agency_id for agency_id in ids if agency_id not in largest]
    ended = (
        set(
            InspectionBoard.objects.filter(agency_id__in=missing, term_end__lt=on)
            .order_by()
            .values_list("agency_id", flat=True)
            .distinct()
        )
        if missing
        else set()
    )
    for agency_id in ids:
        if agency_id in ended:
            flags[agency_id].append(_("The board's term has ended"))
        elif agency_id not in largest:
            flags[agency_id].append(_("No People's Inspection Board in term"))
        elif largest[agency_id] < MIN_MEMBERS:
            flags[agency_id].append(_("The board has fewer than 3 members"))
    return flags
