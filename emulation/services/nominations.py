"""Writes of commendation quotas and nominations.

- Home Affairs allocates, per year, agency and form of commendation, how many the agency may propose; a
  quota cannot fall below the places already held.
- An agency drafts a nomination of a person of its own registry, or of a collective, with the summary of
  achievements and the dossier's files, then submits it. Submitting:
  1. locks the nomination and then the quota row (``SELECT … FOR UPDATE``), so two submissions at the last
     free place are decided one after the other: exactly one gets it, the other is told the quota is used;
  2. refuses a nominee barred by a violation handled that year, naming it, unless Home Affairs has recorded
     why it does not bar this nomination (the reason is kept in the history);
  3. counts the places held (submitted, approved, decided) and refuses when none is free.
  The agency may withdraw a submitted nomination before the council reviews it; the place is free again.
- Home Affairs records the emulation council's review (approved, or not approved with a reason, which frees
  the place) and then the decision (number, date no earlier than the submission, issuer).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dancoso.accounts.access import require
from dancoso.agencies.models import Agency
from dancoso.core.audit import assign, audited_save
from dancoso.core.rules import check_upload, problems_or_none, require_status
from dancoso.core.uploads import DOCUMENTS
from emulation.models import Award, Nomination, NominationFile, NominationStatus, NomineeKind, Quota
from emulation.models.commendation import HOLDING_PLACE, MAX_PLACES
from emulation.selectors.violations import blocking_violations
from emulation.services.exemplars import nominee_problems

QUOTA_FIELDS = ("year", "agency", "award", "places")
NOMINATION_FIELDS = ("year", "agency", "award", "kind", "person", "collective_name", "achievements")
MAX_FILES = 10


def places_held(*, year: int, agency_id: Any, award_id: Any) -> int:
    return Nomination.objects.filter(
        year=year, agency_id=agency_id, award_id=award_id, status__in=HOLDING_PLACE
    ).count()


@transaction.atomic
def quota_save(*, actor: Any, quota: Quota | None = None, **fields: Any) -> Quota:
    quota = quota or Quota(created_by=actor)
    assign(quota, fields, QUOTA_FIELDS)
    require(actor, quota)
    problems: dict[str, list[str]] = {}
    if quota.places is not None and quota.places > MAX_PLACES:
        problems["places"] = [_("At most %(count)s places.") % {"count": MAX_PLACES}]
    if quota.pk and quota.places is not None:
        held = places_held(year=quota.year, agency_id=quota.agency_id, award_id=quota.award_id)
        if quota.places < held:
            message = _("%(held)s places are already held by nominations: the quota cannot be lower.")
            problems.setdefault("places", []).append(message % {"held": held})
    twins = Quota.objects.filter(year=quota.year, agency_id=quota.agency_id, award_id=quota.award_id)
    if quota.agency_id and quota.award_id and twins.exclude(pk=quota.pk).exists():
        message = _("%(agency)s already has a quota of %(award)s for %(year)s: change that one.")
        problems["award"] = [message % {"agency": quota.agency, "award": quota.award, "year": quota.year}]
    problems_or_none(problems)
    return audited_save(quota, actor=actor)


@transaction.atomic
def quota_allocate(*, year: int, award: Award, places: int, actor: Any) -> list[Quota]:
    """Give every active agency without a quota of ``award`` in ``year`` that many places, at once."""
    require(actor, Quota(year=year, award=award, places=places))
    if not 0 < places <= MAX_PLACES:
        problems_or_none({"places": [_("Give between 1 and %(count)s places.") % {"count": MAX_PLACES}]})
    allocated = Quota.objects.filter(year=year, award=award).values("agency")
    agencies = Agency.objects.active().exclude(pk__in=allocated)
    quotas = [
        Quota(year=year, agency=agency, award=award, places=places, created_by=actor) for agency in agencies
    ]
    return bulk_create_with_history(quotas, Quota, default_user=actor)


@transaction.atomic
def nomination_save(*, actor: Any, nomination: Nomination | None = None, **fields: Any) -> Nomination:
    nomination = nomination or Nomination(created_by=actor)
    require_status(nomination, (NominationStatus.DRAFT,), _("Only a draft nomination can be changed."))
    assign(nomination, fields, NOMINATION_FIELDS)
    if nomination.kind == NomineeKind.COLLECTIVE:
        nomination.person = None
    require(actor, nomination)
    problems = nominee_problems(nomination)
    award = nomination.award_id and nomination.award
    if award and nomination.kind and not award.awards_to(nomination.kind):
        message = _("%(award)s is not awarded to %(who)s.")
        who = NomineeKind(nomination.kind).label.lower()
        problems["award"] = [message % {"award": award, "who": who}]
    problems_or_none(problems)
    return audited_save(nomination, actor=actor)


@transaction.atomic
def nomination_file_add(*, nomination: Nomination, upload: Any, actor: Any) -> NominationFile:
    require(actor, nomination)
    require_status(
        nomination, (NominationStatus.DRAFT,), _("Files are added while the nomination is a draft.")
    )
    check_upload(upload, DOCUMENTS, "file")
    if nomination.files.count() >= MAX_FILES:
        raise ValidationError(_("A dossier has at most %(count)s files.") % {"count": MAX_FILES})
    row = NominationFile(nomination=nomination, file=upload, original_name=upload.name[:255])
    return audited_save(row, actor=actor)


def _violation_message(nomination: Nomination) -> str | None:
    if nomination.violation_override:
        return None
    found = blocking_violations(nomination).first()
    if found is None:
        return None
    message = _(
        "%(nominee)s cannot be proposed for commendation in %(year)s: violation “%(category)s” found on "
        "%(found)s, handled by %(handling)s on %(handled)s."
    )
    return message % {
        "nominee": nomination.nominee,
        "year": nomination.year,
        "category": found.category,
        "found": f"{found.found_on:%d/%m/%Y}",
        "handling": str(found.handling).lower(),
        "handled": f"{found.decision_date:%d/%m/%Y}",
    }


@transaction.atomic
def nomination_submit(*, nomination: Nomination, actor: Any) -> Nomination:
    """Submit a draft within the agency's quota (see the module's docstring for the steps)."""
    # Only the nomination's own row is locked: its nominee is an outer join PostgreSQL cannot lock.
    rows = Nomination.objects.select_for_update(of=("self",)).select_related("award", "agency", "person")
    nomination = rows.get(pk=nomination.pk)
    require(actor, nomination)
    require_status(nomination, (NominationStatus.DRAFT,), _("This nomination has already been submitted."))
    barred = _violation_message(nomination)
    if barred:
        raise ValidationError(barred)
    quota = (
        Quota.objects.select_for_update()
        .filter(year=nomination.year, agency_id=nomination.agency_id, award_id=nomination.award_id)
        .first()
    )
    held = places_held(year=nomination.year, agency_id=nomination.agency_id, award_id=nomination.award_id)
    if quota is None or held >= quota.places:
        message = _("%(agency)s has no place of %(award)s left for %(year)s (quota %(places)s, all held).")
        if quota is None:
            message = _("%(agency)s has been allocated no place of %(award)s for %(year)s.")
        parts = {
            "agency": nomination.agency,
            "award": nomination.award,
            "year": nomination.year,
            "places": quota.places if quota else 0,
        }
        raise ValidationError(message % parts)
    nomination.status = NominationStatus.SUBMITTED
    nomination.submitted_at = timezone.now()
    return audited_save(nomination, actor=actor)


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, actor: Any) -> Nomination:
    require(actor, nomination)
    message = _("Only a nomination the council has not reviewed yet can be withdrawn.")
    require_status(nomination, (NominationStatus.SUBMITTED,), message)
    nomination.status = NominationStatus.DRAFT
    nomination.submitted_at = None
    return audited_save(nomination, actor=actor)


def _submitted_on(nomination: Nomination) -> date | None:
    return timezone.localdate(nomination.submitted_at) if nomination.submitted_at else None


@transaction.atomic
def nomination_review(
    *, nomination: Nomination, approved: bool, reviewed_on: date, reason: str = "", actor: Any
) -> Nomination:
    """Record the emulation council's review: approved, or not approved with a reason (the place is freed)."""
    require(actor, nomination, "review")
    require_status(nomination, (NominationStatus.SUBMITTED,), _("Only a submitted nomination is reviewed."))
    problems: dict[str, list[str]] = {}
    submitted = _submitted_on(nomination)
    if submitted and reviewed_on < submitted:
        message = _("The council cannot review it before it was submitted (%(day)s).")
        problems["reviewed_on"] = [message % {"day": f"{submitted:%d/%m/%Y}"}]
    if not approved and not reason.strip():
        problems["reason"] = [_("Give the council's reason for not approving it.")]
    problems_or_none(problems)
    nomination.status = NominationStatus.APPROVED if approved else NominationStatus.NOT_APPROVED
    nomination.reviewed_on = reviewed_on
    nomination.council_reason = "" if approved else reason.strip()
    return audited_save(nomination, actor=actor, reason=nomination.council_reason)


@transaction.atomic
def nomination_decide(
    *, nomination: Nomination, decision_number: str, decision_date: date, decision_issuer: str, actor: Any
) -> Nomination:
    """Record the decision that confers the commendation; it then prints as a certificate."""
    require(actor, nomination, "review")
    require_status(nomination, (NominationStatus.APPROVED,), _("Only an approved nomination is decided."))
    problems: dict[str, list[str]] = {}
    if not decision_number.strip():
        problems["decision_number"] = [_("Give the decision's number.")]
    submitted = _submitted_on(nomination)
    if submitted and decision_date < submitted:
        message = _("The decision cannot precede the submission (%(day)s).")
        problems["decision_date"] = [message % {"day": f"{submitted:%d/%m/%Y}"}]
    if not decision_issuer.strip():
        problems["decision_issuer"] = [_("Say who decided it.")]
    problems_or_none(problems)
    nomination.status = NominationStatus.DECIDED
    nomination.decision_number = decision_number.strip()
    nomination.decision_date = decision_date
    nomination.decision_issuer = decision_issuer.strip()
    return audited_save(nomination, actor=actor)


@transaction.atomic
def nomination_override(*, nomination: Nomination, reason: str, actor: Any) -> Nomination:
    """Home Affairs records why a violation does not bar this nomination; the history keeps the reason."""
    require(actor, nomination, "review")
    if not reason.strip():
        problems_or_none({"reason": [_("Give the reason the violation does not bar this nomination.")]})
    nomination.violation_override = reason.strip()
    return audited_save(nomination, actor=actor, reason=nomination.violation_override)
