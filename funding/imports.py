"""Reading a year's budget lines from Excel (XLSX), and the checks that need no database.

The headings are the file format agreed with the agencies (Vietnamese, as in the template). Amounts are
read as officials type them ("1.234.567", "1234567", "1,234,567 đ"); a negative amount or one that is not
a whole number of đồng is a row problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from dancoso.core.imports import Column, RowError, agency_problem, clean_text, read_xlsx
from dancoso.core.numbers import parse_money
from funding.models import MEASURE_CHOICES

MAX_ROWS = 5000


@dataclass
class LineRow:
    line: int
    agency_code: str = ""
    measure_name: str = ""
    description: str = ""
    source_name: str = ""
    estimate: int | None = None
    allocated: int | None = None
    errors: list[str] = field(default_factory=list)


def amount(value: Any) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0 or value != int(value):
            raise ValueError(_("“%(value)s” is not an amount in whole đồng, 0 or more.") % {"value": value})
        return int(value)
    text = clean_text(value)
    if not text:
        return None
    try:
        return parse_money(text)
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not an amount in whole đồng, 0 or more.") % {"value": text}
        ) from None


def _key(value: Any) -> str:
    return clean_text(value).casefold()


COLUMNS: tuple[Column, ...] = (
    Column("Mã cơ quan", "agency_code", lambda value: clean_text(value).upper()),
    Column("Nội dung (biện pháp)", "measure_name", clean_text),
    Column("Diễn giải", "description", clean_text),
    Column("Nguồn kinh phí", "source_name", clean_text),
    Column("Dự toán", "estimate", amount),
    Column("Được giao", "allocated", amount),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
REQUIRED_HEADERS = ("Mã cơ quan", "Nội dung (biện pháp)", "Diễn giải", "Nguồn kinh phí", "Dự toán")
# How the file names a measure: the report's heading, or its short key ("training"), case aside.
MEASURES_BY_NAME = {_key(label): key for key, label in MEASURE_CHOICES} | {
    key: key for key, _label in MEASURE_CHOICES
}


def parse_lines_xlsx(file: IO[bytes]) -> list[LineRow]:
    return read_xlsx(
        file,
        columns=COLUMNS,
        required=REQUIRED_HEADERS,
        new_row=lambda line: LineRow(line=line),
        max_rows=MAX_ROWS,
    )


@dataclass(frozen=True)
class Lookups:
    agencies: Mapping[str, Any]
    sources: Mapping[str, Any]

    @classmethod
    def of(cls, agencies: Iterable[Any], sources: Iterable[Any]) -> Lookups:
        return cls({agency.code.upper(): agency for agency in agencies}, {_key(s.name): s for s in sources})


@dataclass
class Checked:
    rows: list[tuple[int, dict[str, Any]]]
    errors: list[RowError]


def check_rows(rows: Iterable[LineRow], *, lookups: Lookups, may_write: Callable[[Any], bool]) -> Checked:
    result = Checked(rows=[], errors=[])
    for row in rows:
        values, messages = _resolve(row, lookups, may_write)
        messages = row.errors + messages
        if messages:
            result.errors.extend(RowError(row.line, message) for message in messages)
        else:
            result.rows.append((row.line, values))
    return result


def _resolve(row: LineRow, lookups: Lookups, may_write: Callable[[Any], bool]) -> tuple[dict, list[str]]:
    messages = []
    agency = None
    problem = agency_problem(row.agency_code, lookups.agencies)
    if problem:
        messages.append(problem)
    else:
        agency = lookups.agencies[row.agency_code]
        if not may_write(agency):
            messages.append(
                _("you may only import budget lines of your own agency, not of %(agency)s")
                % {"agency": agency}
            )
    measure = MEASURES_BY_NAME.get(_key(row.measure_name))
    if measure is None:
        messages.append(_("“%(name)s” is not a measure of the template") % {"name": row.measure_name})
    source = lookups.sources.get(_key(row.source_name))
    if source is None:
        messages.append(_("“%(name)s” is not a source of funds of the template") % {"name": row.source_name})
    if not row.description:
        messages.append(_("the content is missing"))
    if row.estimate is None and not any("Dự toán" in error for error in row.errors):
        messages.append(_("the estimate is missing"))
    values = {"agency": agency, "measure": measure, "source": source, "description": row.description,
              "estimate": row.estimate, "allocated": row.allocated}  # fmt: skip
    return values, messages
