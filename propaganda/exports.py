"""Excel exports of the posting log, and its import template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.models import Agency
from dancoso.core.exports import Column, dated, export, yes
from propaganda.imports import HEADERS
from propaganda.models import Channel, PlanStatus, Posting

# The import columns first, so an export can be edited and imported again; then the agency's name.
POSTING_COLUMNS = (
    *(
        Column(header, value)
        for header, value in zip(
            HEADERS,
            (
                lambda posting: posting.posted_on,
                lambda posting: posting.channel.name,
                lambda posting: posting.title,
                lambda posting: posting.url,
                lambda posting: posting.audience,
                lambda posting: posting.document.number if posting.document else "",
                lambda posting: posting.agency.code,
            ),
            strict=True,
        )
    ),
    Column(capfirst(Agency._meta.verbose_name), lambda posting: posting.agency.name),
    Column(_("Screenshot attached"), lambda posting: yes(bool(posting.evidence))),
)


def postings_xlsx(postings: Iterable[Posting]) -> HttpResponse:
    return export(dated("tin-bai-dang-tai"), POSTING_COLUMNS, postings, title=_("Postings"))


def postings_template(agency: Agency | None, channel: Channel | None) -> HttpResponse:
    """The import file with one example row, in the agency of the person downloading it."""
    example: Any = Posting(
        agency=agency or Agency(code=""),
        channel=channel or Channel(name=""),
        posted_on=dt.date(2026, 4, 2),
        title="Luật Thực hiện dân chủ ở cơ sở năm 2022",
        url="https://bacgiang.gov.vn/tin-tuc/luat-thuc-hien-dan-chu-o-co-so",
        audience=350,
    )
    return export("mau-nhap-tin-bai.xlsx", POSTING_COLUMNS[: len(HEADERS)], [example], title=_("Postings"))


PLAN_COLUMNS = (
    Column(_("Year"), lambda plan: plan.year),
    Column(capfirst(Agency._meta.verbose_name), lambda plan: plan.agency.name),
    Column(_("Title"), lambda plan: plan.title),
    Column(_("Status"), lambda plan: plan.get_status_display()),
    Column(_("Approving document"), lambda plan: plan.decision_number),
    Column(_("Approved on"), lambda plan: plan.decision_date),
    Column(_("Activities planned"), lambda plan: plan.planned),
    Column(_("Activities held"), lambda plan: plan.held),
)


def plans_xlsx(plans: Iterable[Any]) -> HttpResponse:
    return export(dated("ke-hoach-pbgdpl"), PLAN_COLUMNS, plans, title=_("Dissemination plans"))


def compliance_columns() -> tuple[Column, ...]:
    """The matrix's columns, shared by the page and its export so both say the same thing."""
    labels = dict(PlanStatus.choices)
    return (
        Column(capfirst(Agency._meta.verbose_name), lambda row: row.name),
        Column(_("Plan"), lambda row: str(labels.get(row.plan_status, _("No plan")))),
        Column(_("Plan approved"), lambda row: yes(bool(row.has_plan))),
        Column(_("Activities planned"), lambda row: row.planned),
        Column(_("Activities held"), lambda row: row.held),
        Column(_("Participants"), lambda row: row.participants),
        Column(_("Postings on its own website"), lambda row: row.website_postings),
        Column(_("Postings on every channel"), lambda row: row.postings_count),
    )


def compliance_xlsx(agencies: Iterable[Any], year: int) -> HttpResponse:
    title = _("Dissemination %(year)s") % {"year": year}
    return export(f"tinh-hinh-pbgdpl-{year}.xlsx", compliance_columns(), agencies, title=title)
