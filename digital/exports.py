"""Excel export of the IT systems register."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from dancoso.core.exports import Column, dated, export, yes

COLUMNS = (
    Column(_("Name"), lambda row: row.name),
    Column(_("Owner agency"), lambda row: row.agency.name),
    Column(_("Kind"), lambda row: row.get_kind_display()),
    Column(_("Purposes"), lambda row: "; ".join(purpose.name for purpose in row.purposes.all())),
    Column(_("Status"), lambda row: row.get_status_display()),
    Column(_("Progress (%)"), lambda row: row.progress),
    Column(_("Project started on"), lambda row: row.started_on),
    Column(_("In operation since"), lambda row: row.launched_on),
    Column(_("Used by staff"), lambda row: yes(row.for_staff)),
    Column(_("Used by citizens"), lambda row: yes(row.for_citizens)),
    Column(_("Used by businesses"), lambda row: yes(row.for_businesses)),
    Column(_("Address (URL)"), lambda row: row.url),
    Column(_("National platforms"), lambda row: "; ".join(platform.name for platform in row.platforms.all())),
    Column(_("Operator"), lambda row: row.operator),
    Column(_("Operating contract ends on"), lambda row: row.contract_end),
)


def systems_xlsx(systems: Iterable[Any]) -> HttpResponse:
    return export(dated("he-thong-cntt"), COLUMNS, systems, title=_("IT systems"))
