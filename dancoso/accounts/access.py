"""Access helpers: one place that decides who may read or change what.

A later app gets agency scoping by calling ``scope_to_user`` in its selectors and
``get_for_user`` in its access helpers; "missing" and "not yours" both answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from dancoso.accounts.models import Role

M = TypeVar("M", bound=Model)

READ_ALL_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.LEADER})
RECORD_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.LEADER, Role.AGENCY_STAFF})
REPORT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.LEADER, Role.COUNCIL})


def is_province_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.PROVINCE_ADMIN))


def can_read_all(user: Any) -> bool:
    """Home Affairs and provincial leaders read every agency's records."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in READ_ALL_ROLES))


def can_read_records(user: Any) -> bool:
    """Registers (agencies, people, measure records) are open to everyone but the council viewers."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in RECORD_ROLES))


def can_read_reports(user: Any) -> bool:
    """The yearly report goes to provincial leaders and the People's Council; Home Affairs writes it."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in REPORT_ROLES))


def can_write_agency(user: Any, agency_id: int | None) -> bool:
    """Home Affairs changes every agency's records; agency staff only their own agency's."""
    if is_province_admin(user):
        return True
    return bool(
        user.is_authenticated and user.role == Role.AGENCY_STAFF and agency_id and agency_id == user.agency_id
    )


def scope_to_user(
    queryset: QuerySet[M], user: Any, *, agency_field: str = "agency", write: bool = False
) -> QuerySet[M]:
    """Narrow a queryset to the rows the user may read (or, with ``write``, change)."""
    if is_province_admin(user) or (not write and can_read_all(user)):
        return queryset
    if user.is_authenticated and user.role == Role.AGENCY_STAFF and user.agency_id:
        return queryset.filter(**{agency_field: user.agency_id})
    return queryset.none()


def get_for_user(
    queryset: QuerySet[M], user: Any, pk: Any, *, write: bool = False, agency_field: str = "agency"
) -> M:
    """Find a row and authorise it in one call: 404 alike for "missing" and "not yours"."""
    return get_or_404(scope_to_user(queryset, user, agency_field=agency_field, write=write), pk=pk)


def get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one row matching ``lookup``; 404 for none, and for a malformed key typed into an address."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def user_passes(check: Callable[[Any], bool]) -> Callable:
    """Decorator: anonymous visitors go to the login page; a signed-in user who fails the check gets 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


province_admin_required = user_passes(is_province_admin)
records_required = user_passes(can_read_records)
