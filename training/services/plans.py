"""Yearly training plans (kế hoạch bồi dưỡng hằng năm)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from dancoso.core.audit import assign, audited_save
from training.models import TrainingPlan

# What a plan records besides its year, in the form's order.
PLAN_FIELDS = ("decision_number", "decision_date", "notes")


@transaction.atomic
def plan_create(
    *, year: int, decision_number: str = "", decision_date: date | None = None, notes: str = "", actor: Any
) -> TrainingPlan:
    plan = TrainingPlan(year=year, decision_number=decision_number, decision_date=decision_date, notes=notes)
    return audited_save(plan, actor=actor)


@transaction.atomic
def plan_update(*, plan: TrainingPlan, actor: Any, **changes: Any) -> TrainingPlan:
    """Record the approving decision or notes; the year never changes (URLs and classes hang on it)."""
    assign(plan, changes, PLAN_FIELDS)
    return audited_save(plan, actor=actor)
