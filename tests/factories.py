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
