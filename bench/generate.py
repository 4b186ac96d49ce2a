"""Data generator for benchmarks: agencies with people, and a Home Affairs user."""

from __future__ import annotations

from dancoso.accounts.models import Role, User
from dancoso.agencies.models import Agency, Person


def populate(*, agencies: int, people_per_agency: int) -> User:
    """Top the registers up to ``agencies`` agencies of ``people_per_agency`` people each."""
    existing = Agency.objects.count()
    new_agencies = Agency.objects.bulk_create(
        Agency(name=f"Cơ quan thử tải {n}", short_name=f"CQ {n}", code=f"BENCH-{n}", display_order=n)
        for n in range(existing, agencies)
    )
    Person.objects.bulk_create(
        Person(full_name=f"Cán bộ {agency.code}-{k}", agency=agency, is_democracy_officer=k == 0)
        for agency in new_agencies
        for k in range(people_per_agency)
    )
    user, _ = User.objects.get_or_create(
        username="bench.noivu", defaults={"role": Role.PROVINCE_ADMIN, "full_name": "Người đo tải"}
    )
    return user
