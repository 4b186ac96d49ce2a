"""Enrolling a class roster from an Excel file (nhập danh sách học viên từ Excel)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import ngettext

from dancoso.accounts import access
from dancoso.agencies.imports import PersonRow
from dancoso.agencies.models import Agency, Person
from training.imports import Register, match_rows
from training.models import SEAT_STATUSES, Enrolment, TrainingClass
from training.services.enrolment import enrolment_nominate, nomination_problem


def _register_for(rows: Sequence[PersonRow]) -> Register:
    """Every agency (codes are matched in Python, case-insensitively) and the active people of those named."""
    agencies = list(Agency.objects.all())
    codes = {row.agency_code for row in rows}
    named = [agency for agency in agencies if agency.code.upper() in codes]
    people = Person.objects.filter(agency__in=named, is_active=True)
    return Register.of(agencies, people)


def _capacity_problem(training_class: TrainingClass, enrolled: int, count: int) -> str | None:
    seats = max(training_class.capacity - enrolled, 0)
    if count <= seats:
        return None
    return ngettext(
        "The class has %(seats)s seat left but the file lists %(count)s people.",
        "The class has %(seats)s seats left but the file lists %(count)s people.",
        seats,
    ) % {"seats": seats, "count": count}


@transaction.atomic
def enrolments_import(
    *, training_class: TrainingClass, rows: Sequence[PersonRow], actor: Any
) -> list[Enrolment]:
    """Enrol every person the file names, or none.

    Steps: load the agencies and the active people the file names; match each row to exactly one person
    (agency code, then name, then position among namesakes); collect every row's problem (unknown agency,
    nobody or several of that name, another agency's person for agency staff, not eligible, already
    enrolled, listed twice) and the capacity over the whole file; refuse the file if anything is wrong;
    otherwise nominate them all through ``enrolment_nominate``, confirmed at once when Home Affairs imports.
    """
    enrolled_ids = set(
        training_class.enrolments.filter(status__in=SEAT_STATUSES).values_list("person_id", flat=True)
    )
    match = match_rows(
        rows,
        register=_register_for(rows),
        may_enrol=lambda agency: access.allows(actor, Enrolment(agency=agency), "write"),
        problem=lambda person: nomination_problem(
            training_class=training_class, person=person, enrolled_ids=enrolled_ids
        ),
    )
    messages = [str(error) for error in match.errors]
    capacity = _capacity_problem(training_class, len(enrolled_ids), len(rows))
    if capacity:
        messages.append(capacity)
    if messages:
        raise ValidationError(messages)
    return enrolment_nominate(
        training_class=training_class,
        people=match.people,
        actor=actor,
        confirm=access.is_province_admin(actor),
    )
