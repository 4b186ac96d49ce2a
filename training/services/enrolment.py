"""Nomination (cử đi học) and enrolment: agencies nominate officials, Home Affairs confirms or declines."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dancoso.accounts import access
from dancoso.agencies.models import Person
from dancoso.core.audit import audited_save
from training.models import (
    ELIGIBILITY_FLAGS,
    SEAT_STATUSES,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    TargetGroup,
    TrainingClass,
)


def target_group_for(training_class: TrainingClass, person: Person) -> TargetGroup | None:
    """The first of the class's target groups the person belongs to, or ``None`` if not eligible."""
    for group in training_class.target_groups:
        flag = ELIGIBILITY_FLAGS.get(group)
        if flag is None or getattr(person, flag):
            return group
    return None


def nomination_problem(
    *, training_class: TrainingClass, person: Person, enrolled_ids: Collection[int]
) -> str | None:
    """Why this person cannot be nominated to the class, or ``None`` when they can."""
    if not person.is_active:
        return _("%(name)s has left the agency.") % {"name": person.full_name}
    if person.pk in enrolled_ids:
        return _("%(name)s is already on the roster of this class.") % {"name": person.full_name}
    if target_group_for(training_class, person) is None:
        return _("%(name)s is not in the class's target groups (%(groups)s).") % {
            "name": person.full_name,
            "groups": ", ".join(str(group.label) for group in training_class.target_groups),
        }
    return None


def may_nominate(actor: Any, person: Person) -> bool:
    """Nominating writes an enrolment for the person's agency."""
    return access.allows(actor, Enrolment(agency_id=person.agency_id), "write")


def _lock_class(training_class: TrainingClass) -> TrainingClass:
    """Lock the class row so two nominations at once cannot both take the last seat."""
    return TrainingClass.objects.select_for_update().get(pk=training_class.pk)


def _seats_left(training_class: TrainingClass) -> int:
    taken = training_class.enrolments.filter(status__in=SEAT_STATUSES).count()
    return training_class.capacity - taken


def _check_nomination_allowed(training_class: TrainingClass, people: Sequence[Person], actor: Any) -> None:
    if training_class.status == ClassStatus.CANCELLED:
        raise ValidationError(_("The class has been cancelled."))
    if training_class.status != ClassStatus.OPEN and not access.is_province_admin(actor):
        raise ValidationError(_("The class is not open for nomination."))
    if not people:
        raise ValidationError(_("Choose at least one person."))
    foreign = [person.full_name for person in people if not may_nominate(actor, person)]
    if foreign:
        raise ValidationError(
            _("You may nominate only officials of your own agency: %(names)s.")
            % {"names": ", ".join(foreign)}
        )


@transaction.atomic
def enrolment_nominate(
    *, training_class: TrainingClass, people: Sequence[Person], actor: Any, confirm: bool = False
) -> list[Enrolment]:
    """Nominate people to a class, all or none.

    Steps: lock the class; refuse a cancelled class, a class not open (except for Home Affairs), people of
    another agency, ineligible or already enrolled people, and more people than seats left; create the
    enrolments (confirmed at once when Home Affairs asks for it) with history.
    """
    training_class = _lock_class(training_class)
    _check_nomination_allowed(training_class, people, actor)
    enrolled_ids = set(
        training_class.enrolments.filter(status__in=SEAT_STATUSES).values_list("person_id", flat=True)
    )
    problems = [
        problem
        for person in people
        if (
            problem := nomination_problem(
                training_class=training_class, person=person, enrolled_ids=enrolled_ids
            )
        )
    ]
    if len({person.pk for person in people}) != len(people):
        problems.append(_("The same person is listed twice."))
    if problems:
        raise ValidationError(problems)
    seats = _seats_left(training_class)
    if len(people) > seats:
        raise ValidationError(
            ngettext(
                "The class has %(seats)s seat left; %(count)s people were nominated.",
                "The class has %(seats)s seats left; %(count)s people were nominated.",
                seats,
            )
            % {"seats": max(seats, 0), "count": len(people)}
        )
    status = (
        EnrolmentStatus.CONFIRMED
        if confirm and access.is_province_admin(actor)
        else EnrolmentStatus.NOMINATED
    )
    return _enrol(training_class, people, status=status, actor=actor)


def _enrol(
    training_class: TrainingClass, people: Sequence[Person], *, status: str, actor: Any
) -> list[Enrolment]:
    """Create the enrolments; someone declined or withdrawn earlier gets their old row back."""
    earlier = {
        enrolment.person_id: enrolment
        for enrolment in training_class.enrolments.filter(person__in=people).exclude(status__in=SEAT_STATUSES)
    }
    decided_at = timezone.now() if status == EnrolmentStatus.CONFIRMED else None
    fresh, reopened = [], []
    for person in people:
        enrolment = earlier.get(person.pk) or Enrolment(training_class=training_class, person=person)
        enrolment.agency_id = person.agency_id
        enrolment.target_group = target_group_for(training_class, person)
        enrolment.status, enrolment.decline_reason = status, ""
        enrolment.nominated_by, enrolment.decided_at = actor, decided_at
        enrolment.full_clean(validate_unique=False, validate_constraints=False)
        (reopened if enrolment.pk else fresh).append(enrolment)
    fields = ["agency", "target_group", "status", "decline_reason", "nominated_by", "decided_at"]
    bulk_update_with_history(reopened, Enrolment, fields, default_user=actor)
    return [*bulk_create_with_history(fresh, Enrolment, default_user=actor), *reopened]


@transaction.atomic
def enrolment_decide(*, enrolment: Enrolment, confirm: bool, reason: str = "", actor: Any) -> Enrolment:
    """Home Affairs confirms a nomination, or declines it with a reason; a confirmation needs a free seat."""
    if not access.allows(actor, enrolment, "decide"):
        raise ValidationError(_("Only the Department of Home Affairs decides on nominations."))
    training_class = _lock_class(enrolment.training_class)
    if training_class.status == ClassStatus.CANCELLED:
        raise ValidationError(_("The class has been cancelled."))
    if confirm:
        if enrolment.status not in SEAT_STATUSES and _seats_left(training_class) < 1:
            raise ValidationError(_("The class is full."))
        enrolment.status, enrolment.decline_reason = EnrolmentStatus.CONFIRMED, ""
    else:
        if not reason.strip():
            raise ValidationError({"decline_reason": _("Give the reason for declining.")})
        if enrolment.attendances.exists():
            raise ValidationError(
                _("Attendance has been recorded for this trainee; the nomination can no longer be declined.")
            )
        enrolment.status, enrolment.decline_reason = EnrolmentStatus.DECLINED, reason.strip()
    enrolment.decided_at = timezone.now()
    return audited_save(enrolment, actor=actor)


@transaction.atomic
def enrolments_confirm_all(*, training_class: TrainingClass, actor: Any) -> int:
    """Confirm every pending nomination of a class in one go (they already hold seats)."""
    if not access.allows(actor, Enrolment(training_class=training_class), "decide"):
        raise ValidationError(_("Only the Department of Home Affairs decides on nominations."))
    training_class = _lock_class(training_class)
    pending = list(training_class.enrolments.filter(status=EnrolmentStatus.NOMINATED))
    now = timezone.now()
    for enrolment in pending:
        enrolment.status, enrolment.decided_at = EnrolmentStatus.CONFIRMED, now
    bulk_update_with_history(pending, Enrolment, ["status", "decided_at"], default_user=actor)
    return len(pending)


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor: Any) -> Enrolment:
    """The nominating agency (or Home Affairs) withdraws a trainee before attendance is recorded."""
    if not access.allows(actor, enrolment, "write"):
        raise ValidationError(_("You may withdraw only your own agency's nominations."))
    if enrolment.attendances.exists():
        raise ValidationError(
            _("Attendance has been recorded for this trainee; the enrolment cannot be withdrawn.")
        )
    if enrolment.status not in SEAT_STATUSES:
        raise ValidationError(_("Only a pending or confirmed enrolment can be withdrawn."))
    enrolment.status = EnrolmentStatus.WITHDRAWN
    return audited_save(enrolment, actor=actor)
