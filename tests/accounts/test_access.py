"""The one access module: scoping declared on the models, reached through other objects, read and write."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from dancoso.accounts import access
from dancoso.agencies.models import Agency, Person
from tests.core.test_history import _project_models
from tests.factories import (
    AttendanceFactory,
    CertificateFactory,
    EnrolmentFactory,
    PersonFactory,
    SessionFactory,
    TrainingClassFactory,
)
from training.models import Attendance, Certificate, Enrolment, TrainingClass

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", list(_project_models()), ids=lambda model: model._meta.label)
def test_every_model_declares_how_it_reaches_an_agency(model):
    assert isinstance(access.reach_of(model), access.Reach)


def test_a_model_without_a_declaration_cannot_be_scoped(personas):
    from django.contrib.sessions.models import Session as DjangoSession

    with pytest.raises(TypeError, match="declares no"):
        access.scope(DjangoSession.objects.all(), personas["staff_a"])


@pytest.fixture
def records(agency_a, agency_b, home_affairs):
    """A class organised by Home Affairs with one trainee of agency A (marked, certified)."""
    training_class = TrainingClassFactory(organiser=home_affairs)
    session = SessionFactory(training_class=training_class)
    enrolment = EnrolmentFactory(training_class=training_class, person__agency=agency_a)
    return {
        "class": training_class,
        "session": session,
        "enrolment": enrolment,
        "mark": AttendanceFactory(session=session, enrolment=enrolment),
        "certificate": CertificateFactory(enrolment=enrolment),
        "person": enrolment.person,
    }


ROWS = {"enrolment": Enrolment, "mark": Attendance, "certificate": Certificate, "person": Person}


@pytest.mark.parametrize("kind", sorted(ROWS))
def test_staff_read_their_agencys_rows_reached_through_another_object(kind, records, personas):
    model, row = ROWS[kind], records[kind]
    assert list(access.scope(model.objects.all(), personas["staff_a"])) == [row]
    assert list(access.scope(model.objects.all(), personas["staff_b"])) == []
    assert list(access.scope(model.objects.all(), personas["leader"])) == [row]
    assert list(access.scope(model.objects.all(), personas["council"])) == []


@pytest.mark.parametrize("kind", sorted(ROWS))
def test_missing_and_not_yours_answer_the_same_404(kind, records, personas):
    model, row = ROWS[kind], records[kind]
    for pk in (row.pk, 10**9, "abc"):
        with pytest.raises(Http404):
            access.get_for_user(model.objects.all(), personas["staff_b"], pk=pk)
    assert access.get_for_user(model.objects.all(), personas["staff_a"], pk=row.pk) == row


def test_the_organiser_sees_every_trainee_but_changes_only_what_it_runs(records, personas, home_affairs):
    from tests.factories import UserFactory

    organiser = UserFactory(role="agency_staff", agency=home_affairs)
    enrolment, session = records["enrolment"], records["session"]
    assert access.allows(organiser, enrolment)
    assert not access.allows(organiser, enrolment, "write"), "withdrawing is the nominating agency's"
    assert access.allows(organiser, enrolment, "mark")
    assert access.allows(organiser, records["mark"], "write")
    assert access.allows(organiser, records["class"], "run")
    assert not access.allows(personas["staff_a"], records["class"], "run")
    assert access.allows(personas["staff_a"], enrolment, "write")
    assert session.training_class == records["class"]


@pytest.mark.parametrize("attendance_by, agency_marks", [("agencies", True), ("organiser", False)])
def test_the_trainees_agency_marks_its_own_trainees_where_the_class_lets_it(
    records, personas, attendance_by, agency_marks
):
    """A conditional path (``Where``): the trainee's agency marks, but only in a class that allows it."""
    records["class"].attendance_by = attendance_by
    records["class"].save()
    enrolment = Enrolment.objects.select_related("training_class").get()
    mark = Attendance.objects.select_related("enrolment", "session__training_class").get()
    staff_a, staff_b = personas["staff_a"], personas["staff_b"]
    assert access.allows(staff_a, enrolment, "mark") is agency_marks
    assert access.allows(staff_a, mark, "write") is agency_marks
    assert access.scope(Enrolment.objects.all(), staff_a, action="mark").exists() is agency_marks
    assert access.scope(Attendance.objects.all(), staff_a, action="write").exists() is agency_marks
    for outsider in (staff_b, personas["leader"], personas["council"]):
        assert not access.allows(outsider, enrolment, "mark")
        assert not access.scope(Enrolment.objects.all(), outsider, action="mark").exists()
    assert access.allows(personas["admin"], enrolment, "mark")


def test_leaders_read_everything_and_change_nothing(records, personas):
    leader = personas["leader"]
    for kind in ROWS:
        assert access.allows(leader, records[kind])
        assert not access.allows(leader, records[kind], "write")
        assert not access.scope(ROWS[kind].objects.all(), leader, action="write").exists()
    assert not access.allows(leader, records["enrolment"], "mark")


def test_home_affairs_does_everything_and_alone_decides(records, personas):
    admin, enrolment = personas["admin"], records["enrolment"]
    assert access.allows(admin, enrolment, "decide")
    assert not access.allows(personas["staff_a"], enrolment, "decide")
    assert access.allows(admin, TrainingClass(), "write")
    assert not access.allows(personas["staff_a"], TrainingClass(), "write")


def test_a_row_about_to_be_created_is_checked_by_its_agency(personas, agency_a, agency_b):
    assert access.allows(personas["staff_a"], Person(agency=agency_a), "write")
    assert not access.allows(personas["staff_a"], Person(agency=agency_b), "write")
    assert not access.allows(personas["staff_a"], Enrolment(), "write"), "no agency yet: refused"


def test_checking_a_loaded_row_costs_no_query(records, personas):
    mark = Attendance.objects.select_related("enrolment__training_class", "session__training_class").get()
    enrolment = Enrolment.objects.select_related("training_class").get()
    with CaptureQueriesContext(connection) as queries:
        access.allows(personas["staff_a"], mark)
        access.allows(personas["staff_b"], mark, "write")
        access.allows(personas["staff_a"], enrolment, "mark")
    assert len(queries) == 0


def test_own_agencies_are_all_for_readers_of_everything_and_one_for_staff(personas, agency_a, agency_b):
    agencies = Agency.objects.all()
    assert set(access.own_agencies(agencies, personas["leader"])) == set(agencies)
    assert list(access.own_agencies(agencies, personas["staff_a"])) == [agency_a]
    assert not access.own_agencies(agencies, personas["council"]).exists()


def test_the_dashboard_figures_are_the_province_for_overseers_and_the_agency_for_staff(personas, agency_a):
    assert access.figures_agency(personas["staff_a"]) == agency_a
    for overseer in ("admin", "leader", "council"):
        assert access.figures_agency(personas[overseer]) is None


def test_people_of_agency_a_are_invisible_to_staff_of_b_on_every_list(personas, agency_a):
    PersonFactory(agency=agency_a)
    assert not access.scope(Person.objects.all(), personas["staff_b"]).exists()
