"""Writes of the violations register: a violation is found, then handled (a form of handling and its date,
with the decision's number where there is one). A handled violation bars commendation in its year."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import require
from dancoso.core.audit import assign, audited_save
from dancoso.core.rules import problems_or_none
from emulation.models import Violation, ViolationStatus

VIOLATION_FIELDS = (
    "agency",
    "person",
    "found_on",
    "category",
    "detection",
    "description",
    "handling",
    "decision_number",
    "decision_date",
    "status",
    "note",
)


def _problems(violation: Violation) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    person = violation.person
    if person is not None and violation.agency_id and person.agency_id != violation.agency_id:
        message = _("%(person)s is not on the staff of %(agency)s.")
        problems["person"] = [message % {"person": person, "agency": violation.agency}]
    if violation.found_on and violation.found_on > timezone.localdate():
        problems["found_on"] = [_("A violation cannot be found in the future.")]
    if violation.status == ViolationStatus.HANDLED:
        if violation.handling is None:
            problems["handling"] = [_("Say how the violation was handled.")]
        if violation.decision_date is None:
            problems["decision_date"] = [_("Give the date it was handled.")]
    day, found = violation.decision_date, violation.found_on
    if day and found and day < found:
        problems.setdefault("decision_date", []).append(_("It cannot be handled before it was found."))
    return problems


@transaction.atomic
def violation_save(*, actor: Any, violation: Violation | None = None, **fields: Any) -> Violation:
    violation = violation or Violation(created_by=actor)
    assign(violation, fields, VIOLATION_FIELDS)
    require(actor, violation)
    problems_or_none(_problems(violation))
    return audited_save(violation, actor=actor)
