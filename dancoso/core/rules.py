"""Rules every service applies the same way: the uploads it checks, the status a step needs, its problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from dancoso.core.uploads import Accepted


def check_upload(upload: Any, accepted: Accepted, field: str) -> None:
    """A newly chosen file must be of a kind the field accepts; a file already kept (or none) passes."""
    if isinstance(upload, UploadedFile):
        try:
            accepted.check(upload)
        except ValidationError as exc:
            raise ValidationError({field: exc.messages}) from exc


def require_status(row: Any, allowed: Sequence[str], message: str) -> None:
    if row.status not in allowed:
        raise ValidationError(message)


def problems_or_none(problems: dict[str, list[str]]) -> None:
    """Report every problem of a form at once."""
    if problems:
        raise ValidationError(problems)
