"""Reading a people import (XLSX) into rows, and the checks that need no database.

Everything here is a pure function: the service looks up agencies and existing people, passes them in,
and decides whether to write. The workbook reader, the cell conversions and ``RowError`` are shared by every
import (``dancoso.core.imports``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from dancoso.core.imports import Column, RowError, agency_problem, clean_text, parse_date, read_xlsx

YES = frozenset({"x", "có", "1", "yes"})
NO = frozenset({"", "không", "0", "no"})


@dataclass
class PersonRow:
    """One spreadsheet row, converted; ``errors`` holds what could not be converted."""

    line: int
    full_name: str = ""
    agency_code: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    is_democracy_officer: bool = False
    is_inspection_member: bool = False
    inspection_term_start: date | None = None
    inspection_term_end: date | None = None
    is_steering_member: bool = False
    errors: list[str] = field(default_factory=list)

    def person_fields(self) -> dict[str, Any]:
        """The values of the Person to create (the agency is resolved by the caller)."""
        return {
            column.attribute: getattr(self, column.attribute)
            for column in COLUMNS
            if column.attribute != "agency_code"
        }


def name_key(full_name: str) -> str:
    """What makes two names "the same person" for duplicate checks: case and spacing do not count."""
    return clean_text(full_name).casefold()


def _code(value: Any) -> str:
    return clean_text(value).upper()


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = clean_text(value).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(
        _("“%(value)s” is not a yes/no value; write x, có or 1, or leave the cell empty.") % {"value": value}
    )


def _email(value: Any) -> str:
    text = clean_text(value)
    if not text:
        return text
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(_("“%(value)s” is not a valid email address.") % {"value": text}) from None
    return text


# The headings are the file format agreed with the agencies (Vietnamese, as in the template), not UI text.
COLUMNS: tuple[Column, ...] = (
    Column("Họ và tên", "full_name", clean_text),
    Column("Mã cơ quan", "agency_code", _code),
    Column("Chức vụ", "position", clean_text),
    Column("Email", "email", _email),
    Column("Điện thoại", "phone", clean_text),
    Column("Phụ trách dân chủ", "is_democracy_officer", _yes_no),
    Column("Thành viên Ban TTND", "is_inspection_member", _yes_no),
    Column("Nhiệm kỳ từ", "inspection_term_start", parse_date),
    Column("Nhiệm kỳ đến", "inspection_term_end", parse_date),
    Column("Thành viên BCĐ", "is_steering_member", _yes_no),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
REQUIRED_HEADERS = ("Họ và tên", "Mã cơ quan")


def parse_people_xlsx(file: IO[bytes]) -> list[PersonRow]:
    """Read the first sheet: a heading row, then one person per non-empty row."""
    return read_xlsx(
        file, columns=COLUMNS, required=REQUIRED_HEADERS, new_row=lambda line: PersonRow(line=line)
    )


def check_rows(
    rows: Iterable[PersonRow],
    *,
    agencies: Mapping[str, Any],
    existing: set[tuple[int, str]],
    may_write: Callable[[Any], bool],
) -> list[RowError]:
    """Every problem of every row, in line order.

    ``agencies`` maps upper-case codes to agencies, ``existing`` holds ``(agency_id, name_key)`` of people
    already in the register, and ``may_write(agency)`` says whether the importing user may add to it.
    """
    errors: list[RowError] = []
    first_line: dict[tuple[str, str], int] = {}
    for row in rows:
        messages = list(row.errors) + _agency_errors(row, agencies, may_write)
        if not row.full_name:
            messages.append(_("the full name is missing"))
        key = (row.agency_code, name_key(row.full_name))
        agency = agencies.get(row.agency_code)
        if row.full_name and key in first_line:
            messages.append(
                _("same person as line %(line)s (same name and agency)") % {"line": first_line[key]}
            )
        elif row.full_name and agency is not None and (agency.pk, key[1]) in existing:
            messages.append(
                _("%(name)s is already in the register of %(agency)s")
                % {"name": row.full_name, "agency": agency}
            )
        first_line.setdefault(key, row.line)
        errors.extend(RowError(row.line, message) for message in messages)
    return sorted(errors)


def _agency_errors(
    row: PersonRow, agencies: Mapping[str, Any], may_write: Callable[[Any], bool]
) -> list[str]:
    problem = agency_problem(row.agency_code, agencies)
    if problem:
        return [problem]
    agency = agencies[row.agency_code]
    if not may_write(agency):
        return [_("you may only import people of your own agency, not of %(agency)s") % {"agency": agency}]
    return []
