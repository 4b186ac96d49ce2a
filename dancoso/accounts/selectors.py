"""Reads of user accounts (Home Affairs only: the views check the role)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from dancoso.accounts.models import User

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


def user_list(*, filters: Mapping[str, Any]) -> QuerySet[User]:
    users = User.objects.select_related("agency")
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
    return users.order_by(*USER_SORTS.get(filters.get("sort") or "", USER_SORTS["username"]))
