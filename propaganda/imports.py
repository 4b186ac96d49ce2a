"""Reading a posting-log import (XLSX) into rows, and the checks that need no database.

Pure functions: the service loads the agencies, channels and library numbers once, passes them in as a
``Lookups``, and writes only when no row has a problem. The workbook reader, the cell conversions and
``RowError`` are those of every import (``dancoso.core.imports``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dancoso.core.imports import Column, RowError, agency_problem, clean_text, parse_date, read_xlsx
from dancoso.core.validators import validate_web_address
from propaganda.search import fold

# A file of a year's postings of a large agency fits; a larger one is split, so one upload stays quick.
MAX_ROWS = 5000


@dataclass
class PostingRow:
    """One spreadsheet row, converted; ``errors`` holds what could not be converted."""

    line: int
    posted_on: date | None = None
    channel_name: str = ""
    title: str = ""
    url: str = ""
    audience: int | None = None
    document_number: str = ""
    agency_code: str = ""
    errors: list[str] = field(default_factory=list)


def web_address(value: Any) -> str:
    text = clean_text(value)
    if not text:
        return text
    try:
        validate_web_address(text)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None
    return text


def people_count(value: Any) -> int | None:
    """A number of people: a whole number, 0 or more; an empty cell is unknown."""
    text = clean_text(value).replace(".", "").replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        message = _("“%(value)s” is not a number of people (a whole number, 0 or more).")
        raise ValueError(message % {"value": value})
    return int(text)


def posting_date(value: Any) -> date:
    found = parse_date(value)
    if found is None:
        raise ValueError(_("the posting date is missing"))
    return found


def required_text(value: Any) -> str:
    text = clean_text(value)
    if not text:
        raise ValueError(_("the cell is empty"))
    return text


def _code(value: Any) -> str:
    return clean_text(value).upper()


def name_key(name: str) -> str:
    """How a channel or document is matched: without accents, case or extra spaces ("zalo" finds "Zalo")."""
    return fold(clean_text(name)).casefold()


# The headings are the file format agreed with the agencies (Vietnamese, as in the template), not UI text.
COLUMNS: tuple[Column, ...] = (
    Column("Ngày đăng", "posted_on", posting_date),
    Column("Kênh", "channel_name", clean_text),
    Column("Tiêu đề", "title", required_text),
    Column("Đường dẫn", "url", web_address),
    Column("Số người tiếp cận", "audience", people_count),
    Column("Số hiệu văn bản", "document_number", clean_text),
    Column("Mã cơ quan", "agency_code", _code),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
REQUIRED_HEADERS = ("Ngày đăng", "Kênh", "Tiêu đề", "Mã cơ quan")


def parse_postings_xlsx(file: IO[bytes]) -> list[PostingRow]:
    """Read the first sheet: a heading row, then one posting per non-empty row (at most ``MAX_ROWS``)."""
    return read_xlsx(
        file,
        columns=COLUMNS,
        required=REQUIRED_HEADERS,
        new_row=lambda line: PostingRow(line=line),
        max_rows=MAX_ROWS,
    )


@dataclass(frozen=True)
class Lookups:
    """What rows name, keyed as the file writes it: agencies by upper-case code, channels and library
    documents by ``name_key`` (several documents may share a number, issued by different bodies)."""

    agencies: Mapping[str, Any]
    channels: Mapping[str, Any]
    documents: Mapping[str, Sequence[Any]]

    @classmethod
    def of(cls, agencies: Iterable[Any], channels: Iterable[Any], documents: Iterable[Any]) -> Lookups:
        numbered: dict[str, list[Any]] = defaultdict(list)
        for document in documents:
            numbered[name_key(document.number)].append(document)
        return cls(
            {agency.code.upper(): agency for agency in agencies},
            {name_key(channel.name): channel for channel in channels},
            dict(numbered),
        )


@dataclass
class Checked:
    """The line and field values of every row without a problem (in file order), and every problem."""

    rows: list[tuple[int, dict[str, Any]]]
    errors: list[RowError]


def check_rows(rows: Iterable[PostingRow], *, lookups: Lookups, may_write: Callable[[Any], bool]) -> Checked:
    """Resolve each row's agency, channel and document; ``may_write(agency)`` says whether the importing
    user may record that agency's postings."""
    result = Checked(rows=[], errors=[])
    for row in rows:
        values, messages = _resolve(row, lookups, may_write)
        messages = row.errors + messages
        if messages:
            result.errors.extend(RowError(row.line, message) for message in messages)
        else:
            result.rows.append((row.line, values))
    result.errors.sort()
    return result


def _resolve(
    row: PostingRow, lookups: Lookups, may_write: Callable[[Any], bool]
) -> tuple[dict[str, Any], list[str]]:
    agency, agency_message = _agency(row.agency_code, lookups, may_write)
    channel = lookups.channels.get(name_key(row.channel_name))
    document, document_message = _document(row.document_number, lookups)
    messages = [
        message
        for message in (_channel_problem(row.channel_name, channel), document_message, agency_message)
        if message
    ]
    values = {"agency": agency, "channel": channel, "document": document, "posted_on": row.posted_on,
              "title": row.title, "url": row.url, "audience": row.audience}  # fmt: skip
    return values, messages


def _agency(code: str, lookups: Lookups, may_write: Callable[[Any], bool]) -> tuple[Any, str | None]:
    problem = agency_problem(code, lookups.agencies)
    if problem:
        return None, problem
    agency = lookups.agencies[code]
    if not may_write(agency):
        message = _("you may only import postings of your own agency, not of %(agency)s")
        return None, message % {"agency": agency}
    return agency, None


def _channel_problem(name: str, channel: Any) -> str | None:
    if not name:
        return _("the channel is missing")
    if channel is None:
        return _("no channel is called “%(name)s”; use a channel name of the template") % {"name": name}
    return None


def _document(number: str, lookups: Lookups) -> tuple[Any, str | None]:
    """The library document of that number, if the cell names one."""
    if not number:
        return None, None
    found = lookups.documents.get(name_key(number), ())
    if not found:
        return None, _("no document numbered %(number)s is in the library") % {"number": number}
    if len(found) > 1:
        return None, _("several documents of the library are numbered %(number)s; leave the cell empty "
                       "and choose the document on the posting's page") % {"number": number}  # fmt: skip
    return found[0], None
