"""Excel exports of the staff conferences: the list, and Home Affairs' matrix of a year."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accountability.selectors.conferences import TIMING_LABELS, quorum_label, timing
from dancoso.agencies.models import Agency
from dancoso.core.exports import Column, dated, export

CONFERENCE_COLUMNS = (
    Column(_("Year reported on"), lambda conference: conference.year),
    Column(capfirst(Agency._meta.verbose_name), lambda conference: conference.agency.name),
    Column(_("Held on"), lambda conference: conference.held_on),
    Column(_("Deadline"), lambda conference: conference.deadline),
    Column(_("On time"), lambda conference: str(TIMING_LABELS[timing(conference.year, conference.held_on)])),
    Column(_("Staff summoned"), lambda conference: conference.summoned),
    Column(_("Staff present"), lambda conference: conference.present),
    Column(_("Quorum"), lambda conference: quorum_label(conference.present, conference.summoned)),
    Column(_("Resolutions"), lambda conference: conference.resolutions_count),
)


def conferences_xlsx(conferences: Iterable[Any]) -> HttpResponse:
    return export(dated("hoi-nghi-cbccvc"), CONFERENCE_COLUMNS, conferences, title=_("Staff conferences"))


def matrix_columns(year: int) -> tuple[Column, ...]:
    """The matrix's columns, shared by the page and its export so both say the same thing."""
    return (
        Column(capfirst(Agency._meta.verbose_name), lambda row: row.name),
        Column(_("Held on"), lambda row: row.held_on),
        Column(_("Staff summoned"), lambda row: row.summoned),
        Column(_("Staff present"), lambda row: row.present),
        Column(_("Quorum"), lambda row: quorum_label(row.present, row.summoned)),
        Column(_("On time"), lambda row: str(TIMING_LABELS[timing(year, row.held_on)])),
    )


def matrix_xlsx(agencies: Iterable[Any], year: int) -> HttpResponse:
    title = _("Staff conferences %(year)s") % {"year": year}
    return export(f"hoi-nghi-cbccvc-{year}.xlsx", matrix_columns(year), agencies, title=title)
