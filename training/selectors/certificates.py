"""Reads of certificates: a class's certificates for staff, and the public look-up by verification code."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet

from dancoso.accounts import access
from training.models import Certificate, TrainingClass
from training.services.certificates import CODE_LENGTH, format_code

# Longer input is not a code; refusing it early keeps a pasted page of text from costing anything.
MAX_TYPED_LENGTH = 64


def certificate_list(*, user: Any, training_class: TrainingClass) -> QuerySet[Certificate]:
    """The class's certificates the user may see: all for the organiser, their own agency's for staff."""
    queryset = Certificate.objects.filter(enrolment__training_class=training_class)
    return access.scope(queryset, user).order_by("enrolment__agency__display_order", "full_name", "pk")


def canonical_code(typed: str) -> str | None:
    """The stored form of a code as a citizen may type it (any case, spaces, dashes), or None."""
    if len(typed) > MAX_TYPED_LENGTH:
        return None
    characters = re.sub(r"[^0-9A-Z]", "", typed.upper())
    if len(characters) != CODE_LENGTH:
        return None
    return format_code(characters)


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this verification code, for the public page; None if it is not in the register."""
    canonical = canonical_code(code)
    if canonical is None:
        return None
    return Certificate.objects.filter(code=canonical).first()
