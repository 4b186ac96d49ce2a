"""Uploaded files every register accepts the same way: known kinds only, recognised by their first bytes.

A file's name says nothing of its content, so each accepted kind lists the signatures its first bytes must
start with. Files are stored under ``MEDIA_ROOT`` with random names (each model's ``upload_to``) and served
only through views that first check who may see the row they belong to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

MB = 1024 * 1024


def random_name(folder: str, filename: str) -> str:
    """A stored file's name: a random one under ``folder``, keeping only the uploaded file's extension."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{uuid4().hex}{suffix}"


@dataclass(frozen=True)
class Kind:
    content_type: str
    signatures: tuple[bytes, ...]


@dataclass(frozen=True)
class Accepted:
    """The kinds of file a field takes, by extension, the largest size, and how a refusal names them."""

    kinds: Mapping[str, Kind]
    max_bytes: int
    names: str

    def check(self, upload: Any) -> str:
        """The file's content type, or a Vietnamese refusal naming what is accepted."""
        name = getattr(upload, "name", "") or ""
        suffix = name[name.rfind(".") :].lower() if "." in name else ""
        if suffix not in self.kinds:
            raise ValidationError(_("Only %(kinds)s files are accepted.") % {"kinds": self.names})
        if upload.size > self.max_bytes:
            limit = f"{self.max_bytes // MB} MB"
            raise ValidationError(_("The file is larger than %(limit)s.") % {"limit": limit})
        kind = self.kinds[suffix]
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(signature) for signature in kind.signatures):
            raise ValidationError(
                _("The file's content is not a %(kind)s file.") % {"kind": suffix[1:].upper()}
            )
        return kind.content_type


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Documents: PDF, DOC and DOCX of at most 20 MB.
DOCUMENTS = Accepted(
    {
        ".pdf": Kind("application/pdf", (b"%PDF-",)),
        ".doc": Kind("application/msword", (OLE,)),
        ".docx": Kind(DOCX, (b"PK\x03\x04",)),
    },
    20 * MB,
    "PDF, DOC, DOCX",
)
# Screenshots and photos: PNG, JPEG and WebP of at most 5 MB.
IMAGES = Accepted(
    {
        ".png": Kind("image/png", (b"\x89PNG\r\n\x1a\n",)),
        ".jpg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
        ".jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
        ".webp": Kind("image/webp", (b"RIFF",)),
    },
    5 * MB,
    "PNG, JPG, WEBP",
)
# Evidence of an activity held: either.
EVIDENCE = Accepted({**DOCUMENTS.kinds, **IMAGES.kinds}, 20 * MB, "PDF, DOC, DOCX, PNG, JPG, WEBP")


def file_download(field: FieldFile, *, filename: str = "", inline: bool = False) -> FileResponse:
    """A stored file as a download (or shown in the browser, for images); 404 when there is none."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = filename or field.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=not inline, filename=name)
