"""Writes of the yearly staff conference (hội nghị CBCCVC-NLĐ, Law 10/2022 Art. 51) and its resolutions.

Rules, every problem of a form reported at once:
- one conference per agency and year; held no earlier than 1 January of the year it reports on;
- at least one staff member summoned, and no more present than summoned;
- held after 31 March of the next year: saved, with a warning, and shown as late;
- a resolution records no more votes (for and against) than the staff present.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from accountability.models import ConferenceResolution, StaffConference
from dancoso.accounts.access import allows
from dancoso.core.audit import assign, audited_save
from dancoso.core.uploads import DOCUMENTS

CONFERENCE_FIELDS = ("agency", "year", "held_on", "summoned", "present", "minutes", "note")
RESOLUTION_FIELDS = ("title", "votes_for", "votes_against")


def _require_write(actor: Any, row: Any) -> None:
    if not allows(actor, row, "write"):
        raise PermissionDenied(_("You may not change this conference."))


def check_upload(upload: Any) -> None:
    """A newly chosen file must be a real PDF, DOC or DOCX; a file already kept passes as it is."""
    if upload and not getattr(upload, "_committed", False):
        DOCUMENTS.check(upload)


def _conference_problems(conference: StaffConference) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if conference.summoned is not None and conference.summoned < 1:
        problems["summoned"] = [_("At least one member of staff must be summoned.")]
    counted = conference.summoned is not None and conference.present is not None
    if counted and conference.present > conference.summoned:
        problems["present"] = [_("The staff present cannot outnumber the staff summoned.")]
    if conference.year and conference.held_on and conference.held_on < date(conference.year, 1, 1):
        message = _("A conference on %(year)s cannot be held before 1 January %(year)s.")
        problems["held_on"] = [message % {"year": conference.year}]
    twins = StaffConference.objects.filter(agency_id=conference.agency_id, year=conference.year)
    if conference.agency_id and twins.exclude(pk=conference.pk).exists():
        message = _("%(agency)s has already recorded its staff conference on %(year)s.")
        problems["year"] = [message % {"agency": conference.agency, "year": conference.year}]
    if conference.pk and conference.present is not None:
        votes = conference.resolutions.aggregate(most=Sum(F("votes_for") + F("votes_against")))["most"]
        if votes is not None and votes > conference.present:
            message = _(
                "A resolution of this conference records %(votes)s votes, more than the staff present."
            )
            problems.setdefault("present", []).append(message % {"votes": votes})
    return problems


@transaction.atomic
def conference_save(
    *, actor: Any, conference: StaffConference | None = None, **fields: Any
) -> StaffConference:
    """Record a conference, or correct one: check the file and the rules, then save with history."""
    conference = conference or StaffConference(created_by=actor)
    check_upload(fields.get("minutes"))
    assign(conference, fields, CONFERENCE_FIELDS)
    _require_write(actor, conference)
    problems = _conference_problems(conference)
    if problems:
        raise ValidationError(problems)
    return audited_save(conference, actor=actor)


def conference_warnings(conference: StaffConference) -> list[str]:
    """What the user is told about a conference just saved that the law does not refuse outright."""
    warnings = []
    if conference.is_late:
        message = _("The conference was held after the deadline of %(deadline)s: it is recorded as late.")
        warnings.append(message % {"deadline": f"{conference.deadline:%d/%m/%Y}"})
    if not conference.has_quorum:
        warnings.append(_("Fewer than two thirds of the staff summoned were present: it has no quorum."))
    return warnings


@transaction.atomic
def resolution_save(
    *,
    actor: Any,
    conference: StaffConference,
    resolution: ConferenceResolution | None = None,
    **fields: Any,
) -> ConferenceResolution:
    """Record a matter voted on, or correct it; the votes cast cannot exceed the staff present."""
    resolution = resolution or ConferenceResolution(conference=conference)
    assign(resolution, fields, RESOLUTION_FIELDS)
    _require_write(actor, resolution)
    cast = (resolution.votes_for or 0) + (resolution.votes_against or 0)
    if cast > conference.present:
        message = _("%(cast)s votes were cast, but only %(present)s staff were present.")
        raise ValidationError({"votes_for": message % {"cast": cast, "present": conference.present}})
    return audited_save(resolution, actor=actor)
