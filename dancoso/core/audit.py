"""Audited writes: every service saves through here so history records who changed what."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def audited_save(instance: M, *, actor: Any) -> M:
    """Validate a row, name the acting user for django-simple-history, and save it."""
    instance.full_clean()
    instance._history_user = actor
    instance.save()
    return instance


def assign(instance: Model, changes: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """Set the fields a service lets its callers change; any other field name is a programming error."""
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"{type(instance).__name__} fields that cannot be changed here: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(instance, name, value)
