"""The registry of figures (chỉ số) that the dashboard, the agency scorecard and the yearly report read.

Each measure app may ship an ``indicators.py`` module exposing::

    ARTICLE = (1, 1)                  # Điều 1 khoản 1; (2, 0) for Điều 2
    KEY = "training"                  # the section's stable key; every indicator key starts with it
    def section(period, agency=None) -> Section: ...
    def agency_figures(period) -> dict[str, dict[int, Number | None]]: ...   # optional
    READS = ("training",)             # optional: the sections whose figures this one is computed from

``agency_figures`` gives, for every agency at once and in a bounded number of queries, the values of the
keyed indicators that the section of one agency would show; ``figures(period)`` gathers them from every
provider. A provider that ``READS`` others is computed after them and receives their figures
(``section(period, agency=None, figures=...)``); it may not read itself, and no cycle is allowed.

Sections and figures are cached per period, agency and language in Django's cache (Redis when
``REDIS_URL`` is set, local memory otherwise). A cached value is keyed by the newest history record of
the apps it counts: every write records history (``dancoso.core.audit``), so the moment a write of the
app (or of the agency registers) commits, the next read computes afresh.

This module defines the data shape and discovers the modules in article order. It imports no measure
app: discovery walks the installed apps.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from dancoso.agencies.models import Agency
from dancoso.core.discovery import app_modules
from dancoso.core.numbers import PERCENT
from dancoso.periods import Period

logger = logging.getLogger(__name__)

Number = int | float | Decimal
# indicator key → agency pk → value
Figures = dict[str, dict[int, Any]]

# The registers every figure counts over (agencies and their people): a change there changes every section.
SHARED_APPS = ("agencies",)
CACHE_SECONDS = 6 * 60 * 60


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    value: Number | None
    unit: str = ""
    target: Number | None = None

    @property
    def is_percent(self) -> bool:
        """A share in per cent (``unit=PERCENT``), which every page writes as "95,0%"."""
        return self.unit == PERCENT

    @property
    def meets_target(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # What the column counts ("người"), or ``PERCENT`` for a rate; the report's appendix prints it.
    unit: str = ""

    def __str__(self) -> str:
        return str(self.label)


class TableRow(NamedTuple):
    """One agency's row. A tuple, not a dataclass: a thousand of them come out of the cache at every view."""

    agency_id: int | None
    agency_name: str
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    """Figures row by row: one row per agency, or per something else (a form of commendation, a measure),
    which ``row_heading`` then names; such rows have no ``agency_id``."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...] = ()
    # What the first column names when rows are not agencies (empty: the agencies).
    row_heading: str = ""

    def for_agency(self, agency_id: int) -> Table:
        """The agency's own row; rows that are not agencies were already computed for the agency alone."""
        return replace(self, rows=tuple(row for row in self.rows if row.agency_id in (agency_id, None)))


@dataclass(frozen=True)
class Shortfall:
    """Agencies that fall short on one point of a measure (nobody trained where someone could be…).

    ``label`` names them as a report's sentence does after their count ("cơ quan, đơn vị chưa có người
    được bồi dưỡng"); the drafted narrative lists them and turns them into next year's tasks.
    """

    key: str
    label: str
    agencies: tuple[str, ...] = ()


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
    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.indicators and not any(table.rows for table in self.tables)

    def indicator(self, key: str) -> Indicator | None:
        return next((item for item in self.indicators if item.key == key), None)

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


SectionFunction = Callable[..., Section]
FiguresFunction = Callable[[Period], Figures]


@dataclass(frozen=True, order=True)
class Provider:
    """One source of a section, sorted by its article reference."""

    article: tuple[int, int]
    key: str
    function: SectionFunction = field(compare=False)
    agency_figures: FiguresFunction | None = field(default=None, compare=False)
    reads: tuple[str, ...] = field(default=(), compare=False)
    # The app whose history tables tell when its figures change.
    app_label: str = field(default="", compare=False)


_discovered: list[Provider] | None = None
_registered: list[Provider] = []


def discover() -> list[Provider]:
    """Find every installed app's ``indicators`` module, once per process."""
    global _discovered
    if _discovered is None:
        _discovered = [
            Provider(
                tuple(module.ARTICLE),
                getattr(module, "KEY", config.label),
                module.section,
                getattr(module, "agency_figures", None),
                tuple(getattr(module, "READS", ())),
                config.label,
            )
            for config, module in app_modules("indicators")
        ]
    return _discovered


def providers() -> list[Provider]:
    """Every provider in article order (the order of the dashboard and the report)."""
    return sorted([*discover(), *_registered])


def computing_order() -> list[Provider]:
    """Providers in an order where each comes after the ones it reads; refuses self-reads and cycles."""
    by_key = {provider.key: provider for provider in providers()}
    ordered: list[Provider] = []
    visiting: set[str] = set()

    def visit(provider: Provider) -> None:
        if provider in ordered:
            return
        if provider.key in visiting or provider.key in provider.reads:
            raise ValueError(f"The figures of {provider.key!r} read themselves, directly or in a cycle")
        visiting.add(provider.key)
        for key in provider.reads:
            if key not in by_key:
                raise ValueError(f"{provider.key!r} reads {key!r}, which no installed app provides")
            visit(by_key[key])
        visiting.discard(provider.key)
        ordered.append(provider)

    for provider in by_key.values():
        visit(provider)
    return ordered


def register(
    article: tuple[int, int],
    key: str,
    function: SectionFunction,
    *,
    agency_figures: FiguresFunction | None = None,
    reads: tuple[str, ...] = (),
    app_label: str = "",
) -> Provider:
    """Add a provider by hand; without ``app_label`` its figures are never cached (nothing dates them)."""
    provider = Provider(tuple(article), key, function, agency_figures, tuple(reads), app_label)
    _registered.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    _registered.remove(provider)


@contextlib.contextmanager
def registered(
    article: tuple[int, int], key: str, function: SectionFunction, **options: Any
) -> Iterator[Provider]:
    """Register a provider for the duration of a block (used by tests and previews)."""
    provider = register(article, key, function, **options)
    try:
        yield provider
    finally:
        unregister(provider)


# Reading the registry.


def sections(period: Period, *, agency: Any = None) -> list[Section]:
    """Every registered section for a period, in article order.

    With ``agency`` each provider computes that agency's figures and each per-agency table keeps only
    that agency's rows, so agency staff see their own agency and nothing of the others.
    """
    return _Reading(period).sections(agency)


def sections_by_year(
    periods: list[Period], *, agency: Any = None, tables: bool = True
) -> dict[int, list[Section]]:
    """The sections of several periods (the dashboard's trend years), with one look at what changed.

    The last period keeps its tables; with ``tables=False`` the others come without (their figures only,
    which is all a trend needs, and far less to read back from the cache).
    """
    marks = _Marks()
    last = periods[-1] if periods else None
    return {
        period.year: _Reading(period, marks=marks).sections(agency, tables=tables or period == last)
        for period in periods
    }


def section_for(key: str, period: Period, agency: Any = None) -> Section:
    """One provider's section; ``KeyError`` for a key no installed app provides."""
    reading = _Reading(period)
    provider = reading.provider(key)
    return reading.section(provider, agency)


def figures(period: Period) -> Figures:
    """Every agency's value of every keyed indicator that has per-agency values, from every provider."""
    return _Reading(period).figures()


def agency_names(agency: Any = None) -> dict[int, str]:
    """Active agencies in display order (dicts keep it), by short name, narrowed to one agency when asked:
    the rows of every per-agency table."""
    agencies = Agency.objects.active()
    if agency is not None:
        agencies = agencies.filter(pk=agency.pk)
    return {pk: short or name for pk, short, name in agencies.values_list("pk", "short_name", "name")}


def catalogue(periods: list[Period]) -> dict[str, Indicator]:
    """Every keyed indicator with a value per agency in these periods, as the sections name it.

    A rubric or a comparison names its figures by these keys. The province's sections label most of
    them; an indicator only an agency's section shows (whether its own plan is approved) is labelled from
    the section of an agency that has it. An indicator shows only once something was recorded, hence the
    periods.
    """
    found: dict[str, Indicator] = {}
    for period in periods:
        reading = _Reading(period)
        per_agency = reading.figures()
        labelled = {item.key: item for section in reading.sections(None) for item in section.indicators}
        for key, values in per_agency.items():
            if key not in found:
                found[key] = labelled.get(key) or reading.agency_indicator(key, values)
    return dict(sorted(found.items()))


class _Reading:
    """One read of the registry for a period: the change marks are read once, derived sections get figures."""

    def __init__(self, period: Period, *, marks: _Marks | None = None) -> None:
        self.period = period
        self.marks = marks or _Marks()
        self.by_key = {provider.key: provider for provider in providers()}
        self._figures: dict[str, Figures] = {}

    def provider(self, key: str) -> Provider:
        return self.by_key[key]

    def sections(self, agency: Any, *, tables: bool = True) -> list[Section]:
        kind = "section" if tables else "figures-only"
        keys = {provider.key: self._cache_key(provider, kind, agency) for provider in providers()}
        found = _cache_get_many([key for key in keys.values() if key])
        return [
            found.get(keys[provider.key]) or self._fresh(provider, agency, tables) for provider in providers()
        ]

    def _fresh(self, provider: Provider, agency: Any, tables: bool) -> Section:
        """Compute a section and keep it both whole and without its tables."""
        section = _store(
            self._cache_key(provider, "section", agency), self._compute_section(provider, agency)
        )
        figures_only = _store(self._cache_key(provider, "figures-only", agency), replace(section, tables=()))
        return section if tables else figures_only

    def section(self, provider: Provider, agency: Any) -> Section:
        key = self._cache_key(provider, "section", agency)
        return _cached(key, lambda: self._compute_section(provider, agency))

    def _compute_section(self, provider: Provider, agency: Any) -> Section:
        options = {"figures": self._figures_read_by(provider)} if provider.reads else {}
        section = provider.function(self.period, agency=agency, **options)
        if agency is not None:
            section = replace(section, tables=tuple(table.for_agency(agency.pk) for table in section.tables))
        return section

    def agency_indicator(self, key: str, values: Mapping[int, Any]) -> Indicator:
        """An indicator of agencies' sections, as the section of an agency with a value names it."""
        provider = self.by_key.get(key.split(".", 1)[0])
        agency_id = next((pk for pk, value in values.items() if value), None)
        if provider is not None and agency_id is not None:
            agency = Agency.objects.filter(pk=agency_id).first()
            item = agency and self.section(provider, agency).indicator(key)
            if item:
                return item
        return Indicator(key, key, None)

    def figures(self) -> Figures:
        result: Figures = {}
        for provider in computing_order():
            result.update(self._provider_figures(provider))
        return result

    def _provider_figures(self, provider: Provider) -> Figures:
        if provider.agency_figures is None:
            return {}
        if provider.key not in self._figures:
            options = {"figures": self._figures_read_by(provider)} if provider.reads else {}
            key = self._cache_key(provider, "figures", None)
            self._figures[provider.key] = _cached(
                key, lambda: provider.agency_figures(self.period, **options)
            )
        return self._figures[provider.key]

    def _figures_read_by(self, provider: Provider) -> Figures:
        result: Figures = {}
        for key in provider.reads:
            result.update(self._provider_figures(self.by_key[key]))
        return result

    def _cache_key(self, provider: Provider, kind: str, agency: Any) -> str | None:
        """The cache key of a value, or ``None`` when it must not be cached (a provider added by hand)."""
        if not provider.app_label:
            return None
        apps_read = {provider.app_label, *SHARED_APPS}
        for key in provider.reads:
            apps_read.add(self.by_key[key].app_label)
        mark = ".".join(str(self.marks.of(label)) for label in sorted(apps_read))
        agency_part = agency.pk if agency is not None else "all"
        period = f"{self.period.year}:{self.period.start:%Y%m%d}:{self.period.end:%Y%m%d}"
        return f"indicators:{provider.key}:{kind}:{period}:{agency_part}:{get_language()}:{mark}"


def cached(name: str, compute: Callable[[], Any], *, apps: tuple[str, ...] = SHARED_APPS) -> Any:
    """A value computed from the registers (headline counts), cached like the sections until ``apps`` change.

    ``name`` must say everything the value depends on besides the data (scope, year).
    """
    marks = _Marks()
    mark = ".".join(str(marks.of(label)) for label in sorted(apps))
    return _cached(f"figures:{name}:{get_language()}:{mark}", compute)


class _Marks:
    """The change marks, read from the database the first time a cache key needs them."""

    def __init__(self) -> None:
        self._marks: dict[str, int] | None = None

    def of(self, app_label: str) -> int:
        if self._marks is None:
            self._marks = change_marks()
        return self._marks.get(app_label, 0)


def change_marks() -> dict[str, int]:
    """For each app, the sum of the newest history ids of its models, in one query.

    Every write adds a history record, and each table's newest id only grows, so the sum moves with every
    write (a single maximum across tables would not: their ids count separately).
    """
    labels, sql = _marks_query()
    if not labels:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return {label: value or 0 for label, value in zip(labels, row, strict=True)}


@functools.cache
def _marks_query() -> tuple[list[str], str]:
    """The apps with history and the query of their marks, worked out once per process: simple-history
    builds a new manager at every read of ``Model.history``, which for sixty models costs more than the
    query itself."""
    from simple_history.models import registered_models

    tables: dict[str, list[str]] = {}
    for model in registered_models.values():
        # The through tables of many-to-many fields with history change with their row's own history.
        if not hasattr(model, "history"):
            continue
        history = model.history.model
        tables.setdefault(model._meta.app_label, []).append(history._meta.db_table)
    labels = sorted(tables)
    quote = connection.ops.quote_name
    parts = [
        "(SELECT SUM(m) FROM ("
        + " UNION ALL ".join(
            f"SELECT COALESCE(MAX(history_id), 0) AS m FROM {quote(table)}" for table in tables[label]
        )
        + ") AS t)"
        for label in labels
    ]
    return labels, "SELECT " + ", ".join(parts)


# The cache is an optimisation: when it cannot be reached the figures are computed as if nothing was cached.


def _cached(key: str | None, compute: Callable[[], Any]) -> Any:
    value = _cache_get_many([key]).get(key) if key else None
    return _store(key, compute()) if value is None else value


def _store(key: str | None, value: Any) -> Any:
    if key:
        try:
            cache.set(key, value, CACHE_SECONDS)
        except Exception as exc:  # Redis down or refusing: serve the fresh value anyway
            logger.warning("Cannot store figures in the cache: %s", exc)
    return value


def _cache_get_many(keys: list[str]) -> Mapping[str, Any]:
    try:
        return cache.get_many(keys)
    except Exception as exc:
        logger.warning("Cannot read figures from the cache: %s", exc)
        return {}
