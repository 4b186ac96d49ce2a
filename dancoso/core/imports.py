"""What every Excel (XLSX) import shares: the upload check, the workbook reader, cell conversions, row errors.

An import file is one sheet: a row of Vietnamese column headings (the file format agreed with the agencies),
then one record per non-empty row. Each app declares its columns and a row class; the reader converts the
cells and keeps each row's conversion problems with it, so the app's checks can list every problem of the
file at once. Line numbers are Excel's, so "Dòng 5" is the row the user sees as 5.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a workbook, headings missing, no rows, too many rows)."""


@dataclass(frozen=True, order=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class Column:
    """One column of an import file: its heading, the row attribute it fills, and how a cell converts.

    ``convert`` raises ``ValueError`` with a message for the user when the cell cannot be read.
    """

    header: str
    attribute: str
    convert: Callable[[Any], Any]


class ImportRow(Protocol):
    line: int
    errors: list[str]


R = TypeVar("R", bound=ImportRow)


def check_workbook_upload(upload: Any, *, max_bytes: int) -> None:
    """Refuse what is not a small ``.xlsx`` file before opening it."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError(
            _("Only Excel workbooks (.xlsx) can be imported; save the file as .xlsx first.")
        )


def clean_text(value: Any) -> str:
    """Text as stored: NFC (Excel files from some keyboards hold decomposed accents), single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def parse_date(value: Any) -> date | None:
    """An Excel date, or text written dd/mm/yyyy; an empty cell is ``None``."""
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


def read_xlsx(
    file: IO[bytes],
    *,
    columns: Sequence[Column],
    required: Iterable[str],
    new_row: Callable[[int], R],
    max_rows: int | None = None,
) -> list[R]:
    """Read the first sheet: the heading row, then one ``new_row(line)`` per non-empty row, converted."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("The file is not a valid Excel workbook (.xlsx).")) from exc
    try:
        lines = workbook.active.iter_rows(values_only=True)
        positions = _column_positions(next(lines, ()), columns, required)
        rows = [
            _convert_row(new_row(line), values, columns, positions)
            for line, values in _filled_lines(lines, max_rows)
        ]
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError(_("The file has no rows to import under the heading row."))
    return rows


def _filled_lines(lines: Iterable[tuple[Any, ...]], max_rows: int | None) -> Iterator[tuple[int, tuple]]:
    """The non-empty lines with Excel's numbers; stops at once past ``max_rows``, before reading the rest."""
    count = 0
    for line, values in enumerate(lines, start=2):
        if not any(clean_text(value) for value in values):
            continue
        count += 1
        if max_rows is not None and count > max_rows:
            raise ImportFileError(
                _("The file has more than %(limit)s rows; split it into several files.") % {"limit": max_rows}
            )
        yield line, values


def _column_positions(
    headings: Iterable[Any], columns: Sequence[Column], required: Iterable[str]
) -> dict[str, int]:
    """Where each known column is; columns may come in any order, unknown ones are ignored."""
    found = {clean_text(heading).casefold(): index for index, heading in enumerate(headings)}
    positions = {
        column.header: found[column.header.casefold()]
        for column in columns
        if column.header.casefold() in found
    }
    missing = [header for header in required if header not in positions]
    if missing:
        raise ImportFileError(
            _("The first row must hold the column headings of the template; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    return positions


def _convert_row(
    row: R, values: tuple[Any, ...], columns: Sequence[Column], positions: Mapping[str, int]
) -> R:
    for column in columns:
        position = positions.get(column.header)
        if position is None or position >= len(values):
            continue
        try:
            setattr(row, column.attribute, column.convert(values[position]))
        except ValueError as exc:
            row.errors.append(_("column “%(column)s”: %(error)s") % {"column": column.header, "error": exc})
    return row


def agency_problem(code: str, agencies: Mapping[str, Any]) -> str | None:
    """Why a row's agency code names no agency that can take records, or ``None`` when it does.

    ``agencies`` maps upper-case codes to agencies; whether the importing user may write to the agency is
    the caller's check, since each import words that refusal its own way.
    """
    if not code:
        return _("the agency code is missing")
    agency = agencies.get(code)
    if agency is None:
        return _("no agency has the code “%(code)s”") % {"code": code}
    if not agency.is_active:
        return _("%(agency)s has been retired; use the code of an active agency") % {"agency": agency}
    return None


def model_errors(instance: Model, line: int, *, exclude: Iterable[str] = ()) -> list[RowError]:
    """The model's own rules (lengths, formats) for one row, without the per-row queries of constraints.

    Exclude the foreign keys the import resolved itself: validating them would query each one again.
    """
    try:
        instance.full_clean(exclude=set(exclude), validate_constraints=False)
    except ValidationError as exc:
        return [
            RowError(line, f"{_field_label(instance, field)}{message}")
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return []


def _field_label(instance: Model, field: str) -> str:
    if field == "__all__":
        return ""
    return f"{capfirst(instance._meta.get_field(field).verbose_name)}: "
