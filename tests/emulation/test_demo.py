"""The demo of Art. 1 §4 shows a year of emulation as Home Affairs meets it: gaps, every state, and a bar."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.core.demo import seed_core
from dancoso.periods import current_period
from emulation import demo, indicators
from emulation.models import (
    Campaign,
    Exemplar,
    Nomination,
    NominationStatus,
    Pledge,
    PledgeStatus,
    Quota,
    Violation,
)
from emulation.selectors.violations import blocking_violations
from emulation.services.nominations import nomination_submit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module inside a transaction rolled back at the end."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_seeding_again_adds_nothing(seeded):
    counts = demo.seed()
    assert counts == demo.seed()
    assert counts["campaigns"] == 2 and 10 <= counts["exemplars"] <= 20


def test_this_years_pledges_have_gaps_and_returns(seeded):
    year = current_period().year
    statuses = set(Pledge.objects.filter(campaign__year=year).values_list("status", flat=True))
    assert statuses == set(PledgeStatus.values)
    assert Pledge.objects.filter(status=PledgeStatus.RETURNED).exclude(return_reason="").count() == 3
    section = indicators.section(current_period())
    assert (
        section.indicator("emulation.pledges_received").value
        < section.indicator("emulation.pledges_received").target
    )


def test_every_nomination_state_is_in_the_demo_within_the_quotas(seeded):
    assert set(Nomination.objects.values_list("status", flat=True)) == set(NominationStatus.values)
    for quota in Quota.objects.all():
        held = Nomination.objects.filter(
            year=quota.year,
            agency=quota.agency,
            award=quota.award,
            status__in=("submitted", "approved", "decided"),
        ).count()
        assert held <= quota.places
    justice = Quota.objects.get(agency__code="STP", year=current_period().year, award__name="Giấy khen")
    assert not Nomination.objects.filter(agency__code="STP", year=justice.year).exists()


def test_the_portal_has_recognised_models_with_photos_and_some_wait(seeded):
    recognised = Exemplar.objects.filter(status="recognised")
    assert recognised.count() >= 10 and recognised.filter(photos__isnull=False).exists()
    assert Exemplar.objects.filter(status="proposed").exists()
    assert recognised.filter(is_prestigious=True).exists()


def test_a_handled_violation_bars_a_draft_nomination(seeded):
    barred = [
        nomination
        for nomination in Nomination.objects.filter(status="draft")
        if blocking_violations(nomination).exists()
    ]
    assert len(barred) == 1
    assert Violation.objects.filter(status="found").exists()
    _refused_for_its_violation(barred[0])


def _refused_for_its_violation(nomination):
    """Submitting is refused with a message naming the nominee and the violation's kind and handling."""
    violation = blocking_violations(nomination).get()
    assert violation.person == nomination.person and violation.decision_date.year == nomination.year
    with pytest.raises(ValidationError) as refused:
        nomination_submit(nomination=nomination, actor=User.objects.get(username="noivu"))
    message = " ".join(refused.value.messages)
    for part in (nomination.person.full_name, violation.category.name, f"{violation.decision_date:%d/%m/%Y}"):
        assert part in message
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.DRAFT


def test_the_report_part_has_this_years_figures(seeded):
    section = indicators.section(current_period())
    assert not section.is_empty
    assert section.indicator("emulation.nominations_decided").value > 0
    assert Campaign.objects.filter(year=current_period().year).exists()


def _travel(monkeypatch, day):
    """Make ``day`` today for the code under test; a moment given to ``localdate`` is still converted."""
    real_localdate = timezone.localdate
    noon = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: day if value is None else real_localdate(value, tz)
    )
    monkeypatch.setattr(timezone, "now", lambda: noon)


def _without_emulation_records():
    for model in (Nomination, Violation, Quota, Exemplar, Pledge, Campaign):
        model.objects.all().delete()


@pytest.mark.parametrize("today", [dt.date(2026, 12, 20), dt.date(2027, 2, 10)], ids=str)
def test_the_demo_seeds_on_any_day_with_nothing_dated_after_it(today, monkeypatch):
    """Early in a period (from 15 December) most of the year's calendar has not come yet."""
    seed_core()
    _without_emulation_records()
    _travel(monkeypatch, today)
    demo.seed()
    assert current_period().year == 2027 and Campaign.objects.filter(year=2027).exists()
    days = [
        *Campaign.objects.values_list("document_date", "starts_on"),
        *Exemplar.objects.filter(status="recognised").values_list("recognised_on", "recognised_on"),
        *Violation.objects.filter(status="handled").values_list("found_on", "decision_date"),
        *Nomination.objects.filter(status="decided").values_list("reviewed_on", "decision_date"),
    ]
    assert max(day for pair in days for day in pair) == today
    moments = [
        *Pledge.objects.exclude(sent_at=None).values_list("sent_at", flat=True),
        *Nomination.objects.exclude(submitted_at=None).values_list("submitted_at", flat=True),
    ]
    assert max(moments) <= timezone.now()
    section = indicators.section(current_period())
    assert section.indicator("emulation.violations_handled").value >= 1
    assert section.indicator("emulation.nominations_decided").value >= 1
    barred = [
        nomination
        for nomination in Nomination.objects.filter(status="draft")
        if blocking_violations(nomination).exists()
    ]
    assert len(barred) == 1
    _refused_for_its_violation(barred[0])
