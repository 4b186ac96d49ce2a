from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from dancoso.agencies.models import Person
from dancoso.periods import Period, current_period
from training.indicators import section
from training.models import (
    SEAT_STATUSES,
    Attendance,
    Certificate,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    Material,
    Session,
    TrainingClass,
    TrainingPlan,
)

TRAINING_MODELS = (TrainingPlan, TrainingClass, Material, Session, Enrolment, Attendance, Certificate)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module (it takes seconds) inside a transaction rolled back at the end;
    its material files go to a temporary folder."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _counts():
    return {model.__name__: model.objects.count() for model in TRAINING_MODELS}


@pytest.mark.django_db
def test_a_second_run_adds_no_training_rows(seeded):
    before = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == before
    assert all(before.values()), before


@pytest.mark.django_db
def test_every_reporting_year_of_the_demo_has_figures(seeded):
    latest = current_period().year
    with translation.override("en"):
        for year in range(latest - 2, latest + 1):
            result = section(Period(year))
            figures = {indicator.key: indicator.value for indicator in result.indicators}
            assert 1 <= figures["training.classes"] <= 2, year
            assert figures["training.trainees_enrolled"] > 0, year
            assert figures["training.attendance_rate"] is not None or year == latest, year
            assert figures["training.trainees_completed"] > 0 or year == latest, year
            assert result.tables[0].rows, year
            assert result.warnings == (), year


@pytest.mark.django_db
def test_rosters_mix_confirmed_declined_and_waiting_trainees(seeded):
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == {EnrolmentStatus.CONFIRMED, EnrolmentStatus.DECLINED, EnrolmentStatus.NOMINATED}
    assert not Enrolment.objects.filter(status=EnrolmentStatus.DECLINED, decline_reason="").exists()
    assert Enrolment.objects.values("agency").distinct().count() >= 20
    finished = Enrolment.objects.filter(training_class__status=ClassStatus.FINISHED)
    completed = finished.completed().count()
    # Some trainees miss too many sessions, and every one who completed has a certificate.
    assert 0 < completed < finished.confirmed().count()
    assert Certificate.objects.count() == completed
    assert Attendance.objects.filter(status__in=["late", "excused", "absent"]).exists()


@pytest.mark.django_db
def test_an_open_class_this_year_has_seats_for_the_justice_department(seeded):
    period = current_period()
    open_classes = TrainingClass.objects.filter(
        status=ClassStatus.OPEN, start_date__range=(period.start, period.end)
    )
    assert open_classes.exists()
    training_class = open_classes.get()
    taken = training_class.enrolments.filter(status__in=SEAT_STATUSES).count()
    assert taken < training_class.capacity
    enrolled = training_class.enrolments.values("person")
    eligible = Person.objects.filter(training_class.eligible_people(), agency__code="STP", is_active=True)
    assert eligible.exclude(pk__in=enrolled).exists()
    assert training_class.start_date >= timezone.localdate()


@pytest.mark.django_db
def test_every_class_has_its_programme_and_handbook_as_pdf_files(seeded):
    for training_class in TrainingClass.objects.all():
        materials = list(training_class.materials.all())
        assert len(materials) == 2, training_class
        for material in materials:
            with material.file.open("rb") as file:
                assert file.read(5) == b"%PDF-"
            assert material.history.get().history_user.username == "noivu"


@pytest.mark.django_db
def test_the_demo_staff_have_their_own_trainees_to_mark_in_a_past_session(seeded):
    """``canbo.tuphap`` and ``canbo.yte`` find past sessions where their agency's trainees await a mark."""
    from dancoso.accounts.models import User
    from training.selectors import markable_trainees

    today = timezone.localdate()
    for username, code in (("canbo.tuphap", "STP"), ("canbo.yte", "SYT")):
        user = User.objects.get(username=username)
        waiting = Enrolment.objects.confirmed().filter(
            agency__code=code,
            training_class__status=ClassStatus.RUNNING,
            training_class__attendance_by="agencies",
        )
        assert waiting.exists(), username
        training_class = waiting.first().training_class
        assert training_class.sessions.filter(date__lt=today).exists()
        assert not Attendance.objects.filter(enrolment__in=waiting).exists()
        assert markable_trainees(user=user, training_class=training_class) == waiting.count()
    others = Enrolment.objects.confirmed().filter(training_class=training_class)
    others = others.exclude(agency__code__in=["STP", "SYT"])
    assert Attendance.objects.filter(enrolment__in=others).exists(), "the organiser marked the other agencies"


@pytest.mark.django_db
def test_one_demo_class_is_organised_and_marked_by_an_agency_other_than_home_affairs(seeded):
    front = TrainingClass.objects.exclude(organiser__code="SNV").get()
    assert front.organiser.code == "MTTQ" and front.attendance_by == "organiser"
    assert front.enrolments.confirmed().exists()
