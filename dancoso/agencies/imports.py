"""Reading a people import (XLSX) into rows, and the checks that need no database.

Everything here is a pure function: the service looks up agencies and existing people, passes them in,
and decides whether to write. Line numbers are Excel's, so "Dòng 5" is the row the user sees as 5.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

YES = frozenset({"x", "có", "1", "yes"})
NO = frozenset({"", "không", "0", "no"})


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a workbook, headings missing, no rows)."""


@dataclass(frozen=True, order=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


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


def clean_text(value: Any) -> str:
    """Text as stored: NFC (Excel files from some keyboards hold decomposed accents), single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


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


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(value)
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": text}) from None


@dataclass(frozen=True)
class Column:
    header: str
    attribute: str
    convert: Callable[[Any], Any]


# The headings are the file format agreed with the agencies (Vietnamese, as in the template), not UI text.
COLUMNS: tuple[Column, ...] = (
    Column("Họ và tên", "full_name", clean_text),
    Column("Mã cơ quan", "agency_code", _code),
    Column("Chức vụ", "position", clean_text),
    Column("Email", "email", _email),
    Column("Điện thoại", "phone", clean_text),
    Column("Phụ trách dân chủ", "is_democracy_officer", _yes_no),
    Column("Thành viên Ban TTND", "is_inspection_member", _yes_no),
    Column("Nhiệm kỳ từ", "inspection_term_start", _date),
    Column("Nhiệm kỳ đến", "inspection_term_end", _date),
    Column("Thành viên BCĐ", "is_steering_member", _yes_no),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
REQUIRED_HEADERS = ("Họ và tên", "Mã cơ quan")


def parse_people_xlsx(file: IO[bytes]) -> list[PersonRow]:
    """Read the first sheet: a heading row, then one person per non-empty row."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    try:
        lines = workbook.active.iter_rows(values_only=True)
        positions = _column_positions(next(lines, ()))
        rows = [
            _parse_row(line, values, positions)
            for line, values in enumerate(lines, start=2)
            if any(clean_text(value) for value in values)
        ]
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError(_("The file has no rows to import under the heading row."))
    return rows


def _column_positions(headings: Iterable[Any]) -> dict[str, int]:
    """Where each known column is; columns may come in any order, unknown ones are ignored."""
    found = {clean_text(heading).casefold(): index for index, heading in enumerate(headings)}
    positions = {
        column.header: found[column.header.casefold()]
        for column in COLUMNS
        if column.header.casefold() in found
    }
    missing = [header for header in REQUIRED_HEADERS if header not in positions]
    if missing:
        raise ImportFileError(
            _("The first row must hold the column headings of the template; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return positions


def _parse_row(line: int, values: tuple[Any, ...], positions: Mapping[str, int]) -> PersonRow:
    row = PersonRow(line=line)
    for column in COLUMNS:
        position = positions.get(column.header)
        if position is None or position >= len(values):
            continue
        try:
            setattr(row, column.attribute, column.convert(values[position]))
        except ValueError as exc:
            row.errors.append(_("column “%(column)s”: %(error)s") % {"column": column.header, "error": exc})
    return row


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
    if not row.agency_code:
        return [_("the agency code is missing")]
    agency = agencies.get(row.agency_code)
    if agency is None:
        return [_("no agency has the code “%(code)s”") % {"code": row.agency_code}]
    if not agency.is_active:
        return [_("%(agency)s has been retired; use the code of an active agency") % {"agency": agency}]
    if not may_write(agency):
        return [_("you may only import people of your own agency, not of %(agency)s") % {"agency": agency}]
    return []
