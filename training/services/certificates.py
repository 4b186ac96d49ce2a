"""Issuing certificates of completion (giấy chứng nhận hoàn thành lớp bồi dưỡng)."""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dancoso.accounts import access
from training.models import Certificate, ClassStatus, Enrolment, TrainingClass

# No 0/O, 1/I/L: a citizen copies the code from paper, and these are the letters people misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
CODE_GROUP = 4
# 31¹² ≈ 8·10¹⁷ codes, so a collision is very rare; a few rounds of retries settle it.
CODE_ATTEMPTS = 5


def format_code(characters: str) -> str:
    """Group the code's characters for reading aloud: ``K7QM4XPR9TDA`` → ``K7QM-4XPR-9TDA``."""
    return "-".join(characters[i : i + CODE_GROUP] for i in range(0, len(characters), CODE_GROUP))


def _new_code() -> str:
    return format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def _unique_codes(count: int) -> list[str]:
    """``count`` fresh codes, none already in the register nor repeated in the batch (one query a round)."""
    codes: set[str] = set()
    for _attempt in range(CODE_ATTEMPTS):
        while len(codes) < count:
            codes.add(_new_code())
        taken = set(Certificate.objects.filter(code__in=codes).values_list("code", flat=True))
        if not taken:
            return list(codes)
        codes -= taken
    raise RuntimeError("Could not draw unique certificate codes; is the random source broken?")


def _snapshot(enrolment: Enrolment, *, code: str, actor: Any) -> Certificate:
    """A certificate copying what it certifies, so later edits of the registers do not change it."""
    training_class = enrolment.training_class
    certificate = Certificate(
        enrolment=enrolment,
        code=code,
        full_name=enrolment.person.full_name,
        agency_name=enrolment.agency.name,
        class_title=training_class.title,
        start_date=training_class.start_date,
        end_date=training_class.end_date,
        organiser_name=training_class.organiser.name,
        issued_by=actor,
    )
    # Foreign keys and uniqueness are left to the database: checking them here costs a query per row.
    certificate.full_clean(exclude=["enrolment", "issued_by"], validate_unique=False)
    return certificate


def _completed_without_certificate(training_class: TrainingClass) -> Iterable[Enrolment]:
    return (
        Enrolment.objects.filter(training_class=training_class, certificate__isnull=True)
        .completed()
        .select_related("person", "agency", "training_class__organiser")
        .order_by("pk")
    )


def _check_may_issue(training_class: TrainingClass, actor: Any) -> None:
    if not access.allows(actor, training_class, "run"):
        raise ValidationError(
            _("Only Home Affairs or the organising agency's staff may issue certificates for this class.")
        )
    if training_class.status != ClassStatus.FINISHED:
        raise ValidationError(_("Certificates can only be issued once the class has finished."))


@transaction.atomic
def certificates_issue(*, training_class: TrainingClass, actor: Any) -> list[Certificate]:
    """Issue a certificate to every trainee who completed the class and has none yet.

    Steps: lock the class row (two clicks on "Issue" then run one after the other, and the status read is
    current); refuse unless the actor may issue and the class has finished; find the completed enrolments
    without a certificate; draw unique codes; insert all rows at once. Re-running issues only the missing
    ones. The number of queries does not grow with the class size (apart from the database's own limit on
    rows per INSERT).
    """
    locked = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    _check_may_issue(locked, actor)
    enrolments: Collection[Enrolment] = list(_completed_without_certificate(locked))
    if not enrolments:
        return []
    codes = _unique_codes(len(enrolments))
    certificates = [
        _snapshot(enrolment, code=code, actor=actor)
        for enrolment, code in zip(enrolments, codes, strict=True)
    ]
    return bulk_create_with_history(certificates, Certificate, default_user=actor)
