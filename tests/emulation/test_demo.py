"""The demo of Art. 1 §4 shows a year of emulation as Home Affairs meets it: gaps, every state, and a bar."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from dancoso.accounts.models import User
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
    with pytest.raises(ValidationError, match=barred[0].person.full_name):
        nomination_submit(nomination=barred[0], actor=User.objects.get(username="noivu"))


def test_the_report_part_has_this_years_figures(seeded):
    section = indicators.section(current_period())
    assert not section.is_empty
    assert section.indicator("emulation.nominations_decided").value > 0
    assert Campaign.objects.filter(year=current_period().year).exists()
