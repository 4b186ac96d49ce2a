"""Writes of disclosures to staff (Art. 46–47) and consultations of staff (Art. 48–50)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.models import Consultation, Disclosure
from dancoso.accounts.access import allows
from dancoso.core.audit import assign, audited_save
from dancoso.core.uploads import EVIDENCE
from dancoso.core.validators import validate_web_address

# The fields each form edits, in the order it shows them (the forms take their lists from here).
DISCLOSURE_FIELDS = (
    "agency",
    "category",
    "year",
    "title",
    "period_covered",
    "disclosed_on",
    "url",
    "file",
    "note",
)
CONSULTATION_FIELDS = (
    "agency",
    "matter",
    "kind",
    "started_on",
    "ended_on",
    "participation",
    "participants",
    "outcome",
    "file",
)
FILES = EVIDENCE
END_BEFORE_START = gettext_lazy("The end date cannot be before the start date.")


def _require_write(actor: Any, record: models.Model) -> None:
    if not allows(actor, record, "write"):
        raise PermissionDenied(_("You may not record this agency's accountability records."))


def _file(value: Any, record: models.Model) -> Any:
    """A new upload, checked by its content; ``False`` (the form's "clear" box) removes it; else unchanged."""
    if isinstance(value, UploadedFile):
        try:
            FILES.check(value)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        return value
    if value is False:
        return ""
    return record.file


def _save(actor: Any, record: Any, fields: dict[str, Any], allowed: tuple[str, ...], problems: Any) -> Any:
    """The steps both records share: write rights before and after the change (no moving a record to
    another agency), the file checked, every rule the model cannot express reported at once, history."""
    if record.pk:
        _require_write(actor, record)
    if "file" in fields:
        fields["file"] = _file(fields["file"], record)
    assign(record, fields, allowed)
    _require_write(actor, record)
    found = problems(record)
    if found:
        raise ValidationError(found)
    return audited_save(record, actor=actor)


@transaction.atomic
def disclosure_save(
    *, actor: Any, disclosure: Disclosure | None = None, forms: Any = None, **fields: Any
) -> Disclosure:
    """Record what an agency disclosed to its staff, and how (the forms of Art. 47), or change it."""
    if forms is not None and not list(forms):
        raise ValidationError({"forms": [_("Choose at least one form of disclosure.")]})
    saved = _save(
        actor, disclosure or Disclosure(created_by=actor), fields, DISCLOSURE_FIELDS, _disclosure_problems
    )
    if forms is not None:
        saved.forms.set(forms)
    return saved


def _disclosure_problems(disclosure: Disclosure) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if disclosure.url:
        try:
            validate_web_address(disclosure.url)
        except ValidationError as exc:
            problems["url"] = exc.messages
    day = disclosure.disclosed_on
    if day and day > timezone.localdate():
        problems["disclosed_on"] = [_("A disclosure cannot be dated in the future.")]
    if day and disclosure.year and not disclosure.year - 1 <= day.year <= disclosure.year + 1:
        problems["disclosed_on"] = [
            _("The date of disclosure must fall in the year covered, or the year just before or after it.")
        ]
    return problems


@transaction.atomic
def consultation_save(*, actor: Any, consultation: Consultation | None = None, **fields: Any) -> Consultation:
    """Record a matter put to staff — to decide, to comment on, to supervise — or change it."""
    return _save(
        actor,
        consultation or Consultation(created_by=actor),
        fields,
        CONSULTATION_FIELDS,
        _consultation_problems,
    )


def _consultation_problems(consultation: Consultation) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    start, end = consultation.started_on, consultation.ended_on
    if start and end and end < start:
        problems["ended_on"] = [str(END_BEFORE_START)]
    if start and start > timezone.localdate():
        problems["started_on"] = [_("A consultation cannot start in the future.")]
    return problems
