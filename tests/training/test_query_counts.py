"""Every training page runs the same number of SQL queries for a class of 20 and of 500 trainees."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    DemocracyOfficerFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainingClassFactory,
)
from training.models import AttendanceStatus
from training.services.attendance import attendance_record

SIZES = (20, 500)
PAGES = (
    ("training:class_list", lambda c, s: []),
    ("training:class_detail", lambda c, s: [c.pk]),
    ("training:roster", lambda c, s: [c.pk]),
    ("training:session_list", lambda c, s: [c.pk]),
    ("training:attendance_sheet", lambda c, s: [c.pk]),
    ("training:session_attendance", lambda c, s: [s.pk]),
    ("training:nominate", lambda c, s: [c.pk]),
    ("training:plan_detail", lambda c, s: [c.plan.year]),
    ("training:absentee_list", lambda c, s: []),
    ("training:coverage", lambda c, s: []),
)


def _fill(training_class, session, size, agencies, actor):
    """``size`` confirmed trainees spread over the agencies, each marked in the session (a tenth absent)."""
    training_class.capacity = size
    training_class.save()
    trainees = [
        EnrolmentFactory(training_class=training_class, person__agency=agencies[n % len(agencies)])
        for n in range(size)
    ]
    marks = {
        trainee.pk: (AttendanceStatus.ABSENT if n % 10 == 0 else AttendanceStatus.PRESENT, "")
        for n, trainee in enumerate(trainees)
    }
    attendance_record(session=session, marks=marks, actor=actor)


def _counts(client, training_class, session):
    counts = {}
    for name, args in PAGES:
        url = reverse(name, args=args(training_class, session))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def _class_with_session(like, session_date):
    """A class shaped like ``like`` (same organiser, plan and dates), with one session, never edited."""
    training_class = TrainingClassFactory(
        plan=like.plan, organiser=like.organiser, start_date=like.start_date, end_date=like.end_date
    )
    return training_class, SessionFactory(training_class=training_class, date=session_date)


@pytest.mark.parametrize("persona", ["admin", "staff_a"])
def test_pages_run_the_same_queries_for_20_and_500_trainees(
    persona, personas, client_for, past_sessions, open_class, admin_user, agency_a
):
    agencies = [agency_a, *AgencyFactory.create_batch(4)]
    DemocracyOfficerFactory(agency=agency_a, full_name="Người chưa được cử")
    client = client_for(personas[persona])
    counts = []
    for size in SIZES:
        training_class, session = _class_with_session(open_class, past_sessions[0].date)
        _fill(training_class, session, size, agencies, admin_user)
        counts.append(_counts(client, training_class, session))
    assert counts[0] == counts[1]
    assert max(counts[0].values()) <= 15, counts[0]
