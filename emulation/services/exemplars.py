"""Writes of exemplary models: an agency proposes one with its photos; Home Affairs recognises it, which
publishes it on the democracy portal. A recognised model is public, so only Home Affairs changes it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import is_province_admin, require
from dancoso.core.audit import assign, audited_delete, audited_save
from dancoso.core.rules import check_upload, problems_or_none
from dancoso.core.uploads import IMAGES
from emulation.models import Exemplar, ExemplarPhoto, ExemplarStatus, NomineeKind

EXEMPLAR_FIELDS = (
    "agency",
    "year",
    "kind",
    "person",
    "collective_name",
    "title",
    "description",
    "achievements",
    "is_prestigious",
)
MAX_PHOTOS = 10


def nominee_problems(row: Any) -> dict[str, list[str]]:
    """An individual is a person of the agency's own registry; a collective names no person."""
    if row.kind == NomineeKind.INDIVIDUAL:
        if row.person is None:
            return {"person": [_("Choose the person from the agency's people.")]}
        if row.agency_id and row.person.agency_id != row.agency_id:
            message = _("%(person)s is not on the staff of %(agency)s.")
            return {"person": [message % {"person": row.person, "agency": row.agency}]}
    elif row.person is not None:
        return {"person": [_("A collective is not a person: leave the person empty.")]}
    return {}


def may_change(exemplar: Exemplar, actor: Any) -> bool:
    """A recognised model is public: only Home Affairs changes it (or its photos)."""
    return not exemplar.is_recognised or is_province_admin(actor)


def _require_unpublished(exemplar: Exemplar, actor: Any) -> None:
    if not may_change(exemplar, actor):
        raise ValidationError(
            _("This model is recognised and published on the portal: only Home Affairs may change it.")
        )


@transaction.atomic
def exemplar_save(*, actor: Any, exemplar: Exemplar | None = None, **fields: Any) -> Exemplar:
    exemplar = exemplar or Exemplar(created_by=actor)
    _require_unpublished(exemplar, actor)
    assign(exemplar, fields, EXEMPLAR_FIELDS)
    require(actor, exemplar)
    problems_or_none(nominee_problems(exemplar))
    return audited_save(exemplar, actor=actor)


@transaction.atomic
def exemplar_recognise(*, exemplar: Exemplar, recognised: bool, actor: Any) -> Exemplar:
    """Recognise a proposed model (it appears on the portal) or withdraw the recognition."""
    require(actor, exemplar, "recognise")
    exemplar.status = ExemplarStatus.RECOGNISED if recognised else ExemplarStatus.PROPOSED
    exemplar.recognised_on = timezone.localdate() if recognised else None
    return audited_save(exemplar, actor=actor)


@transaction.atomic
def photo_add(*, exemplar: Exemplar, image: Any, caption: str = "", actor: Any) -> ExemplarPhoto:
    photo = ExemplarPhoto(exemplar=exemplar, image=image, caption=caption)
    require(actor, photo)
    _require_unpublished(exemplar, actor)
    check_upload(image, IMAGES, "image")
    if exemplar.photos.count() >= MAX_PHOTOS:
        raise ValidationError(_("A model has at most %(count)s photos.") % {"count": MAX_PHOTOS})
    return audited_save(photo, actor=actor)


@transaction.atomic
def photo_remove(*, photo: ExemplarPhoto, actor: Any) -> None:
    require(actor, photo)
    _require_unpublished(photo.exemplar, actor)
    audited_delete(photo, actor=actor)
