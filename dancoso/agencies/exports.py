"""Excel exports of the agency and people registers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.imports import HEADERS
from dancoso.agencies.models import Agency, Person
from dancoso.core.exports import Column, dated, export, yes


def _field(name: str) -> Any:
    return capfirst(Agency._meta.get_field(name).verbose_name)


AGENCY_COLUMNS = (
    Column(_field("code"), lambda agency: agency.code),
    Column(_field("name"), lambda agency: agency.name),
    Column(_field("short_name"), lambda agency: agency.short_name),
    Column(_field("kind"), lambda agency: agency.get_kind_display()),
    Column(_field("parent"), lambda agency: str(agency.parent or "")),
    Column(_field("is_active"), lambda agency: yes(agency.is_active)),
    Column(_field("retired_on"), lambda agency: agency.retired_on),
    Column(_field("merged_into"), lambda agency: str(agency.merged_into or "")),
    Column(_field("needs_verification"), lambda agency: yes(agency.needs_verification)),
    Column(_field("source"), lambda agency: agency.source),
    Column(_field("note"), lambda agency: agency.note),
)
PEOPLE_COUNT = Column(_("People"), lambda agency: agency.people_count)

# The import columns first, so an export can be edited and imported again, then agency and status.
PERSON_COLUMNS = (
    *(
        Column(header, value)
        for header, value in zip(
            HEADERS,
            (
                lambda person: person.full_name,
                lambda person: person.agency.code,
                lambda person: person.position,
                lambda person: person.email,
                lambda person: person.phone,
                lambda person: yes(person.is_democracy_officer),
                lambda person: yes(person.is_inspection_member),
                lambda person: person.inspection_term_start,
                lambda person: person.inspection_term_end,
                lambda person: yes(person.is_steering_member),
            ),
            strict=True,
        )
    ),
    Column(capfirst(Agency._meta.verbose_name), lambda person: person.agency.name),
    Column(_("Still working at the agency"), lambda person: yes(person.is_active)),
)


def agencies_xlsx(agencies: Iterable[Agency], *, with_people: bool) -> HttpResponse:
    columns = (*AGENCY_COLUMNS, PEOPLE_COUNT) if with_people else AGENCY_COLUMNS
    return export(dated("co-quan"), columns, agencies, title=_("Agencies"))


def people_xlsx(people: Iterable[Person]) -> HttpResponse:
    return export(dated("can-bo"), PERSON_COLUMNS, people, title=_("People"))


def people_template(agency: Agency | None) -> HttpResponse:
    """The import file with one example row, in the agency of the person downloading it."""
    example = Person(
        full_name="Nguyễn Văn An",
        agency=agency or Agency(code=""),
        position="Chuyên viên",
        email="an.nv@bacgiang.gov.vn",
        phone="0912 345 678",
        is_democracy_officer=True,
        is_inspection_member=True,
        inspection_term_start=date(2024, 1, 15),
        inspection_term_end=date(2026, 1, 14),
    )
    return export("mau-nhap-can-bo.xlsx", PERSON_COLUMNS[: len(HEADERS)], [example], title=_("People"))
