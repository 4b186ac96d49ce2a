"""Excel exports of disclosures, consultations and the disclosure matrix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accountability.models import Consultation, Disclosure
from dancoso.agencies.models import Agency
from dancoso.core.exports import Column, dated, export, yes

AGENCY = capfirst(Agency._meta.verbose_name)

DISCLOSURE_COLUMNS = (
    Column(AGENCY, lambda row: row.agency.name),
    Column(_("Category"), lambda row: row.category.name),
    Column(_("Year"), lambda row: row.year),
    Column(_("Content disclosed"), lambda row: row.title),
    Column(_("Period covered"), lambda row: row.period_covered),
    Column(_("Disclosed on"), lambda row: row.disclosed_on),
    Column(_("Forms of disclosure"), lambda row: "; ".join(form.name for form in row.forms.all())),
    Column(_("Address (URL)"), lambda row: row.url),
    Column(_("File attached"), lambda row: yes(bool(row.file))),
)

CONSULTATION_COLUMNS = (
    Column(AGENCY, lambda row: row.agency.name),
    Column(_("Matter"), lambda row: row.matter),
    Column(_("Kind"), lambda row: row.get_kind_display()),
    Column(_("From"), lambda row: row.started_on),
    Column(_("To"), lambda row: row.ended_on),
    Column(_("How staff took part"), lambda row: row.get_participation_display()),
    Column(_("Participants"), lambda row: row.participants),
    Column(_("Outcome"), lambda row: row.outcome),
)


def disclosures_xlsx(disclosures: Iterable[Disclosure]) -> HttpResponse:
    return export(dated("cong-khai"), DISCLOSURE_COLUMNS, disclosures, title=_("Disclosures to staff"))


def consultations_xlsx(consultations: Iterable[Consultation]) -> HttpResponse:
    return export(dated("lay-y-kien"), CONSULTATION_COLUMNS, consultations, title=_("Consultations of staff"))


def matrix_columns(required: Sequence[Any]) -> tuple[Column, ...]:
    """The agency, one column per required category (the first date disclosed, or "Chưa"), and the gaps."""

    def cell(index: int) -> Any:
        return lambda row: row.cells[index].first_on or str(_("Not yet"))

    return (
        Column(AGENCY, lambda row: row.agency.name),
        *(Column(category.name, cell(index)) for index, category in enumerate(required)),
        Column(_("Categories not disclosed"), lambda row: row.gaps),
    )


def matrix_xlsx(rows: Iterable[Any], required: Sequence[Any], year: int) -> HttpResponse:
    title = _("Disclosures %(year)s") % {"year": year}
    return export(f"cong-khai-{year}.xlsx", matrix_columns(required), rows, title=title)
