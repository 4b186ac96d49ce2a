"""Writes to the province, agency and people registers.

Every write validates the row, runs in a transaction and leaves a history record naming the acting user.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dancoso.accounts import access
from dancoso.accounts.models import User
from dancoso.agencies.imports import PersonRow, check_rows, name_key
from dancoso.agencies.models import Agency, Person, Province
from dancoso.core.audit import assign, audited_save
from dancoso.core.imports import model_errors

AGENCIES_CSV = Path(__file__).resolve().parent / "data" / "bac_giang_agencies_2024.csv"
# A row of that file whose note contains this marker (written at the start, e.g. "CẦN XÁC MINH (nguồn): ...")
# is loaded as needing verification.
VERIFY_MARKER = "CẦN XÁC MINH"
# The fields each write may change, in the order the forms show them (the forms take their lists from here).
PROVINCE_FIELDS = ("name", "resolution_number", "resolution_date")
# The code is left out on purpose: imports and the CSV loader find agencies by it, so it never changes.
AGENCY_FIELDS = (
    "name",
    "short_name",
    "kind",
    "parent",
    "display_order",
    "needs_verification",
    "source",
    "note",
)
PERSON_FIELDS = (
    "full_name",
    "agency",
    "position",
    "email",
    "phone",
    "is_democracy_officer",
    "is_steering_member",
    "is_inspection_member",
    "inspection_term_start",
    "inspection_term_end",
    "is_active",
)
# Leaves room between the loaded agencies for ones an administrator inserts later.
DISPLAY_ORDER_STEP = 10


def province_ensure(*, name: str = "Bắc Giang", actor: Any = None) -> Province:
    """The province row, created with ``name`` when the database has none (an existing one is kept as is)."""
    province = Province.current()
    if province is not None:
        return province
    with transaction.atomic():
        return audited_save(Province(name=name), actor=actor)


@transaction.atomic
def province_update(*, province: Province, actor: Any, **changes: Any) -> Province:
    """Rename the province or record its resolution; the old values stay in the history."""
    assign(province, changes, PROVINCE_FIELDS)
    return audited_save(province, actor=actor)


@transaction.atomic
def agency_create(
    *,
    code: str,
    name: str,
    short_name: str,
    kind: str = Agency.Kind.DEPARTMENT,
    parent: Agency | None = None,
    display_order: int = 100,
    source: str = "",
    note: str = "",
    needs_verification: bool = False,
    actor: Any,
) -> Agency:
    agency = Agency(
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        display_order=display_order,
        source=source,
        note=note,
        needs_verification=needs_verification,
    )
    return audited_save(agency, actor=actor)


@transaction.atomic
def agency_update(*, agency: Agency, actor: Any, **changes: Any) -> Agency:
    """Rename an agency or change its place in the tree; only the fields in ``AGENCY_FIELDS``."""
    assign(agency, changes, AGENCY_FIELDS)
    return audited_save(agency, actor=actor)


@transaction.atomic
def agency_merge(*, source: Agency, target: Agency, actor: Any) -> Agency:
    """Merge ``source`` into ``target`` (sáp nhập).

    Steps: refuse a merge into itself, into a retired agency or of a retired agency; move the source's people
    and user accounts to the target; move its sub-agencies under the target; retire the source with
    ``merged_into``. Every moved row gets its own history record.
    """
    if source.pk == target.pk:
        raise ValidationError(_("An agency cannot be merged into itself."))
    if not target.is_active:
        raise ValidationError(_("%(agency)s has been retired; choose an active agency.") % {"agency": target})
    if not source.is_active:
        raise ValidationError(_("%(agency)s has already been retired.") % {"agency": source})
    _move_to_agency(Person.objects.filter(agency=source), target, actor)
    _move_to_agency(User.objects.filter(agency=source), target, actor)
    _move_children(source, target, actor)
    source.merged_into = target
    return _retire(source, on=timezone.localdate(), actor=actor)


@transaction.atomic
def agency_retire(*, agency: Agency, actor: Any, on: date | None = None) -> Agency:
    """Stop an agency (ngừng hoạt động): it leaves the pickers but keeps its records and history."""
    if not agency.is_active:
        raise ValidationError(_("%(agency)s has already been retired.") % {"agency": agency})
    return _retire(agency, on=on or timezone.localdate(), actor=actor)


@transaction.atomic
def agency_reactivate(*, agency: Agency, actor: Any) -> Agency:
    """Undo a retirement; an agency that works again is no longer "merged into" another."""
    if agency.is_active:
        raise ValidationError(_("%(agency)s is already active.") % {"agency": agency})
    agency.is_active, agency.retired_on, agency.merged_into = True, None, None
    return audited_save(agency, actor=actor)


@transaction.atomic
def person_create(
    *,
    agency: Agency,
    full_name: str,
    position: str = "",
    email: str = "",
    phone: str = "",
    is_democracy_officer: bool = False,
    is_inspection_member: bool = False,
    inspection_term_start: date | None = None,
    inspection_term_end: date | None = None,
    is_steering_member: bool = False,
    is_active: bool = True,
    actor: Any,
) -> Person:
    _check_person_agency(agency, actor)
    person = Person(
        agency=agency,
        full_name=full_name,
        position=position,
        email=email,
        phone=phone,
        is_democracy_officer=is_democracy_officer,
        is_inspection_member=is_inspection_member,
        inspection_term_start=inspection_term_start,
        inspection_term_end=inspection_term_end,
        is_steering_member=is_steering_member,
        is_active=is_active,
    )
    return audited_save(person, actor=actor)


@transaction.atomic
def person_update(*, person: Person, actor: Any, **changes: Any) -> Person:
    """Change a person's details; moving them needs write access to both agencies."""
    if not access.allows(actor, person, "write"):
        raise PermissionDenied
    new_agency = changes.get("agency", person.agency)
    if new_agency.pk != person.agency_id:
        _check_person_agency(new_agency, actor)
    assign(person, changes, PERSON_FIELDS)
    return audited_save(person, actor=actor)


@transaction.atomic
def people_import(*, rows: Sequence[PersonRow], actor: Any) -> list[Person]:
    """Create every imported person, or none.

    Steps: resolve the agency codes; collect every row's problems (conversion, agency, duplicates in the file
    or in the register, the model's own rules); refuse the whole file if there is any; otherwise create all
    rows with one history record each, naming the importing user.
    """
    agencies = {agency.code.upper(): agency for agency in Agency.objects.all()}
    named = {agencies[row.agency_code].pk for row in rows if row.agency_code in agencies}
    existing = {
        (agency_id, name_key(full_name))
        for agency_id, full_name in Person.objects.filter(agency__in=named).values_list(
            "agency_id", "full_name"
        )
    }
    errors = check_rows(
        rows, agencies=agencies, existing=existing, may_write=lambda a: _may_write_people(actor, a)
    )
    failed = {error.line for error in errors}
    people = []
    for row in rows:
        if row.line not in failed:
            person = Person(agency=agencies[row.agency_code], **row.person_fields())
            errors.extend(model_errors(person, row.line, exclude={"agency"}))
            people.append(person)
    if errors:
        raise ValidationError([str(error) for error in sorted(errors)])
    return bulk_create_with_history(people, Person, default_user=actor)


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    needs_verification: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def agencies_load_csv(*, path: Path | str = AGENCIES_CSV, actor: Any = None) -> LoadResult:
    """Load the agency list from a CSV (code,name,short_name,kind,parent_code,source,note); safe to re-run.

    Steps: read the rows; keep their file order as display order; create or update each agency by code,
    parents first; save only rows whose values changed, so a re-run adds no history. Retirements and merges
    made in the portal are left alone.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        known = {agency.code: agency for agency in Agency.objects.all()}
        for order, row in _parents_first(rows, known):
            agency, outcome = _load_agency(row, order, known, actor)
            known[agency.code] = agency
            counts[outcome] += 1
    flagged = sum(VERIFY_MARKER in row["note"] for row in rows)
    return LoadResult(**counts, needs_verification=flagged)


def _load_agency(
    row: Mapping[str, str], order: int, known: dict[str, Agency], actor: Any
) -> tuple[Agency, str]:
    values = {
        "name": row["name"].strip(),
        "short_name": row["short_name"].strip(),
        "kind": row["kind"].strip(),
        "parent": known[_parent_code(row)] if _parent_code(row) else None,
        "display_order": order,
        "source": row["source"].strip(),
        "note": row["note"].strip(),
        "needs_verification": VERIFY_MARKER in row["note"],
    }
    agency = known.get(row["code"].strip())
    if agency is None:
        return audited_save(Agency(code=row["code"].strip(), **values), actor=actor), "created"
    if _same_values(agency, values):
        return agency, "unchanged"
    assign(agency, values, AGENCY_FIELDS)
    return audited_save(agency, actor=actor), "updated"


def _same_values(agency: Agency, values: Mapping[str, Any]) -> bool:
    """Compare without loading related rows: the parent is compared by its id."""
    parent = values["parent"]
    if agency.parent_id != (parent.pk if parent else None):
        return False
    return all(getattr(agency, field) == value for field, value in values.items() if field != "parent")


def _parent_code(row: Mapping[str, str]) -> str:
    return row["parent_code"].strip()


def _parents_first(
    rows: list[dict[str, str]], known: Mapping[str, Agency]
) -> list[tuple[int, dict[str, str]]]:
    """Rows with their display order, reordered so that a parent is saved before its children."""
    pending = [((index + 1) * DISPLAY_ORDER_STEP, row) for index, row in enumerate(rows)]
    ready: list[tuple[int, dict[str, str]]] = []
    placed = set(known)
    while pending:
        batch = [item for item in pending if not _parent_code(item[1]) or _parent_code(item[1]) in placed]
        if not batch:
            codes = ", ".join(sorted({_parent_code(row) for _, row in pending}))
            raise ValidationError(_("Unknown parent codes in the agency file: %(codes)s.") % {"codes": codes})
        ready.extend(batch)
        placed.update(row["code"].strip() for _, row in batch)
        pending = [item for item in pending if item not in batch]
    return ready


def _retire(agency: Agency, *, on: date, actor: Any) -> Agency:
    agency.is_active, agency.retired_on = False, on
    return audited_save(agency, actor=actor)


def _move_to_agency(queryset: QuerySet, target: Agency, actor: Any) -> None:
    """Point rows at another agency, with a history record each (QuerySet.update records none)."""
    rows = list(queryset)
    for row in rows:
        row.agency = target
    if rows:
        bulk_update_with_history(rows, queryset.model, ["agency"], default_user=actor)


def _move_children(source: Agency, target: Agency, actor: Any) -> None:
    """Sub-agencies of the source go under the target; a target that was one takes the source's place."""
    if target.parent_id == source.pk:
        target.parent = source.parent
        audited_save(target, actor=actor)
    for child in source.children.exclude(pk=target.pk):
        child.parent = target
        audited_save(child, actor=actor)


def _may_write_people(actor: Any, agency: Agency) -> bool:
    return access.allows(actor, Person(agency=agency), "write")


def _check_person_agency(agency: Agency, actor: Any) -> None:
    """The actor must be allowed to write to the agency, and people only join active agencies."""
    if not _may_write_people(actor, agency):
        raise PermissionDenied
    if not agency.is_active:
        raise ValidationError(
            {"agency": _("%(agency)s has been retired; choose an active agency.") % {"agency": agency}}
        )
