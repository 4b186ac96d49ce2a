"""Shared set-up of the training tests: an open class organised by Home Affairs, with three sessions."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import DemocracyOfficerFactory, EnrolmentFactory, SessionFactory, TrainingClassFactory


@pytest.fixture
def open_class(home_affairs):
    return TrainingClassFactory(
        organiser=home_affairs, status="open", capacity=3, for_inspection_members=False
    )


@pytest.fixture
def past_sessions(open_class):
    """Three sessions in the past, so their attendance may be recorded."""
    today = dt.date.today()
    open_class.start_date, open_class.end_date = today - dt.timedelta(days=10), today + dt.timedelta(days=10)
    open_class.save()
    return [SessionFactory(training_class=open_class, date=today - dt.timedelta(days=n)) for n in (3, 2, 1)]


@pytest.fixture
def trainee_a(open_class, agency_a):
    return EnrolmentFactory(training_class=open_class, person=DemocracyOfficerFactory(agency=agency_a))


@pytest.fixture
def trainee_b(open_class, agency_b):
    return EnrolmentFactory(training_class=open_class, person=DemocracyOfficerFactory(agency=agency_b))
