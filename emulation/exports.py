"""Excel exports of §4: pledges and who has sent one, exemplary models, quotas, nominations, violations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from dancoso.core.exports import Column, dated, export, yes
from emulation.models import PledgeStatus

PLEDGE_COLUMNS = (
    Column(_("Year"), lambda pledge: pledge.campaign.year),
    Column(_("Agency"), lambda pledge: pledge.agency.name),
    Column(_("Title the agency strives for"), lambda pledge: str(pledge.collective_award or "")),
    Column(_("Collective targets"), lambda pledge: pledge.collective_targets),
    Column(_("Individuals who pledged"), lambda pledge: pledge.individuals),
    Column(_("Status"), lambda pledge: pledge.get_status_display()),
    Column(_("Sent at"), lambda pledge: pledge.sent_at),
    Column(_("What to complete"), lambda pledge: pledge.return_reason),
)


def pledges_xlsx(pledges: Iterable[Any]) -> HttpResponse:
    return export(dated("dang-ky-thi-dua"), PLEDGE_COLUMNS, pledges, title=_("Pledges"))


def matrix_status(row: Any) -> str:
    """The pledge's status of a row of the matrix; an agency without a pledge has not sent one."""
    return str(PledgeStatus(row.pledge_status).label if row.pledge_status else PledgeStatus.DRAFT.label)


MATRIX_COLUMNS = (
    Column(_("Agency"), lambda row: row.name),
    Column(_("Pledge"), matrix_status),
)


def matrix_xlsx(agencies: Iterable[Any], year: int) -> HttpResponse:
    title = _("Pledges %(year)s") % {"year": year}
    return export(f"dang-ky-thi-dua-{year}.xlsx", MATRIX_COLUMNS, agencies, title=title)


EXEMPLAR_COLUMNS = (
    Column(_("Year"), lambda row: row.year),
    Column(_("Agency"), lambda row: row.agency.name),
    Column(_("Name of the model"), lambda row: row.title),
    Column(_("Who"), lambda row: row.honoured),
    Column(_("Prestigious person"), lambda row: yes(row.is_prestigious)),
    Column(_("Status"), lambda row: row.get_status_display()),
    Column(_("Recognised on"), lambda row: row.recognised_on),
    Column(_("Photos"), lambda row: row.photo_count),
)


def exemplars_xlsx(exemplars: Iterable[Any]) -> HttpResponse:
    return export(dated("mo-hinh-dien-hinh"), EXEMPLAR_COLUMNS, exemplars, title=_("Exemplary models"))


QUOTA_COLUMNS = (
    Column(_("Year"), lambda row: row.year),
    Column(_("Agency"), lambda row: row.agency.name),
    Column(_("Form of commendation"), lambda row: row.award.name),
    Column(_("Places"), lambda row: row.places),
    Column(_("Held"), lambda row: row.held),
    Column(_("Free"), lambda row: row.free),
)


def quotas_xlsx(quotas: Iterable[Any]) -> HttpResponse:
    return export(dated("chi-tieu-khen-thuong"), QUOTA_COLUMNS, quotas, title=_("Commendation quotas"))


NOMINATION_COLUMNS = (
    Column(_("Year"), lambda row: row.year),
    Column(_("Agency"), lambda row: row.agency.name),
    Column(_("Form of commendation"), lambda row: row.award.name),
    Column(_("Nominee"), lambda row: row.nominee),
    Column(_("Who"), lambda row: row.get_kind_display()),
    Column(_("Status"), lambda row: row.get_status_display()),
    Column(_("Submitted at"), lambda row: row.submitted_at),
    Column(_("Reason not approved"), lambda row: row.council_reason),
    Column(_("Decision number"), lambda row: row.decision_number),
    Column(_("Decision date"), lambda row: row.decision_date),
    Column(_("Decided by"), lambda row: row.decision_issuer),
)


def nominations_xlsx(nominations: Iterable[Any]) -> HttpResponse:
    return export(dated("de-nghi-khen-thuong"), NOMINATION_COLUMNS, nominations, title=_("Nominations"))


VIOLATION_COLUMNS = (
    Column(_("Found on"), lambda row: row.found_on),
    Column(_("Agency"), lambda row: row.agency.name),
    Column(_("Person"), lambda row: row.person.full_name if row.person else ""),
    Column(_("Rule broken"), lambda row: row.category.name),
    Column(_("How it was found"), lambda row: row.get_detection_display()),
    Column(_("Status"), lambda row: row.get_status_display()),
    Column(_("Handling"), lambda row: str(row.handling or "")),
    Column(_("Decision number"), lambda row: row.decision_number),
    Column(_("Handled on"), lambda row: row.decision_date),
)


def violations_xlsx(violations: Iterable[Any]) -> HttpResponse:
    return export(dated("vi-pham"), VIOLATION_COLUMNS, violations, title=_("Violations"))
