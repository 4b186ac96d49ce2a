"""Matching the rows of a roster import (XLSX) to people of the register, without touching the database.

The file is read by the people import's reader (``dancoso.agencies.imports``): the roster template uses
three of its headings, so the same file checks and the same "Dòng N" line numbers apply. The service
loads the agencies and people once and passes them in; this module says which person each row names and
what is wrong with each row. The reader also converts the people template's other columns when a file
has them; their conversion problems (``PersonRow.errors``) do not concern the roster and are ignored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dancoso.agencies.imports import PersonRow, RowError, name_key
from dancoso.agencies.models import Agency, Person

# The headings agreed with the agencies are those of the people template (Vietnamese file format, not UI).
ROSTER_HEADERS: tuple[str, ...] = ("Họ và tên", "Mã cơ quan", "Chức vụ")

# A callable answering why one matched person cannot join the class, or ``None``.
ProblemCheck = Callable[[Person], str | None]


@dataclass(frozen=True)
class Register:
    """The agencies (by upper-case code) and their active people (by agency and name key)."""

    agencies: Mapping[str, Agency]
    people: Mapping[tuple[int, str], Sequence[Person]]

    @classmethod
    def of(cls, agencies: Iterable[Agency], people: Iterable[Person]) -> Register:
        by_name: dict[tuple[int, str], list[Person]] = defaultdict(list)
        for person in people:
            by_name[(person.agency_id, name_key(person.full_name))].append(person)
        return cls({agency.code.upper(): agency for agency in agencies}, dict(by_name))


@dataclass
class Match:
    """The people the file names, in file order, and every row's problem."""

    people: list[Person]
    errors: list[RowError]


def match_rows(
    rows: Iterable[PersonRow],
    *,
    register: Register,
    may_enrol: Callable[[Agency], bool],
    problem: ProblemCheck,
) -> Match:
    """Find the one person each row names; a row that fails gets one error naming its line.

    ``may_enrol(agency)`` says whether the importing user may nominate that agency's people, and
    ``problem(person)`` gives the class's own reason to refuse someone (eligibility, already enrolled).
    """
    result = Match(people=[], errors=[])
    first_line: dict[int, int] = {}
    for row in rows:
        person, message = _find_person(row, register, may_enrol)
        if person is not None:
            message = _repeated(person, row.line, first_line) or problem(person)
        if message:
            result.errors.append(RowError(row.line, message))
        else:
            result.people.append(person)
    result.errors.sort()
    return result


def _find_person(
    row: PersonRow, register: Register, may_enrol: Callable[[Agency], bool]
) -> tuple[Person | None, str | None]:
    if not row.full_name:
        return None, _("the full name is missing")
    agency, message = _agency(row.agency_code, register, may_enrol)
    if agency is None:
        return None, message
    namesakes = register.people.get((agency.pk, name_key(row.full_name)), ())
    return _one_namesake(row, agency, namesakes)


def _agency(code: str, register: Register, may_enrol: Callable[[Agency], bool]) -> tuple[Agency | None, str]:
    if not code:
        return None, _("the agency code is missing")
    agency = register.agencies.get(code)
    if agency is None:
        return None, _("no agency has the code “%(code)s”") % {"code": code}
    if not agency.is_active:
        return None, _("%(agency)s has been retired; use the code of an active agency") % {"agency": agency}
    if not may_enrol(agency):
        return None, _("you may enrol only people of your own agency, not of %(agency)s") % {"agency": agency}
    return agency, ""


def _one_namesake(
    row: PersonRow, agency: Agency, namesakes: Sequence[Person]
) -> tuple[Person | None, str | None]:
    """The person among those of that name; the position only tells namesakes apart."""
    values = {"name": row.full_name, "agency": agency, "position": row.position, "count": len(namesakes)}
    if not namesakes:
        return None, _("%(agency)s has nobody named %(name)s still working there") % values
    if len(namesakes) == 1:
        return namesakes[0], None
    if not row.position:
        return None, _(
            "%(agency)s has %(count)s people named %(name)s; fill in the “Chức vụ” column to tell them apart"
        ) % values
    # Positions are compared like names: case and spacing do not count.
    holders = [person for person in namesakes if name_key(person.position) == name_key(row.position)]
    if len(holders) == 1:
        return holders[0], None
    if not holders:
        return None, _("%(agency)s has no %(name)s with the position “%(position)s”") % values
    values["count"] = len(holders)
    return None, _(
        "%(agency)s has %(count)s people named %(name)s with the position “%(position)s”; "
        "nominate them on the class page instead"
    ) % values


def _repeated(person: Person, line: int, first_line: dict[int, int]) -> str | None:
    earlier = first_line.setdefault(person.pk, line)
    if earlier == line:
        return None
    return _("same person as line %(line)s (same name and agency)") % {"line": earlier}
