"""The registry of figures (chỉ số) that the dashboard, the agency scorecard and the yearly report read.

Each measure app may ship an ``indicators.py`` module exposing::

    ARTICLE = (1, 1)          # Điều 1 khoản 1; (2, 0) for Điều 2
    def section(period, agency=None) -> Section: ...

This module defines the data shape and discovers those modules in article order. It imports no
measure app: discovery walks the installed apps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps

from dancoso.periods import Period

Number = int | float | Decimal


@dataclass(frozen=True)
class Indicator:
    label: str
    value: Number | None
    unit: str = ""
    target: Number | None = None

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target


@dataclass(frozen=True)
class TableRow:
    agency_id: int | None
    agency_name: str
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...] = ()

    def for_agency(self, agency_id: int) -> Table:
        rows = tuple(row for row in self.rows if row.agency_id == agency_id)
        return Table(title=self.title, columns=self.columns, rows=rows)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    article: str
    indicators: tuple[Indicator, ...] = ()
    tables: tuple[Table, ...] = ()
    # Notes for the reader about the figures (e.g. fewer classes than the resolution asks for). They are
    # not figures, so a section with warnings and nothing else still counts as empty.
    warnings: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.indicators and not any(table.rows for table in self.tables)


SectionFunction = Callable[..., Section]


@dataclass(frozen=True, order=True)
class Provider:
    """One source of a section, sorted by its article reference."""

    article: tuple[int, int]
    name: str
    function: SectionFunction = field(compare=False)


_discovered: list[Provider] | None = None
_registered: list[Provider] = []


def discover() -> list[Provider]:
    """Find every installed app's ``indicators`` module, once per process."""
    global _discovered
    if _discovered is None:
        found = []
        for config in apps.get_app_configs():
            module_name = f"{config.name}.indicators"
            if find_spec(config.name) is None or find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            found.append(Provider(tuple(module.ARTICLE), config.label, module.section))
        _discovered = found
    return _discovered


def providers() -> list[Provider]:
    return sorted([*discover(), *_registered])


def register(article: tuple[int, int], name: str, function: SectionFunction) -> Provider:
    provider = Provider(tuple(article), name, function)
    _registered.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    _registered.remove(provider)


@contextlib.contextmanager
def registered(article: tuple[int, int], name: str, function: SectionFunction) -> Iterator[Provider]:
    """Register a provider for the duration of a block (used by tests and previews)."""
    provider = register(article, name, function)
    try:
        yield provider
    finally:
        unregister(provider)


def sections(period: Period, *, agency: Any = None) -> list[Section]:
    """Every registered section for a period, in article order.

    With ``agency`` each provider computes that agency's figures and each per-agency table keeps only
    that agency's rows, so agency staff see their own agency and nothing of the others.
    """
    result = []
    for provider in providers():
        section = provider.function(period, agency=agency)
        if agency is not None:
            section = replace(section, tables=tuple(table.for_agency(agency.pk) for table in section.tables))
        result.append(section)
    return result
