"""Writes to user accounts: Home Affairs creates accounts, sets roles and agencies, resets passwords."""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from dancoso.accounts.models import User
from dancoso.agencies.models import Agency
from dancoso.core.audit import assign, audited_save

# What Home Affairs changes on an account, in the form's order; the username never changes.
USER_FIELDS = ("full_name", "email", "role", "agency", "is_active")


@transaction.atomic
def user_create(
    *,
    username: str,
    full_name: str,
    email: str,
    role: str,
    agency: Agency | None,
    password: str,
    actor: Any,
) -> User:
    user = User(username=username, full_name=full_name, email=email, role=role, agency=agency)
    validate_password(password, user)
    user.set_password(password)
    return audited_save(user, actor=actor)


@transaction.atomic
def user_update(*, user: User, actor: Any, **changes: Any) -> User:
    assign(user, changes, USER_FIELDS)
    return audited_save(user, actor=actor)


@transaction.atomic
def user_set_password(*, user: User, password: str, actor: Any) -> User:
    """Home Affairs sets a new password, for example after a lockout; it is never shown again."""
    validate_password(password, user)
    user.set_password(password)
    return audited_save(user, actor=actor)


def user_unlock(*, user: User, actor: Any) -> int:
    """Clear the failed-login lockouts of an account (django-axes); returns how many were cleared."""
    return axes_reset(username=user.username)
