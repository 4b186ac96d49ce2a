"""Writes of petitions and feedback (kiến nghị, phản ánh): receipt, routing, handling, answer, closure.

The workflow (``PetitionStatus``), each step recorded as a ``PetitionEvent`` with its actor:
- received: from the portal or recorded by staff; a sender who names the agency concerned sends it straight
  to that agency (assigned); otherwise Home Affairs routes it;
- assigned: Home Affairs assigns the handling agency; the deadline is the field's time limit in working days
  from that day (``dancoso.core.workdays``);
- the handling agency may forward a petition outside its remit within 5 working days of receiving it, with a
  reason, to another agency (new deadline by the same rule) or back to Home Affairs for routing;
- in progress → answered (a public answer, and a file) → closed; a petition answered or closed may be
  reopened, with a new deadline;
- an open petition may be refused as out of scope (complaints and denunciations go by another law), with a
  reason.
Internal notes are events of their own kind, never shown on the public page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.models import (
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    Step,
)
from accountability.models.petitions import DONE_STATUSES, OPEN_STATUSES
from dancoso.accounts.access import allows, is_province_admin
from dancoso.core.audit import assign, audited_save
from dancoso.core.uploads import DOCUMENTS, IMAGES, MB, Accepted, Kind
from dancoso.core.workdays import Calendar

# Forwarding a petition outside the agency's remit: within this many working days of receiving it.
FORWARD_WORKING_DAYS = 5
MAX_ATTACHMENTS = 3
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a sender may attach: images, PDF, Word and Excel files of at most 10 MB each.
ATTACHMENTS = Accepted(
    {
        **DOCUMENTS.kinds,
        **IMAGES.kinds,
        ".xls": Kind("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
        ".xlsx": Kind(XLSX, (b"PK\x03\x04",)),
    },
    10 * MB,
    "PNG, JPG, WEBP, PDF, DOC, DOCX, XLS, XLSX",
)
SENDER_FIELDS = ("sender_name", "sender_phone", "sender_email", "sender_address")
RECORD_FIELDS = (*SENDER_FIELDS, "source", "requested_agency", "field", "title", "content", "received_on")


def _today() -> date:
    return timezone.localdate()


def _event(petition: Petition, step: str, *, actor: Any, text: str = "", agency: Any = None) -> PetitionEvent:
    event = PetitionEvent(
        petition=petition,
        step=step,
        on=_today(),
        text=text,
        agency=agency,
        deadline=petition.deadline,
        actor=actor,
    )
    return audited_save(event, actor=actor)


def _route(petition: Petition, agency: Any, on: date) -> None:
    """Give a petition to its handling agency: its deadline is counted from that day."""
    field = petition.field if petition.field_id else None
    petition.agency = agency
    petition.assigned_on = on
    petition.deadline = Calendar().add(on, field.time_limit if field else PetitionField().time_limit)
    petition.status = PetitionStatus.ASSIGNED


def _attach(petition: Petition, files: Sequence[Any], actor: Any) -> None:
    for upload in files:
        content_type = ATTACHMENTS.check(upload)
        attachment = PetitionAttachment(
            petition=petition,
            file=upload,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
        )
        audited_save(attachment, actor=actor)


def check_attachments(files: Sequence[Any]) -> None:
    """Refuse more than three files, or one of a kind or size not accepted, before anything is stored."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(_("At most %(count)s files may be attached.") % {"count": MAX_ATTACHMENTS})
    for upload in files:
        ATTACHMENTS.check(upload)


@transaction.atomic
def petition_submit(*, files: Sequence[Any] = (), actor: Any = None, **fields: Any) -> Petition:
    """A petition sent on the portal (``actor`` is None) or recorded by staff on a sender's behalf.

    Steps: check the files; store the petition as received; if the sender named the agency concerned, give
    it to that agency at once (its deadline starts today); store the files; record the steps.
    """
    check_attachments(files)
    petition = Petition(recorded_by=actor)
    fields.setdefault("received_on", _today())
    fields.setdefault("source", PetitionSource.PORTAL)
    assign(petition, fields, (*RECORD_FIELDS, "consent"))
    if not (petition.sender_phone or petition.sender_email):
        raise ValidationError(_("Give a phone number or an email address, so the agency can reach you."))
    if petition.received_on > _today():
        raise ValidationError({"received_on": _("A petition cannot be received on a future day.")})
    if petition.requested_agency_id:
        _route(petition, petition.requested_agency, _today())
    audited_save(petition, actor=actor)
    _event(petition, Step.RECEIVED, actor=actor)
    if petition.agency_id:
        _event(petition, Step.ASSIGNED, actor=actor, agency=petition.agency)
    _attach(petition, files, actor)
    return petition


def _require(actor: Any, petition: Petition, action: str = "write") -> None:
    if not allows(actor, petition, action):
        raise PermissionDenied(_("You may not handle this petition."))


def _require_status(petition: Petition, allowed: Sequence[str], message: str) -> None:
    if petition.status not in allowed:
        raise ValidationError(message)


@transaction.atomic
def petition_assign(*, petition: Petition, agency: Any, actor: Any) -> Petition:
    """Home Affairs routes a petition to the agency that handles it (or to another one, while it is open)."""
    if not is_province_admin(actor):
        raise PermissionDenied(_("Only the Department of Home Affairs routes petitions."))
    _require_status(petition, OPEN_STATUSES, _("Only an open petition can be assigned."))
    if agency is None or not agency.is_active:
        raise ValidationError(_("Choose an active agency."))
    _route(petition, agency, _today())
    audited_save(petition, actor=actor)
    _event(petition, Step.ASSIGNED, actor=actor, agency=agency)
    return petition


def forward_deadline(petition: Petition, calendar: Calendar | None = None) -> date | None:
    """The last day on which the handling agency may still forward the petition."""
    if petition.assigned_on is None:
        return None
    return (calendar or Calendar()).add(petition.assigned_on, FORWARD_WORKING_DAYS)


@transaction.atomic
def petition_forward(*, petition: Petition, agency: Any = None, reason: str, actor: Any) -> Petition:
    """The handling agency passes on a petition outside its remit, within 5 working days, with a reason.

    To another agency, whose deadline starts today; or, without one, back to Home Affairs to route.
    """
    _require(actor, petition)
    _require_status(
        petition,
        (PetitionStatus.ASSIGNED, PetitionStatus.IN_PROGRESS),
        _("Only a petition being handled can be forwarded."),
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the petition is outside the agency's remit.")})
    last_day = forward_deadline(petition)
    if not is_province_admin(actor) and last_day is not None and _today() > last_day:
        message = _(
            "A petition may be forwarded within %(days)s working days of receipt, that is until %(day)s."
        )
        raise ValidationError(message % {"days": FORWARD_WORKING_DAYS, "day": f"{last_day:%d/%m/%Y}"})
    if agency is not None and agency.pk == petition.agency_id:
        raise ValidationError({"agency": _("Choose another agency than the one handling it.")})
    if agency is not None:
        _route(petition, agency, _today())
    else:
        petition.agency, petition.assigned_on, petition.deadline = None, None, None
        petition.status = PetitionStatus.RECEIVED
    audited_save(petition, actor=actor)
    _event(petition, Step.FORWARDED, actor=actor, text=reason.strip(), agency=agency)
    return petition


@transaction.atomic
def petition_start(*, petition: Petition, actor: Any) -> Petition:
    _require(actor, petition)
    _require_status(petition, (PetitionStatus.ASSIGNED,), _("Only a petition just assigned can be started."))
    petition.status = PetitionStatus.IN_PROGRESS
    audited_save(petition, actor=actor)
    _event(petition, Step.STARTED, actor=actor)
    return petition


@transaction.atomic
def petition_answer(*, petition: Petition, answer: str, answer_file: Any = None, actor: Any) -> Petition:
    """Answer a petition: the text (and file) the sender reads on the portal; on time or not is kept."""
    _require(actor, petition)
    _require_status(
        petition,
        (PetitionStatus.ASSIGNED, PetitionStatus.IN_PROGRESS),
        _("Only a petition being handled can be answered."),
    )
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer the sender will read.")})
    if answer_file and not getattr(answer_file, "_committed", False):
        DOCUMENTS.check(answer_file)
        petition.answer_file = answer_file
    petition.answer = answer.strip()
    petition.answered_on = _today()
    petition.answered_in_time = petition.answered_on <= petition.deadline
    petition.status = PetitionStatus.ANSWERED
    audited_save(petition, actor=actor)
    _event(petition, Step.ANSWERED, actor=actor)
    return petition


@transaction.atomic
def petition_close(*, petition: Petition, actor: Any) -> Petition:
    _require(actor, petition)
    _require_status(petition, (PetitionStatus.ANSWERED,), _("Only an answered petition can be closed."))
    petition.status = PetitionStatus.CLOSED
    petition.closed_on = _today()
    audited_save(petition, actor=actor)
    _event(petition, Step.CLOSED, actor=actor)
    return petition


@transaction.atomic
def petition_reopen(*, petition: Petition, reason: str, actor: Any) -> Petition:
    """Take up an answered or closed petition again: a new deadline from today, by the same rule."""
    _require(actor, petition)
    _require_status(petition, DONE_STATUSES, _("Only an answered or closed petition can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the petition is reopened.")})
    _route(petition, petition.agency, _today())
    petition.status = PetitionStatus.IN_PROGRESS
    petition.answered_on = petition.answered_in_time = petition.closed_on = None
    audited_save(petition, actor=actor)
    _event(petition, Step.REOPENED, actor=actor, text=reason.strip())
    return petition


@transaction.atomic
def petition_refuse(*, petition: Petition, reason: str, actor: Any) -> Petition:
    """Refuse an open petition as out of scope, with the reason the sender reads."""
    _require(actor, petition)
    _require_status(petition, OPEN_STATUSES, _("Only an open petition can be refused."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the petition is out of scope.")})
    petition.status = PetitionStatus.REFUSED
    petition.refusal_reason = reason.strip()
    audited_save(petition, actor=actor)
    _event(petition, Step.REFUSED, actor=actor, text=petition.refusal_reason)
    return petition


@transaction.atomic
def petition_note(*, petition: Petition, text: str, actor: Any) -> PetitionEvent:
    """An internal note: seen by the handling agency and Home Affairs, never by the public."""
    _require(actor, petition)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    return _event(petition, Step.NOTE, actor=actor, text=text.strip())
