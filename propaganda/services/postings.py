"""Writes of the posting log (Art. 1 §2): one posting from the form, or a whole file of them from Excel."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dancoso.accounts.access import allows
from dancoso.agencies.models import Agency
from dancoso.core.audit import assign, audited_save
from dancoso.core.imports import ImportFileError, check_workbook_upload, model_errors
from dancoso.core.uploads import IMAGES, MB
from dancoso.core.validators import validate_web_address
from propaganda.imports import Lookups, check_rows, parse_postings_xlsx
from propaganda.models import Channel, LegalDocument, Posting

# The fields the form edits, in the order it shows them (the form takes its list from here).
POSTING_FIELDS = (
    "agency",
    "channel",
    "posted_on",
    "title",
    "url",
    "document",
    "activity",
    "audience",
    "evidence",
)
IMPORT_MAX_BYTES = 5 * MB
# The foreign keys an import resolves itself; validating them again would cost a query per row.
RESOLVED = ("agency", "channel", "document", "activity", "created_by")


def _require_write(actor: Any, posting: Posting) -> None:
    if not allows(actor, posting, "write"):
        raise PermissionDenied(_("You may not record postings of this agency."))


@transaction.atomic
def posting_save(*, actor: Any, posting: Posting | None = None, **fields: Any) -> Posting:
    """Record a posting or change one.

    Steps: the actor must write the posting's agency before the change and after it (no moving a posting
    to another agency); a new screenshot is checked by its content; then the rules the model cannot
    express (http/https address, the activity of the same agency's plan, no negative audience) are
    checked together, so the form shows every problem at once; then the row is saved with its history.
    """
    if posting is not None:
        _require_write(actor, posting)
    posting = posting or Posting(created_by=actor)
    if "evidence" in fields:
        fields["evidence"] = _evidence(fields["evidence"], posting)
    assign(posting, fields, POSTING_FIELDS)
    _require_write(actor, posting)
    problems = _problems(posting)
    if problems:
        raise ValidationError(problems)
    return audited_save(posting, actor=actor)


def _evidence(value: Any, posting: Posting) -> Any:
    """A new upload, checked; ``False`` (the form's "clear" box) removes it; else the old one stays."""
    if isinstance(value, UploadedFile):
        try:
            IMAGES.check(value)
        except ValidationError as exc:
            raise ValidationError({"evidence": exc.messages}) from exc
        return value
    if value is False:
        return ""
    return posting.evidence


def _problems(posting: Posting) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if posting.url:
        try:
            validate_web_address(posting.url)
        except ValidationError as exc:
            problems["url"] = exc.messages
    if posting.audience is not None and posting.audience < 0:
        problems["audience"] = [_("The number of people reached cannot be negative.")]
    activity = posting.activity
    if activity is not None and activity.plan.agency_id != posting.agency_id:
        problems["activity"] = [_("This activity belongs to another agency's plan; choose one of its own.")]
    return problems


def _lookups(rows: Any) -> Lookups:
    """Every agency and channel (matched in Python), and the library documents by number."""
    numbers = {row.document_number for row in rows if row.document_number}
    documents = LegalDocument.objects.only("pk", "number") if numbers else LegalDocument.objects.none()
    return Lookups.of(Agency.objects.all(), Channel.objects.all(), documents)


@transaction.atomic
def postings_import(*, actor: Any, upload: Any) -> int:
    """Record every posting of an Excel file, or none; the number recorded.

    Steps: refuse a file too large or not a workbook; read the rows (at most ``MAX_ROWS``); resolve each
    row's agency (the actor's own only, for agency staff), channel and document; check the model's own
    rules; if any row has a problem, refuse the whole file listing every "Dòng N" problem; otherwise
    create them all with one history record each, naming the importing user.
    """
    check_workbook_upload(upload, max_bytes=IMPORT_MAX_BYTES)
    try:
        rows = parse_postings_xlsx(upload)
    except ImportFileError as exc:
        raise ValidationError(str(exc)) from exc
    checked = check_rows(
        rows, lookups=_lookups(rows), may_write=lambda agency: allows(actor, Posting(agency=agency), "write")
    )
    errors = checked.errors
    postings = []
    for line, values in checked.rows:
        posting = Posting(created_by=actor, **values)
        errors.extend(model_errors(posting, line, exclude=RESOLVED))
        postings.append(posting)
    if errors:
        raise ValidationError([str(error) for error in sorted(errors)])
    bulk_create_with_history(postings, Posting, batch_size=500, default_user=actor)
    return len(postings)
