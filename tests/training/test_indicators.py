from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from dancoso import indicators
from dancoso.periods import Period
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    DemocracyOfficerFactory,
    EnrolmentFactory,
    InspectionMemberFactory,
    PersonFactory,
    SessionFactory,
    TrainingClassFactory,
    TrainingPlanFactory,
)
from training.indicators import class_count_warning, section

pytestmark = pytest.mark.django_db

YEAR = 2026
PERIOD = Period(YEAR)


@pytest.fixture(autouse=True)
def _english():
    """Figures are looked up by their English msgid, whatever translations are compiled."""
    with translation.override("en"):
        yield


def _vietnamese_warning(count):
    """The warning as the dashboard renders it, in the interface language."""
    with translation.override("vi"):
        return escape(class_count_warning(count))


def _figures(result):
    return {indicator.key: indicator.value for indicator in result.indicators}


def _class(organiser, *, start=dt.date(YEAR, 3, 2), sessions=4, **fields):
    plan = TrainingPlanFactory(year=fields.pop("year", YEAR))
    training_class = TrainingClassFactory(
        plan=plan, organiser=organiser, start_date=start, end_date=start + dt.timedelta(days=6), **fields
    )
    days = [
        SessionFactory(training_class=training_class, date=start + dt.timedelta(days=i))
        for i in range(sessions)
    ]
    return training_class, days


def _enrol(training_class, sessions, person, marks, *, target_group="democracy", status="confirmed"):
    """Enrol a person and record one mark per session, in order (P present, L late, E excused, A absent)."""
    enrolment = EnrolmentFactory(
        training_class=training_class, person=person, target_group=target_group, status=status
    )
    codes = {"P": "present", "L": "late", "E": "excused", "A": "absent"}
    for session, mark in zip(sessions, marks, strict=False):
        AttendanceFactory(enrolment=enrolment, session=session, status=codes[mark])
    return enrolment


@pytest.fixture
def dataset(home_affairs, agency_a, agency_b):
    """One finished class in 2026 with four sessions, and a cancelled class whose trainees must not count.

    agency_a: a democracy officer who attended everything (completes), an Inspection Board member absent once
    (75% < 80%, does not complete), a democracy officer whose nomination was declined.
    agency_b: a democracy officer present three times and late once (late counts: completes), and an official
    of another group who attended half (does not complete).
    """
    training_class, sessions = _class(home_affairs)
    _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency_a), "PPPP")
    _enrol(
        training_class, sessions, InspectionMemberFactory(agency=agency_a), "PPPA", target_group="inspection"
    )
    EnrolmentFactory(
        training_class=training_class,
        person=DemocracyOfficerFactory(agency=agency_a),
        status="declined",
        decline_reason="Trùng lịch công tác",
    )
    _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency_b), "PPPL")
    _enrol(training_class, sessions, PersonFactory(agency=agency_b), "PLEA", target_group="other")
    cancelled, cancelled_sessions = _class(home_affairs, start=dt.date(YEAR, 5, 4), status="cancelled")
    _enrol(cancelled, cancelled_sessions, DemocracyOfficerFactory(agency=agency_b), "PPPP")
    return training_class


def test_province_figures_of_a_small_year(dataset):
    figures = _figures(section(PERIOD))
    assert figures["training.classes"] == 1
    assert figures["training.trainees_enrolled"] == 4
    assert figures["training.enrolled_democracy"] == 2
    assert figures["training.enrolled_inspection"] == 1
    assert figures["training.enrolled_other"] == 1
    assert figures["training.trainees_completed"] == 2
    assert figures["training.completed_democracy"] == 2
    assert figures["training.completed_inspection"] == 0
    # 13 of 16 marks are present or late.
    assert figures["training.attendance_rate"] == Decimal("81.3")
    # Three active agencies: Home Affairs organises and has nobody to train; A and B have people to train
    # and one trained each. The rate counts over the agencies with people to train, as the appendix lists.
    assert figures["training.agencies_with_officers"] == 2
    assert figures["training.agencies_trained"] == 2
    assert figures["training.agencies_trained_percent"] == Decimal("100.0")
    officers = section(PERIOD).indicator("training.officers_trained")
    assert (officers.value, officers.target) == (2, 5)


def test_agency_table_lists_agencies_with_people_or_trainees(dataset, agency_a, agency_b):
    (table,) = section(PERIOD).tables
    rows = {row.agency_id: row.cells for row in table.rows}
    assert set(rows) == {agency_a.pk, agency_b.pk}
    # democracy officers, Inspection Board members, of them trained, enrolled, completed, attendance rate
    assert rows[agency_a.pk] == (2, 1, 1, 2, 1, Decimal("87.5"))
    assert rows[agency_b.pk] == (2, 0, 1, 2, 1, Decimal("75.0"))


def test_agency_figures_count_only_that_agencys_trainees(dataset, agency_a):
    result = section(PERIOD, agency=agency_a)
    figures = _figures(result)
    assert figures["training.classes"] == 1
    assert figures["training.trainees_enrolled"] == 2
    assert figures["training.trainees_completed"] == 1
    assert figures["training.attendance_rate"] == Decimal("87.5")
    assert "training.agencies_trained_percent" not in figures
    coverage = result.indicators[-1]
    assert coverage.label == "Staff assigned to democracy work and Inspection Board members trained"
    # Three flagged people in agency A (one declined), one of them completed.
    assert (coverage.value, coverage.target) == (1, 3)
    assert [row.agency_id for row in result.tables[0].rows] == [agency_a.pk]


def test_a_class_belongs_to_the_period_in_which_it_starts(home_affairs):
    _class(home_affairs, start=dt.date(YEAR - 1, 12, 14), year=YEAR - 1)
    _class(home_affairs, start=dt.date(YEAR - 1, 12, 15))
    _class(home_affairs, start=dt.date(YEAR, 12, 14))
    _class(home_affairs, start=dt.date(YEAR, 12, 15), year=YEAR + 1)
    held = "training.classes"
    assert _figures(section(Period(YEAR - 1)))[held] == 1
    assert _figures(section(PERIOD))[held] == 2
    assert _figures(section(Period(YEAR + 1)))[held] == 1


def test_cancelled_classes_are_not_counted(home_affairs):
    _class(home_affairs, status="cancelled")
    result = section(PERIOD)
    assert result.is_empty
    assert result.warnings == (class_count_warning(0),)


@pytest.mark.parametrize(
    ("marks", "late_counts", "completes"),
    [
        ("PPPPA", True, True),  # 4 of 5 is exactly 80%
        ("PPPAA", True, False),  # 60%
        ("PPPLL", True, True),
        ("PPPLL", False, False),  # late does not count for this class: 60%
    ],
)
def test_completion_follows_the_class_rule(home_affairs, agency_a, marks, late_counts, completes):
    training_class, sessions = _class(
        home_affairs, sessions=5, completion_percent=80, late_counts_as_present=late_counts
    )
    _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency_a), marks)
    assert _figures(section(PERIOD))["training.trainees_completed"] == int(completes)


def test_attendance_rate_is_empty_without_marks(home_affairs, agency_a):
    training_class, _sessions = _class(home_affairs)
    EnrolmentFactory(training_class=training_class, person=DemocracyOfficerFactory(agency=agency_a))
    figures = _figures(section(PERIOD))
    assert figures["training.attendance_rate"] is None
    assert figures["training.trainees_enrolled"] == 1


def _agencies_with_trainees(training_class, sessions, count):
    for _ in range(count):
        agency = AgencyFactory()
        InspectionMemberFactory(agency=agency)
        _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency), "PLA")


def _queries(**kwargs):
    with CaptureQueriesContext(connection) as queries:
        result = section(PERIOD, **kwargs)
    return len(queries), result


@pytest.mark.parametrize("scoped", [False, True])
def test_query_count_is_the_same_for_3_and_30_agencies(home_affairs, agency_a, scoped):
    training_class, sessions = _class(home_affairs, sessions=3)
    _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency_a), "PPP")
    agency = agency_a if scoped else None
    _agencies_with_trainees(training_class, sessions, 3)
    small, small_result = _queries(agency=agency)
    _agencies_with_trainees(training_class, sessions, 27)
    large, large_result = _queries(agency=agency)
    # The count of classes, their completion rules, the people, the enrolments with their marks, the agencies.
    assert small == large == 5
    assert len(large_result.tables[0].rows) == (1 if scoped else 31)
    assert len(small_result.tables[0].rows) == (1 if scoped else 4)


@pytest.mark.parametrize(("count", "warns"), [(0, True), (1, False), (2, False), (3, True)])
def test_class_count_warning_outside_one_to_two_classes(count, warns):
    assert (class_count_warning(count) is not None) == warns


def test_section_warns_about_three_classes_in_a_year(home_affairs):
    for month in (3, 6, 9):
        _class(home_affairs, start=dt.date(YEAR, month, 1))
    result = section(PERIOD)
    assert result.warnings == (class_count_warning(3),)
    assert "3" in result.warnings[0]
    assert not result.is_empty


def test_dashboard_shows_the_training_section_and_its_warning(client_for, admin_user, dataset):
    for month in (6, 9):
        _class(dataset.organiser, start=dt.date(YEAR, month, 1))
    response = client_for(admin_user).get(reverse("dashboard"), {"year": YEAR})
    body = response.content.decode()
    training = next(s for s in response.context["sections"] if s.key == "training")
    assert escape(training.title) in body
    assert escape(training.indicators[0].label) in body
    assert f'role="status" data-testid="section-warning">{_vietnamese_warning(3)}' in body


def test_dashboard_warns_even_when_the_section_is_empty(client_for, admin_user):
    response = client_for(admin_user).get(reverse("dashboard"), {"year": YEAR})
    body = response.content.decode()
    assert _vietnamese_warning(0) in body
    assert 'data-testid="section-warning"' in body


def test_registry_discovers_the_training_section_first():
    keys = [provider.key for provider in indicators.providers()]
    assert keys[0] == "training"


def test_dashboard_query_count_with_the_training_section_is_the_same_for_3_and_30_agencies(
    client_for, admin_user, home_affairs
):
    training_class, sessions = _class(home_affairs, sessions=3)
    client = client_for(admin_user)

    def dashboard_queries(count):
        _agencies_with_trainees(training_class, sessions, count)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("dashboard"), {"year": YEAR})
        rows = next(s for s in response.context["sections"] if s.key == "training").tables[0].rows
        return len(queries), len(rows)

    (small, small_rows), (large, large_rows) = dashboard_queries(3), dashboard_queries(27)
    assert (small_rows, large_rows) == (3, 30)
    assert small == large


@pytest.mark.parametrize(
    ("sessions", "percent", "needed"),
    [(5, 80, 4), (4, 80, 4), (3, 100, 3), (10, 75, 8), (1, 1, 1), (0, 80, None)],
)
def test_a_completion_rule_is_a_number_of_sessions_to_attend(sessions, percent, needed):
    from training.models import sessions_needed

    assert sessions_needed(sessions, percent) == needed
