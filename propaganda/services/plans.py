"""Writes of the yearly dissemination plans (chương trình, kế hoạch PBGDPL) and their activities.

A plan moves draft → approved → done:
- approved needs its approving document (number and date) and at least one planned activity;
- done needs every activity held (date and participants recorded);
- either step may be taken back while the year's work is corrected.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import allows
from dancoso.core.audit import assign, audited_save
from dancoso.core.uploads import DOCUMENTS, EVIDENCE
from propaganda.models import DisseminationPlan, PlanActivity, PlanStatus

PLAN_FIELDS = (
    "agency",
    "year",
    "title",
    "topics",
    "decision_number",
    "decision_date",
    "decision_file",
    "notes",
)
ACTIVITY_FIELDS = ("form", "title", "planned_date", "audience", "planned_audience")
RESULT_FIELDS = ("held_on", "participants", "result", "evidence")


def _require_write(actor: Any, row: Any) -> None:
    if not allows(actor, row, "write"):
        raise PermissionDenied(_("You may not change this plan."))


@transaction.atomic
def plan_save(*, actor: Any, plan: DisseminationPlan | None = None, **fields: Any) -> DisseminationPlan:
    """Create or change a plan; a new file of the approving document is checked before it is kept."""
    plan = plan or DisseminationPlan(created_by=actor)
    upload = fields.get("decision_file")
    if upload and not getattr(upload, "_committed", False):
        DOCUMENTS.check(upload)
    assign(plan, fields, PLAN_FIELDS)
    _require_write(actor, plan)
    twins = DisseminationPlan.objects.filter(agency_id=plan.agency_id, year=plan.year).exclude(pk=plan.pk)
    if twins.exists():
        message = _("%(agency)s already has a dissemination plan for %(year)s.")
        raise ValidationError(message % {"agency": plan.agency, "year": plan.year})
    return audited_save(plan, actor=actor)


@transaction.atomic
def plan_status_set(*, plan: DisseminationPlan, status: str, actor: Any) -> DisseminationPlan:
    """Approve a plan, mark it done, or take it back a step; each step checks what it needs."""
    _require_write(actor, plan)
    if status not in PlanStatus.values:
        raise ValidationError(_("Unknown status."))
    activities = list(plan.activities.all())
    if status != PlanStatus.DRAFT and not (plan.decision_number and plan.decision_date):
        raise ValidationError(_("Record the number and date of the approving document first."))
    if status != PlanStatus.DRAFT and not activities:
        raise ValidationError(_("Plan at least one activity first."))
    pending = [activity for activity in activities if not activity.is_done]
    if status == PlanStatus.DONE and pending:
        message = _("%(count)s activities have not been recorded as held yet.")
        raise ValidationError(message % {"count": len(pending)})
    plan.status = status
    return audited_save(plan, actor=actor)


@transaction.atomic
def activity_save(
    *, actor: Any, plan: DisseminationPlan, activity: PlanActivity | None = None, **fields: Any
) -> PlanActivity:
    """Plan an activity, or change one; its planned date falls in the plan's year."""
    activity = activity or PlanActivity(plan=plan)
    assign(activity, fields, ACTIVITY_FIELDS)
    _require_write(actor, activity)
    if activity.planned_date and activity.planned_date.year != plan.year:
        message = _("The planned date must fall in %(year)s, the plan's year.")
        raise ValidationError({"planned_date": message % {"year": plan.year}})
    return audited_save(activity, actor=actor)


@transaction.atomic
def activity_record(*, actor: Any, activity: PlanActivity, **fields: Any) -> PlanActivity:
    """Record what was done: the day it was held (not in the future), participants and evidence."""
    _require_write(actor, activity)
    upload = fields.get("evidence")
    if upload and not getattr(upload, "_committed", False):
        EVIDENCE.check(upload)
    assign(activity, fields, RESULT_FIELDS)
    if activity.held_on and activity.held_on > timezone.localdate():
        raise ValidationError({"held_on": _("An activity cannot be recorded as held on a future day.")})
    if activity.held_on and activity.participants is None:
        raise ValidationError({"participants": _("Enter how many people took part.")})
    return audited_save(activity, actor=actor)
