"""Reads of user accounts: Home Affairs alone reads them (``User.reach``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from dancoso.accounts import access
from dancoso.accounts.models import User
from dancoso.core.lists import sorted_by

USER_SORTS: dict[str, tuple[str, ...]] = {
    "username": ("username",),
    "-username": ("-username",),
    "name": ("full_name", "username"),
    "-name": ("-full_name", "username"),
    "role": ("role", "username"),
    "-role": ("-role", "username"),
    "agency": ("agency__display_order", "agency__name", "username"),
    "-agency": ("-agency__display_order", "-agency__name", "username"),
}


def get_account_for_user(user: Any, pk: Any) -> User:
    return access.get_for_user(User.objects.select_related("agency"), user, pk=pk)


def user_list(*, user: Any, filters: Mapping[str, Any]) -> QuerySet[User]:
    users = access.scope(User.objects.select_related("agency"), user)
    if filters.get("q"):
        query = filters["q"]
        users = users.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(email__icontains=query)
        )
    if filters.get("role"):
        users = users.filter(role=filters["role"])
    if filters.get("agency"):
        users = users.filter(agency=filters["agency"])
    if filters.get("status") in ("active", "inactive"):
        users = users.filter(is_active=filters["status"] == "active")
    return sorted_by(users, USER_SORTS, filters.get("sort"))
