"""Reads of petitions: the list and the overdue view in the user's scope, one petition, the public page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from accountability.models import Petition, PetitionEvent, PetitionField
from accountability.models.petitions import CODE_ALPHABET, CODE_LENGTH, OPEN_STATUSES, PUBLIC_STEPS
from dancoso.accounts import access
from dancoso.agencies.models import Agency
from dancoso.core.workdays import Calendar

FILTERS = {"status": "status", "agency": "agency", "field": "field", "source": "source"}


def _petitions(user: Any) -> QuerySet[Petition]:
    return access.scope(Petition.objects.select_related("agency", "field"), user)


def petition_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Petition]:
    """Petitions in the user's scope, newest first, narrowed by the filters."""
    petitions = _petitions(user)
    for name, lookup in FILTERS.items():
        if filters.get(name) not in (None, ""):
            petitions = petitions.filter(**{lookup: filters[name]})
    if filters.get("unassigned"):
        petitions = petitions.filter(agency__isnull=True, status__in=OPEN_STATUSES)
    if filters.get("year"):
        petitions = petitions.filter(received_on__year=filters["year"])
    if filters.get("q"):
        query = filters["q"].strip()
        petitions = petitions.filter(Q(code=normalised_code(query)) | Q(title__icontains=query))
    if filters.get("overdue"):
        petitions = petitions.filter(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate())
    return petitions.order_by("-received_on", "-pk")


def overdue(*, user: Any, agency: Any = None) -> QuerySet[Petition]:
    """Open petitions past their deadline in the user's scope, the oldest deadline first."""
    petitions = _petitions(user).filter(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate())
    if agency:
        petitions = petitions.filter(agency=agency)
    return petitions.order_by("deadline", "pk")


def overdue_by_agency(*, user: Any) -> list[dict[str, Any]]:
    """Each agency with overdue petitions: how many, and the oldest deadline; the most behind first."""
    rows = (
        overdue(user=user)
        .order_by()
        .values("agency", "agency__short_name", "agency__name")
        .annotate(count=Count("pk"), oldest=Min("deadline"))
        .order_by("oldest", "agency")
    )
    return list(rows)


def with_days_left(petitions: Iterable[Petition]) -> list[Petition]:
    """Give each open petition of a page its working days left (negative when overdue): one query."""
    rows = list(petitions)
    if any(row.is_open and row.deadline for row in rows):
        calendar, today = Calendar(), timezone.localdate()
        for row in rows:
            row.days_left = calendar.between(today, row.deadline) if row.is_open and row.deadline else None
            row.days_overdue = -row.days_left if row.days_left is not None and row.days_left < 0 else 0
    for row in rows:
        row.days_left = getattr(row, "days_left", None)
    return rows


def get_petition_for_user(user: Any, pk: Any, *, write: bool = False) -> Petition:
    """One petition with its steps and files: 404 alike for "missing" and "not yours"."""
    events = PetitionEvent.objects.select_related("agency", "actor").order_by("at", "pk")
    petitions = (
        _petitions(user)
        .select_related("requested_agency", "recorded_by")
        .prefetch_related(Prefetch("events", queryset=events), "attachments")
    )
    return access.get_for_user(petitions, user, action="write" if write else "read", pk=pk)


def get_attachment_for_user(user: Any, petition_pk: Any, pk: Any) -> Any:
    petition = get_petition_for_user(user, petition_pk)
    return access.get_or_404(petition.attachments.all(), pk=pk)


def normalised_code(typed: str) -> str:
    """A tracking code as typed (lower case, with spaces or dashes) in the form it is stored."""
    return re.sub(r"[^0-9A-Z]", "", typed.upper())[: CODE_LENGTH + 1]


def public_petition(code: str) -> Petition | None:
    """The petition a tracking code names, with its public steps only; ``None`` for an unknown code.

    A malformed code is answered like an unknown one, without a query.
    """
    code = normalised_code(code)
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        return None
    events = PetitionEvent.objects.filter(step__in=PUBLIC_STEPS).select_related("agency").order_by("at", "pk")
    petitions = Petition.objects.select_related("agency", "field").prefetch_related(
        Prefetch("events", queryset=events)
    )
    return petitions.filter(code=code).first()


def routing_agencies() -> QuerySet[Agency]:
    return Agency.objects.active()


def petition_fields() -> QuerySet[PetitionField]:
    return PetitionField.objects.filter(is_active=True)
