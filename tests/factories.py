"""factory_boy factories with Vietnamese data."""

from __future__ import annotations

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
