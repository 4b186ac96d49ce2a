"""The main menu and the public portal's links, gathered from the apps.

Each app may ship a ``navigation.py`` module exposing ``ENTRIES`` (menu entries, each with the article of
the resolution it serves) and ``PORTAL_LINKS`` (what citizens find on the portal's home page), the way it
ships ``indicators.py``. The menu groups the entries by article: Art. 1 (the measures), Art. 2 (funding),
Art. 3 (reporting), then the registers of the core. A group with no visible entry is not shown. The core
names no app: it only reads what the apps declare.

An app may declare, in ``AGENCY_FLAGS``, what it warns about an agency (a People's Inspection Board out
of term …): each check gives, for a list of agencies, their warnings from a fixed number of queries, and
the agency's page and the dashboard show them.

An app may declare, in ``FUNDABLE``, which of its records a budget line may say it pays for.

An app also declares, in ``REFERENCES``, the small lists of data Home Affairs edits in the portal (document
types, channels …): ``dancoso.core.references`` opens only those, and only their declared fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access
from dancoso.core.discovery import app_modules

REGISTERS = None


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    visible_to: Callable[[Any], bool]
    # The article (Điều, khoản) the page serves; ``REGISTERS`` for the core's own registers.
    article: tuple[int, int] | None = REGISTERS


@dataclass(frozen=True)
class PortalLink:
    """A line of the public portal's home page: a link, or a note where the page needs a code first."""

    label: str
    url_name: str = ""
    article: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Reference:
    """A list of data Home Affairs edits at ``/reference/``: the model's label and its editable fields."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    article: tuple[int, int] | None = REGISTERS


@dataclass(frozen=True)
class AgencyFlags:
    """What an app warns about agencies: ``check(agency_ids)`` maps each id to its warnings (an empty list
    for an agency with nothing wrong); ``url_name`` is the page where they are put right."""

    check: Callable[[list[Any]], dict[Any, list[str]]]
    url_name: str
    article: tuple[int, int] | None = REGISTERS


@dataclass(frozen=True)
class Fundable:
    """A kind of record a budget line may say it pays for (a training class, a dissemination activity …).

    ``agency`` and ``year`` are lookups from the record to the agency that owns it and to its year; ``None``
    where any agency's line, or a line of any year, may point at it (a class open to every agency, a
    system built over several years). ``title`` is the field a choice shows.
    """

    model: str  # "app_label.ModelName"
    label: Any
    title: str
    agency: str | None = None
    year: str | None = None


GROUPS: tuple[tuple[Callable[[tuple[int, int] | None], bool], Any], ...] = (
    (lambda article: article is not None and article[0] == 1, _("Art. 1 – Measures")),
    (lambda article: article is not None and article[0] == 2, _("Art. 2 – Funding")),
    (lambda article: article is not None and article[0] == 3, _("Art. 3 – Reporting")),
    (lambda article: article is None, _("Registers")),
)

# The core's own registers.
ENTRIES: tuple[Entry, ...] = (
    Entry("agencies:agency_list", _("Agencies"), access.can_read_records),
    Entry("agencies:person_list", _("People"), access.can_read_records),
    Entry("accounts:user_list", _("Users"), access.is_province_admin),
    Entry("agencies:province_update", _("Province"), access.is_province_admin),
    Entry("reference_index", _("Reference data"), access.is_province_admin),
    Entry("calendar", _("Working-day calendar"), access.is_province_admin),
)

# The core's own list: the days a deadline counts differently from the weekends and public holidays.
CORE_REFERENCES: tuple[Reference, ...] = (Reference("core.CalendarDay", ("day", "kind", "name"), REGISTERS),)


def fundables() -> list[Fundable]:
    """What budget lines may point at, from every app's ``FUNDABLE``, in the apps' order."""
    return _declared("FUNDABLE")


def entries() -> list[Entry]:
    """Every app's entries, by article (stable within an article: the app's own order)."""
    return _by_article(_declared("ENTRIES"))


def references() -> list[Reference]:
    """Every app's lists of reference data by article, then the core's own."""
    return [*_by_article(_declared("REFERENCES")), *CORE_REFERENCES]


def agency_flags(agency_ids: list[Any]) -> dict[Any, list[dict[str, str]]]:
    """Each agency's warnings from every app, in article order, each with the page where it is put right."""
    found: dict[Any, list[dict[str, str]]] = {agency_id: [] for agency_id in agency_ids}
    for flags in _by_article(_declared("AGENCY_FLAGS")):
        url = reverse(flags.url_name)
        for agency_id, labels in flags.check(list(agency_ids)).items():
            found.setdefault(agency_id, []).extend({"label": str(label), "url": url} for label in labels)
    return found


def _declared(name: str) -> list[Any]:
    return [item for _config, module in app_modules("navigation") for item in getattr(module, name, ())]


def _by_article(found: list[Any]) -> list[Any]:
    """The measures' items in article order (stable: each app's own order), then the core's registers."""
    measures = sorted((item for item in found if item.article is not None), key=lambda item: item.article)
    return [*measures, *(item for item in found if item.article is None)]


def menu_for(user: Any) -> list[dict[str, Any]]:
    visible = [entry for entry in entries() if entry.visible_to(user)]
    groups = []
    for belongs, label in GROUPS:
        links = [link for entry in visible if belongs(entry.article) and (link := _link(entry))]
        if links:
            groups.append({"label": label, "entries": links})
    return groups


def portal_links() -> list[dict[str, Any]]:
    """The public portal's links from every app, in article order."""
    found = [
        link for _config, module in app_modules("navigation") for link in getattr(module, "PORTAL_LINKS", ())
    ]
    return [
        {"label": link.label, "url": reverse(link.url_name) if link.url_name else ""}
        for link in sorted(found, key=lambda link: link.article)
    ]


def _link(entry: Entry) -> dict[str, Any] | None:
    try:
        return {"label": entry.label, "url": reverse(entry.url_name), "name": entry.url_name}
    except NoReverseMatch:
        return None
