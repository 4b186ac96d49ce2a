"""Audited writes: every service saves through here so history records who changed what."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def audited_save(instance: M, *, actor: Any) -> M:
    """Validate a row, name the acting user for django-simple-history, and save it."""
    instance.full_clean()
    instance._history_user = actor
    instance.save()
    return instance
