"""Reads of exemplary models: the staff list in the user's scope, and the recognised ones on the portal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from dancoso.accounts import access
from dancoso.core.lists import counted
from emulation.models import Exemplar, ExemplarPhoto, ExemplarStatus


def _filtered(exemplars: QuerySet[Exemplar], filters: Mapping[str, Any]) -> QuerySet[Exemplar]:
    if filters.get("agency"):
        exemplars = exemplars.filter(agency=filters["agency"])
    if filters.get("year"):
        exemplars = exemplars.filter(year=filters["year"])
    if filters.get("status"):
        exemplars = exemplars.filter(status=filters["status"])
    if filters.get("kind"):
        exemplars = exemplars.filter(kind=filters["kind"])
    if filters.get("q"):
        words = filters["q"]
        exemplars = exemplars.filter(
            Q(title__icontains=words)
            | Q(collective_name__icontains=words)
            | Q(person__full_name__icontains=words)
        )
    return exemplars


def exemplar_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Exemplar]:
    exemplars = access.scope(Exemplar.objects.select_related("agency", "person"), user)
    photos = counted(ExemplarPhoto.objects.all(), to="exemplar")
    return (
        _filtered(exemplars, filters)
        .annotate(photo_count=photos)
        .order_by("-year", "agency__display_order", "agency__name", "title", "pk")
    )


def _with_photos(exemplars: QuerySet[Exemplar]) -> QuerySet[Exemplar]:
    photos = ExemplarPhoto.objects.order_by("pk")
    return exemplars.select_related("agency", "person").prefetch_related(Prefetch("photos", queryset=photos))


def get_exemplar_for_user(user: Any, pk: Any, *, action: str = "read") -> Exemplar:
    exemplars = _with_photos(Exemplar.objects.select_related("created_by"))
    return access.get_for_user(exemplars, user, action=action, pk=pk)


def get_photo_for_user(user: Any, pk: Any, *, write: bool = False) -> ExemplarPhoto:
    photos = ExemplarPhoto.objects.select_related("exemplar__agency")
    return access.get_for_user(photos, user, action="write" if write else "read", pk=pk)


def recognised() -> QuerySet[Exemplar]:
    return Exemplar.objects.filter(status=ExemplarStatus.RECOGNISED)


def public_exemplars(*, filters: Mapping[str, Any]) -> QuerySet[Exemplar]:
    """The recognised models, newest recognition first, each with its first photo for the card."""
    exemplars = _filtered(recognised().select_related("agency", "person"), filters)
    photos = ExemplarPhoto.objects.order_by("pk")
    return exemplars.prefetch_related(Prefetch("photos", queryset=photos)).order_by(
        "-recognised_on", "title", "pk"
    )


def get_public_exemplar(pk: Any) -> Exemplar:
    return access.get_or_404(_with_photos(recognised()), pk=pk)


def get_public_photo(pk: Any) -> ExemplarPhoto:
    photos = ExemplarPhoto.objects.filter(exemplar__status=ExemplarStatus.RECOGNISED)
    return access.get_or_404(photos, pk=pk)
