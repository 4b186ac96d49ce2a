"""Who may read or change what: the one place that decides, for every app.

Roles (``Role``):
- Home Affairs (``province_admin``) and superusers read and change everything;
- provincial leaders read every record and change none;
- the People's Council reads the dashboard and the submitted reports, not the registers;
- agency staff read and change the records of their own agency.

A model takes part by declaring how its rows reach the agencies that own them, as a class attribute::

    class Enrolment(models.Model):
        reach = Reach(read=("agency", "training_class__organiser"), write=("agency",))

Each entry is a lookup path from the model to an agency (``"pk"`` on ``Agency`` itself). ``read=ALL`` is a
shared register (every reader of the registers reads every row); ``write=HOME_AFFAIRS`` means that only
Home Affairs changes rows. Named actions beyond read and write (``run=("organiser",)``: the organising
agency's staff run a class) are declared the same way. A path may hold only under a condition on the row,
``Where("agency", training_class__attendance_by="agencies")``: the trainee's own agency marks attendance
where the class lets each agency mark its own trainees.

Rows may also be released beyond their agencies once they reach a state: ``release=Release(can_read_any,
evaluation__status="locked")`` lets every reader that ``can_read_any`` admits read a locked evaluation's
scorecards, which before the lock only their own agency reads.

Selectors start from ``scope(queryset, user)``; access helpers find and authorise in one call with
``get_for_user``, which answers 404 alike for "missing" and "not yours"; pages ask ``allows`` before
showing a button. Nothing else in the project checks a role or compares agencies.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import reduce, wraps
from operator import or_
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from dancoso.accounts.roles import Role

M = TypeVar("M", bound=Model)


@dataclass(frozen=True, init=False)
class Where:
    """A path to an agency that holds only for rows meeting a condition (lookups on the row's fields)."""

    path: str
    condition: tuple[tuple[str, Any], ...]

    def __init__(self, path: str, **condition: Any) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "condition", tuple(sorted(condition.items())))


Paths = tuple[str | Where, ...] | None


@dataclass(frozen=True, init=False)
class Release:
    """Rows meeting a condition (lookups on the row's fields) that ``readers`` read, whatever their agency."""

    readers: Callable[[Any], bool]
    condition: tuple[tuple[str, Any], ...]

    def __init__(self, readers: Callable[[Any], bool], **condition: Any) -> None:
        object.__setattr__(self, "readers", readers)
        object.__setattr__(self, "condition", tuple(sorted(condition.items())))

    def admits(self, user: Any, action: str) -> bool:
        return action == "read" and self.readers(user)

    def holds_for(self, row: Model) -> bool:
        return all(_value(row, lookup) == value for lookup, value in self.condition)


READ_ALL_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.LEADER})
RECORD_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.LEADER, Role.AGENCY_STAFF})
REPORT_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.LEADER, Role.COUNCIL})

# Declarations of ``Reach``: every reader of the registers reads every row / only Home Affairs acts.
ALL: Paths = None
HOME_AFFAIRS: Paths = ()


# Roles.


def is_province_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.PROVINCE_ADMIN))


def is_agency_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.AGENCY_STAFF and user.agency_id)


def can_read_all(user: Any) -> bool:
    """Home Affairs and provincial leaders read every agency's records."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in READ_ALL_ROLES))


def can_read_records(user: Any) -> bool:
    """Registers (agencies, people, measure records) are open to everyone but the council viewers."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in RECORD_ROLES))


def can_read_reports(user: Any) -> bool:
    """The yearly report goes to provincial leaders and the People's Council; Home Affairs writes it."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in REPORT_ROLES))


def can_read_any(user: Any) -> bool:
    """Every signed-in role: staff, leaders, Home Affairs and the People's Council."""
    return can_read_records(user) or can_read_reports(user)


def can_write_records(user: Any) -> bool:
    """Home Affairs and agency staff record things (for every agency, or for their own); leaders only read."""
    return is_province_admin(user) or is_agency_staff(user)


# Rows: how a model reaches its agencies.


@dataclass(frozen=True)
class Reach:
    """How rows of a model reach the agencies whose staff may read them, change them or act on them."""

    read: Paths = ALL
    write: Paths = HOME_AFFAIRS
    # Who may read rows of this model at all, before any agency is compared.
    readers: Callable[[Any], bool] = can_read_records
    actions: Mapping[str, Paths] = field(default_factory=dict)
    # Rows published beyond their agencies once they meet a condition (a locked evaluation's results).
    release: Release | None = None

    def paths(self, action: str) -> Paths:
        if action == "read":
            return self.read
        if action == "write":
            return self.write
        return self.actions[action]


def reach_of(model: type[Model]) -> Reach:
    reach = getattr(model, "reach", None)
    if not isinstance(reach, Reach):
        raise TypeError(f"{model._meta.label} declares no `reach = Reach(...)`, so it cannot be scoped")
    return reach


def _sees_everything(user: Any, reach: Reach, action: str) -> bool:
    """Home Affairs acts on everything; for reading, so do leaders, and everyone on a shared register."""
    if is_province_admin(user):
        return True
    return action == "read" and (can_read_all(user) or reach.read is ALL)


def scope(queryset: QuerySet[M], user: Any, *, action: str = "read") -> QuerySet[M]:
    """Narrow a queryset to the rows the user may read (or change, or act on with a named action)."""
    reach = reach_of(queryset.model)
    released = reach.release is not None and reach.release.admits(user, action)
    conditions = [Q(**dict(reach.release.condition))] if released else []
    if reach.readers(user):
        if _sees_everything(user, reach, action):
            return queryset
        paths = reach.paths(action)
        if paths and is_agency_staff(user):
            conditions += [_lookup(path, user.agency_id) for path in paths]
    return queryset.filter(reduce(or_, conditions)) if conditions else queryset.none()


def _lookup(path: str | Where, agency_id: Any) -> Q:
    if isinstance(path, Where):
        return Q(**{path.path: agency_id}, **dict(path.condition))
    return Q(**{path: agency_id})


def get_for_user(queryset: QuerySet[M], user: Any, *, action: str = "read", **lookup: Any) -> M:
    """Find a row and authorise it in one call: 404 alike for "missing" and "not yours"."""
    return get_or_404(scope(queryset, user, action=action), **lookup)


def allows(user: Any, row: Model, action: str = "read") -> bool:
    """Whether the user may do ``action`` on a row already loaded, or on one about to be created.

    The paths are followed on the objects in memory, so load the rows they pass through
    (``select_related``) to keep this free of queries.
    """
    reach = reach_of(type(row))
    if reach.release is not None and reach.release.admits(user, action) and reach.release.holds_for(row):
        return True
    if not reach.readers(user):
        return False
    if _sees_everything(user, reach, action):
        return True
    paths = reach.paths(action)
    return bool(paths) and is_agency_staff(user) and user.agency_id in {_agency_id(row, p) for p in paths}


def require(user: Any, row: Model, action: str = "write") -> None:
    """Refuse what the user may not do to a row (loaded, or about to be created): services call it first."""
    if not allows(user, row, action):
        raise PermissionDenied(_("You may not do this to this record."))


def _agency_id(row: Model | None, path: str | Where) -> Any:
    """The key of the agency a path leads to from a row, or ``None`` where it breaks off or does not hold."""
    if isinstance(path, Where):
        if any(_value(row, lookup) != value for lookup, value in path.condition):
            return None
        path = path.path
    return _value(row, path)


def _value(row: Model | None, path: str) -> Any:
    """The value a lookup path (``training_class__organiser``) leads to from a row, followed in memory."""
    *hops, last = path.split("__")
    for hop in hops:
        row = getattr(row, hop, None)
        if row is None:
            return None
    if last == "pk":
        return row.pk
    return getattr(row, row._meta.get_field(last).attname)


def own_agencies(queryset: QuerySet[M], user: Any) -> QuerySet[M]:
    """Agencies whose own records (people, figures) the user reads: all of them, or the staff's own."""
    if can_read_all(user):
        return queryset
    return queryset.filter(pk=user.agency_id) if is_agency_staff(user) else queryset.none()


def figures_agency(user: Any) -> Any:
    """The agency whose figures the dashboard shows the user, or ``None`` for the whole province.

    Home Affairs, leaders and the People's Council oversee the province; agency staff see their agency.
    """
    if is_agency_staff(user) and not can_read_all(user):
        return user.agency
    return None


def get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one row matching ``lookup``; 404 for none, and for a malformed key typed into an address."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# Pages.


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
record_writers_required = user_passes(can_write_records)
reports_required = user_passes(can_read_reports)
