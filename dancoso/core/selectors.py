"""Reads of the core pages: the dashboard's per-agency tables in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from dancoso import indicators
from dancoso.accounts import access
from dancoso.indicators import Section, Table, TableRow
from dancoso.periods import Period

AGENCY_SORT = "agency"


@dataclass(frozen=True)
class FiguresTable:
    section: Section
    table: Table
    rows: list[TableRow]
    sort: str


def figures_table(
    *, user: Any, section_key: str, table_key: str, period: Period, sort: str = ""
) -> FiguresTable:
    """One per-agency table of the registry, every row the user may see, sorted by agency or by a column.

    Sort keys: ``agency`` (the register's order, the default) or a column key, ``-`` first for descending;
    empty figures sort last either way. Unknown sections or tables are 404.
    """
    try:
        section = indicators.section_for(section_key, period, access.figures_agency(user))
    except KeyError as exc:
        raise Http404 from exc
    table = section.table(table_key)
    if table is None:
        raise Http404
    sort = sort if _known_sort(table, sort) else AGENCY_SORT
    return FiguresTable(section, table, _sorted(table, sort), sort)


def _known_sort(table: Table, sort: str) -> bool:
    return sort.lstrip("-") in {AGENCY_SORT, *(column.key for column in table.columns)}


def _sorted(table: Table, sort: str) -> list[TableRow]:
    rows = list(table.rows)
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key == AGENCY_SORT:
        return rows[::-1] if descending else rows
    index = [column.key for column in table.columns].index(key)
    present = [row for row in rows if row.cells[index] is not None]
    present.sort(key=lambda row: row.cells[index], reverse=descending)
    return [*present, *(row for row in rows if row.cells[index] is None)]
