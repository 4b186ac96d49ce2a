"""Excel (XLSX) exports shared by every register: one sheet, a bold frozen header, readable column widths."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from itertools import chain, islice
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Text starting with one of these is read by Excel as a formula (CSV/formula injection): neutralise it.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60
# Widths are measured on the first rows only, so a large export does not scan every cell twice.
WIDTH_SAMPLE_ROWS = 200


def safe_cell(value: Any) -> Any:
    """A value Excel shows as written: formula-like text gets a leading apostrophe, times become local."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "") -> bytes:
    """One sheet: a bold frozen header row, dates as dd/mm/yyyy, column widths fitted to the content.

    The sheet is written row by row (openpyxl's write-only mode), which takes about half the time of a
    workbook kept in memory at a thousand rows; so the widths are measured on the first rows before any
    row is written.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet((title or "Sheet")[:31])
    rows = iter(rows)
    sample = [[safe_cell(value) for value in row] for row in islice(rows, WIDTH_SAMPLE_ROWS)]
    widths = [len(str(header)) for header in headers]
    for values in sample:
        widths = [max(width, _display_length(value)) for width, value in zip(widths, values, strict=False)]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.append([_header(sheet, header) for header in headers])
    for values in chain(sample, ([safe_cell(value) for value in row] for row in rows)):
        sheet.append([_dated(sheet, value) for value in values])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = ""
) -> HttpResponse:
    """An XLSX download; ``filename`` should be plain ASCII (it goes in the Content-Disposition header)."""
    response = HttpResponse(xlsx_bytes(headers, rows, title=title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading and how a row gives its cell."""

    header: Any
    value: Callable[[Any], Any]


def export(filename: str, columns: Sequence[Column], rows: Iterable[Any], *, title: Any) -> HttpResponse:
    """An XLSX download of ``rows``, one column per ``Column``; ``filename`` in plain ASCII."""
    headers = [str(column.header) for column in columns]
    cells = ([column.value(row) for column in columns] for row in rows)
    return xlsx_response(filename, headers, cells, title=str(title))


def yes(value: bool) -> str:
    """A flag as the import files write it: ``x`` for yes, empty for no."""
    return "x" if value else ""


def dated(stem: str) -> str:
    """``stem-20261203.xlsx``: an export's file name with the day it was made."""
    return f"{stem}-{timezone.localdate():%Y%m%d}.xlsx"


def figures_table_xlsx(found: Any, period: Any) -> HttpResponse:
    """A per-agency table of the registry as it is sorted on its page, with the period in the file name."""
    columns = [
        Column(found.table.row_heading or _("Agency"), lambda row: row.agency_name),
        *(
            Column(column.label, lambda row, i=index: row.cells[i])
            for index, column in enumerate(found.table.columns)
        ),
    ]
    filename = f"so-lieu-{found.section.key}-{found.table.key}-{period.year}.xlsx"
    return export(filename, columns, found.rows, title=found.table.title)


def _display_length(value: Any) -> int:
    if isinstance(value, date):
        return 10
    return len(str(value)) if value is not None else 0


def _header(sheet: Any, header: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=str(header))
    cell.font = Font(bold=True)
    return cell


def _dated(sheet: Any, value: Any) -> Any:
    """A date shown the Vietnamese way (Excel would default to the US order); other values as they are."""
    if not isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, datetime) else "DD/MM/YYYY"
    return cell
