"""Writes of the IT systems register and of each system's milestones.

Rules, every problem of a form reported at once:
- a system in operation or obsolete has a date it went into operation, no earlier than the project's start;
- a milestone is dated between the project's start and today, with progress from 0 to 100 %;
- progress going backwards from the milestone before it needs a note saying why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import require
from dancoso.core.audit import assign, audited_delete, audited_save
from digital.models import Milestone, System, SystemStatus

SYSTEM_FIELDS = (
    "name",
    "agency",
    "kind",
    "status",
    "description",
    "started_on",
    "launched_on",
    "for_staff",
    "for_citizens",
    "for_businesses",
    "url",
    "operator",
    "contract_end",
)
MILESTONE_FIELDS = ("reached_on", "title", "progress", "note")
RUNNING = (SystemStatus.STABLE, SystemStatus.OBSOLETE)


def _system_problems(system: System) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if system.status in RUNNING and not system.launched_on:
        problems["launched_on"] = [_("Give the date the system went into operation.")]
    if system.launched_on and system.started_on and system.launched_on < system.started_on:
        problems["launched_on"] = [_("A system cannot go into operation before its project started.")]
    first = (
        system.pk and system.milestones.order_by("reached_on").values_list("reached_on", flat=True).first()
    )
    if first and system.started_on and first < system.started_on:
        message = _("A milestone is dated %(day)s: the project cannot start after it.")
        problems.setdefault("started_on", []).append(message % {"day": f"{first:%d/%m/%Y}"})
    return problems


@transaction.atomic
def system_save(
    *,
    actor: Any,
    system: System | None = None,
    purposes: Iterable[Any] = (),
    platforms: Iterable[Any] = (),
    **fields: Any,
) -> System:
    system = system or System(created_by=actor)
    assign(system, fields, SYSTEM_FIELDS)
    require(actor, system)
    problems = _system_problems(system)
    if not list(purposes):
        problems["purposes"] = [_("Say what the system is for.")]
    if problems:
        raise ValidationError(problems)
    audited_save(system, actor=actor)
    system.purposes.set(purposes)
    system.platforms.set(platforms)
    return system


def _previous(milestone: Milestone) -> Milestone | None:
    """The milestone just before this one on the system's timeline."""
    earlier = milestone.system.milestones.exclude(pk=milestone.pk).filter(
        reached_on__lte=milestone.reached_on
    )
    return earlier.order_by("-reached_on", "-pk").first()


@transaction.atomic
def milestone_save(
    *, actor: Any, system: System, milestone: Milestone | None = None, **fields: Any
) -> Milestone:
    milestone = milestone or Milestone(system=system, created_by=actor)
    assign(milestone, fields, MILESTONE_FIELDS)
    require(actor, milestone)
    problems: dict[str, list[str]] = {}
    day = milestone.reached_on
    if day and day < system.started_on:
        message = _("A milestone cannot precede the project's start (%(day)s).")
        problems["reached_on"] = [message % {"day": f"{system.started_on:%d/%m/%Y}"}]
    if day and day > timezone.localdate():
        problems["reached_on"] = [_("A milestone is recorded once it is reached, not in the future.")]
    if milestone.progress is not None and milestone.progress > 100:
        problems["progress"] = [_("Progress goes from 0 to 100 %.")]
    before = _previous(milestone) if day else None
    going_back = (
        before is not None and milestone.progress is not None and milestone.progress < before.progress
    )
    if going_back and not milestone.note.strip():
        message = _("Progress goes back from %(before)s %% to %(now)s %%: say why in the note.")
        problems["note"] = [message % {"before": before.progress, "now": milestone.progress}]
    if problems:
        raise ValidationError(problems)
    return audited_save(milestone, actor=actor)


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor: Any) -> None:
    require(actor, milestone)
    audited_delete(milestone, actor=actor)
