"""Writes of the yearly emulation movement and the agencies' pledges.

The pledge flow, as in commendation software agencies know (MISA CeGov): an agency drafts its pledge and
sends it; Home Affairs approves it, or returns it with what to complete; a returned pledge is corrected and
sent again. A sent or approved pledge cannot be changed by the agency.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import require
from dancoso.core.audit import assign, audited_save
from dancoso.core.rules import check_upload, problems_or_none, require_status
from dancoso.core.uploads import DOCUMENTS
from emulation.models import Campaign, Pledge, PledgeStatus
from emulation.models.campaign import EDITABLE_PLEDGE

CAMPAIGN_FIELDS = (
    "year",
    "title",
    "document_number",
    "document_date",
    "document_file",
    "content",
    "criteria",
    "starts_on",
    "ends_on",
    "pledge_deadline",
)
PLEDGE_FIELDS = (
    "campaign",
    "agency",
    "collective_award",
    "collective_targets",
    "individual_targets",
    "individuals",
    "file",
)


@transaction.atomic
def campaign_save(*, actor: Any, campaign: Campaign | None = None, **fields: Any) -> Campaign:
    """Launch the year's movement, or correct it (Home Affairs, for the Chair of the People's Committee)."""
    campaign = campaign or Campaign(created_by=actor)
    check_upload(fields.get("document_file"), DOCUMENTS, "document_file")
    assign(campaign, fields, CAMPAIGN_FIELDS)
    require(actor, campaign)
    problems: dict[str, list[str]] = {}
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        problems["ends_on"] = [_("The movement cannot end before it starts.")]
    if campaign.year and Campaign.objects.filter(year=campaign.year).exclude(pk=campaign.pk).exists():
        problems["year"] = [
            _("The movement of %(year)s has already been recorded.") % {"year": campaign.year}
        ]
    problems_or_none(problems)
    return audited_save(campaign, actor=actor)


@transaction.atomic
def pledge_save(*, actor: Any, pledge: Pledge | None = None, **fields: Any) -> Pledge:
    """Draft an agency's pledge, or correct it while it is not sent or has been returned."""
    pledge = pledge or Pledge(created_by=actor)
    require_status(pledge, EDITABLE_PLEDGE, _("A pledge that has been sent cannot be changed."))
    check_upload(fields.get("file"), DOCUMENTS, "file")
    assign(pledge, fields, PLEDGE_FIELDS)
    require(actor, pledge)
    problems: dict[str, list[str]] = {}
    award = pledge.collective_award
    if award is not None and not award.awards_to("collective"):
        problems["collective_award"] = [_("%(award)s is not awarded to collectives.") % {"award": award}]
    twins = Pledge.objects.filter(campaign_id=pledge.campaign_id, agency_id=pledge.agency_id)
    if pledge.campaign_id and pledge.agency_id and twins.exclude(pk=pledge.pk).exists():
        message = _("%(agency)s has already registered its pledge to this movement.")
        problems["agency"] = [message % {"agency": pledge.agency}]
    problems_or_none(problems)
    return audited_save(pledge, actor=actor)


@transaction.atomic
def pledge_send(*, pledge: Pledge, actor: Any) -> Pledge:
    require(actor, pledge)
    require_status(pledge, EDITABLE_PLEDGE, _("This pledge has already been sent."))
    pledge.status = PledgeStatus.SENT
    pledge.sent_at = timezone.now()
    return audited_save(pledge, actor=actor)


@transaction.atomic
def pledge_return(*, pledge: Pledge, reason: str, actor: Any) -> Pledge:
    """Home Affairs sends a pledge back to its agency, saying what to complete."""
    require(actor, pledge, "review")
    require_status(pledge, (PledgeStatus.SENT,), _("Only a sent pledge can be returned."))
    if not reason.strip():
        problems_or_none({"reason": [_("Say what the agency must complete.")]})
    pledge.status = PledgeStatus.RETURNED
    pledge.return_reason = reason.strip()
    pledge.reviewed_at = timezone.now()
    return audited_save(pledge, actor=actor, reason=pledge.return_reason)


@transaction.atomic
def pledge_approve(*, pledge: Pledge, actor: Any) -> Pledge:
    require(actor, pledge, "review")
    require_status(pledge, (PledgeStatus.SENT,), _("Only a sent pledge can be approved."))
    pledge.status = PledgeStatus.APPROVED
    pledge.reviewed_at = timezone.now()
    return audited_save(pledge, actor=actor)
