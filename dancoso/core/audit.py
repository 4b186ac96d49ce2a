"""Audited writes: every service saves through here so history records who changed what."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db.models import Model
from simple_history.utils import get_history_manager_for_model

M = TypeVar("M", bound=Model)


# django-simple-history keeps a change's reason in 100 characters; the full text of a reason a user typed
# stays on the row itself (a return reason, an override …), whose change the history shows in full.
REASON_LENGTH = 100


def short_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"


def audited_save(instance: M, *, actor: Any, reason: str = "") -> M:
    """Validate a row, name the acting user (and why, where a rule was set aside) in its history, save it."""
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = short_reason(reason)
    instance.save()
    return instance


def audited_delete(instance: Model, *, actor: Any) -> None:
    """Delete a row; its history keeps a last record naming who deleted it."""
    instance._history_user = actor
    instance.delete()


def record_history(instances: Iterable[M], *, actor: Any, reason: str = "") -> list[M]:
    """Write the current state of rows changed by a conditional ``UPDATE`` to their history.

    A job is claimed or moved on with ``filter(status=…).update(…)`` so that two workers or two clicks
    cannot both win; that update bypasses ``save()`` and so records no history. The winner calls this
    afterwards with the person who caused the change (``None`` for the background worker itself).
    """
    rows = list(instances)
    for row in rows:
        row.refresh_from_db()
    if rows:
        manager = get_history_manager_for_model(type(rows[0]))
        manager.bulk_history_create(
            rows, update=True, default_user=actor, default_change_reason=short_reason(reason)
        )
    return rows


def assign(instance: Model, changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Set the fields a service lets its callers change; any other field name is a programming error."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"{type(instance).__name__} fields that cannot be changed here: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(instance, name, value)
