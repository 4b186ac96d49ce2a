"""Reads of the posting log: the filtered list in the user's scope, one posting, and the form's choices."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from dancoso.accounts import access
from propaganda.models import Channel, ChannelKind, LegalDocument, PlanActivity, Posting


def posting_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[Posting]:
    """Postings in the user's scope, newest first.

    Filters: ``agency`` (for those who read every agency), ``channel``, ``year``, ``date_from``, ``date_to``
    and ``q`` (words of the title).
    """
    postings = access.scope(Posting.objects.select_related("agency", "channel", "document"), user)
    for name, lookup in FILTERS.items():
        if filters.get(name) not in (None, ""):
            postings = postings.filter(**{lookup: filters[name]})
    return postings.order_by("-posted_on", "-pk")


FILTERS = {
    "agency": "agency",
    "channel": "channel",
    "year": "posted_on__year",
    "date_from": "posted_on__gte",
    "date_to": "posted_on__lte",
    "q": "title__icontains",
}


def get_posting_for_user(user: Any, pk: Any, *, write: bool = False) -> Posting:
    """One posting the user may read (or change): 404 alike for "missing" and "not yours"."""
    postings = Posting.objects.select_related("agency", "channel", "document", "activity__plan")
    return access.get_for_user(postings, user, action="write" if write else "read", pk=pk)


def channels() -> QuerySet[Channel]:
    return Channel.objects.all()


def library_documents() -> QuerySet[LegalDocument]:
    """The documents a posting may name, by number (their type is in each label)."""
    return LegalDocument.objects.select_related("document_type").order_by("number", "issuing_body")


def plan_activities(agency: Any = None) -> QuerySet[PlanActivity]:
    """Activities of the agency's plans (every agency's when ``None``), latest plan year first."""
    activities = PlanActivity.objects.select_related("plan__agency").order_by(
        "-plan__year", "plan__agency__name", "planned_date", "pk"
    )
    return activities.filter(plan__agency=agency) if agency is not None else activities


def example_channel() -> Channel | None:
    """The channel an import template's example row names: an agency's own website, as most postings are."""
    websites = Channel.objects.filter(kind=ChannelKind.AGENCY_WEBSITE)
    return websites.first() or Channel.objects.first()
