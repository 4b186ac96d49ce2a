"""The quota under concurrency, on PostgreSQL with two connections: two agency staff submit at the last free
place at once; exactly one gets it, the other is told the quota is used.

Each submission locks the quota row (``SELECT … FOR UPDATE``) before counting the places held, so the
second one waits for the first to commit and then counts its place. SQLite has no row locks (it locks the
whole database), so these tests run where PostgreSQL does: CI's second pass.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

import emulation.models
from dancoso.accounts.models import Role
from emulation.defaults import ensure
from emulation.models import Award, Nomination, NominationStatus, Quota
from emulation.services.nominations import nomination_submit
from tests.factories import AgencyFactory, PersonFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.services,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI's second pass)"
    ),
]


@pytest.fixture
def last_place():
    """Agency staff, a quota of one Giấy khen with no place held yet, and two drafts waiting for it."""
    ensure(emulation.models)
    agency = AgencyFactory(short_name="Sở Tư pháp", code="STP")
    staff = UserFactory(username="canbo.tuphap", role=Role.AGENCY_STAFF, agency=agency)
    award = Award.objects.get(name="Giấy khen")
    Quota.objects.create(year=2026, agency=agency, award=award, places=1)
    drafts = [
        Nomination.objects.create(
            year=2026,
            agency=agency,
            award=award,
            kind="individual",
            person=PersonFactory(agency=agency),
            achievements="Thành tích xuất sắc trong thực hiện dân chủ ở cơ sở",
        )
        for _ in range(2)
    ]
    return staff, drafts


def _in_thread(target, outcomes, key):
    """Run ``target`` on its own database connection, keeping what it returned or the refusal."""

    def run():
        try:
            outcomes[key] = target()
        except ValidationError as exc:
            outcomes[key] = exc
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def test_the_second_submission_waits_for_the_first_and_is_refused(last_place):
    staff, (first, second) = last_place
    holding, release = threading.Event(), threading.Event()
    outcomes: dict = {}

    def submit_and_hold():
        with transaction.atomic():
            submitted = nomination_submit(nomination=first, actor=staff)
            holding.set()
            release.wait(10)
        return submitted

    def submit_meanwhile():
        holding.wait(10)
        return nomination_submit(nomination=second, actor=staff)

    threads = [
        _in_thread(submit_and_hold, outcomes, "first"),
        _in_thread(submit_meanwhile, outcomes, "second"),
    ]
    for thread in threads:
        thread.start()
    assert holding.wait(10)
    time.sleep(0.5)
    # The second connection is blocked on the quota row the first holds until it commits.
    assert threads[1].is_alive() and "second" not in outcomes
    release.set()
    for thread in threads:
        thread.join(20)

    assert outcomes["first"].status == NominationStatus.SUBMITTED
    assert isinstance(outcomes["second"], ValidationError)
    assert "đã hết chỉ tiêu" in outcomes["second"].messages[0] or "no place" in outcomes["second"].messages[0]
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert statuses == {first.pk: NominationStatus.SUBMITTED, second.pk: NominationStatus.DRAFT}


def test_two_submissions_at_the_same_moment_get_one_place(last_place):
    staff, drafts = last_place
    start = threading.Barrier(2)
    outcomes: dict = {}

    def submitter(nomination):
        def submit():
            start.wait(10)
            return nomination_submit(nomination=nomination, actor=staff)

        return submit

    threads = [_in_thread(submitter(draft), outcomes, draft.pk) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, ValidationError)]
    assert len(outcomes) == 2 and len(refused) == 1
    assert Nomination.objects.filter(status=NominationStatus.SUBMITTED).count() == 1
