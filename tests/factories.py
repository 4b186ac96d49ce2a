"""factory_boy factories with Vietnamese data."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from dancoso.accounts.models import Role, User
from dancoso.agencies.models import Agency, Person, Province


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province

    name = "Bắc Giang"


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n} tỉnh Bắc Giang")
    short_name = factory.Sequence(lambda n: f"Sở TN {n}")
    code = factory.Sequence(lambda n: f"SO-TN-{n}")
    kind = Agency.Kind.DEPARTMENT
    display_order = factory.Sequence(lambda n: n)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="vi_VN")
    agency = factory.SubFactory(AgencyFactory)
    position = "Chuyên viên"
    email = factory.Faker("email", locale="vi_VN")
    phone = factory.Sequence(lambda n: f"09{n:08d}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    role = Role.AGENCY_STAFF
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password("mat-khau-thu-nghiem-2024")


class RetiredAgencyFactory(AgencyFactory):
    """An agency that has stopped working (ngừng hoạt động)."""

    is_active = False
    retired_on = factory.Faker("date_between", start_date="-2y", end_date="-1d")


class InspectionMemberFactory(PersonFactory):
    """A People's Inspection Board member (thành viên Ban TTND) with a two-year term."""

    is_inspection_member = True
    inspection_term_start = factory.Faker("date_between", start_date="-1y", end_date="today")
    # The start is at most today and the end at least a year ahead, so the term is always in order.
    inspection_term_end = factory.Faker("date_between", start_date="+1y", end_date="+2y")


class DemocracyOfficerFactory(PersonFactory):
    """An official assigned to democracy work (cán bộ phụ trách công tác dân chủ)."""

    is_democracy_officer = True


class TrainingPlanFactory(DjangoModelFactory):
    class Meta:
        model = "training.TrainingPlan"
        django_get_or_create = ("year",)

    year = 2026
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")


class TrainingClassFactory(DjangoModelFactory):
    class Meta:
        model = "training.TrainingClass"

    plan = factory.SubFactory(TrainingPlanFactory)
    title = factory.Sequence(lambda n: f"Lớp bồi dưỡng nghiệp vụ dân chủ ở cơ sở số {n}")
    organiser = factory.SubFactory(AgencyFactory)
    venue = "Trường Chính trị tỉnh Bắc Giang"
    start_date = factory.LazyAttribute(lambda o: dt.date(o.plan.year, 6, 1))
    end_date = factory.LazyAttribute(lambda o: dt.date(o.plan.year, 6, 5))
    capacity = 100
    status = "open"
    trainers = "TS. Nguyễn Văn Giảng"


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = "training.Session"

    training_class = factory.SubFactory(TrainingClassFactory)
    date = factory.LazyAttribute(lambda o: o.training_class.start_date)


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = "training.Enrolment"

    training_class = factory.SubFactory(TrainingClassFactory)
    person = factory.SubFactory(DemocracyOfficerFactory)
    agency = factory.LazyAttribute(lambda o: o.person.agency)
    target_group = "democracy"
    status = "confirmed"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = "training.Attendance"

    enrolment = factory.SubFactory(EnrolmentFactory)
    session = factory.SubFactory(
        SessionFactory, training_class=factory.SelfAttribute("..enrolment.training_class")
    )
    status = "present"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A mark written straight to the table, then counted on its enrolment as the service does."""
        from training.models import Enrolment
        from training.services.attendance import attendance_recount

        mark = super()._create(model_class, *args, **kwargs)
        attendance_recount(Enrolment.objects.filter(pk=mark.enrolment_id))
        return mark


class CertificateFactory(DjangoModelFactory):
    class Meta:
        model = "training.Certificate"

    enrolment = factory.SubFactory(EnrolmentFactory)
    code = factory.Sequence(lambda n: f"TEST-{n:04d}-CODE")
    full_name = factory.LazyAttribute(lambda o: o.enrolment.person.full_name)
    agency_name = factory.LazyAttribute(lambda o: o.enrolment.agency.name)
    class_title = factory.LazyAttribute(lambda o: o.enrolment.training_class.title)
    start_date = factory.LazyAttribute(lambda o: o.enrolment.training_class.start_date)
    end_date = factory.LazyAttribute(lambda o: o.enrolment.training_class.end_date)
    organiser_name = factory.LazyAttribute(lambda o: o.enrolment.training_class.organiser.name)
