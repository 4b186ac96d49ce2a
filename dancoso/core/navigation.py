"""The main menu, grouped by article of the resolution.

Each measure app adds its entries here when it lands; a group with no visible entry is not shown.
An entry names the URL, its label, and who may see it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from dancoso.accounts import access


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    visible_to: Callable[[Any], bool]


@dataclass(frozen=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


MENU: tuple[Group, ...] = (
    Group(
        _("Art. 1 – Measures"),
        (
            Entry("training:class_list", _("§1 Training classes"), access.can_read_records),
            Entry("training:plan_list", _("§1 Yearly training plans"), access.can_read_records),
            Entry("training:coverage", _("§1 Training coverage by agency"), access.can_read_records),
        ),
    ),
    Group(_("Art. 2 – Funding"), ()),
    Group(
        _("Art. 3 – Reporting"),
        (
            Entry(
                "reporting:report_list", _("Yearly report to the People's Council"), access.can_read_reports
            ),
        ),
    ),
    Group(
        _("Registers"),
        (
            Entry("agencies:agency_list", _("Agencies"), access.can_read_records),
            Entry("agencies:person_list", _("People"), access.can_read_records),
            Entry("accounts:user_list", _("Users"), access.is_province_admin),
            Entry("agencies:province_update", _("Province"), access.is_province_admin),
        ),
    ),
)


def menu_for(user: Any) -> list[dict[str, Any]]:
    groups = []
    for group in MENU:
        entries = []
        for entry in group.entries:
            if not entry.visible_to(user):
                continue
            try:
                entries.append({"label": entry.label, "url": reverse(entry.url_name), "name": entry.url_name})
            except NoReverseMatch:
                continue
        if entries:
            groups.append({"label": group.label, "entries": entries})
    return groups
