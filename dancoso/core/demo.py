"""Demo data: the real agencies, about 200 officials with Vietnamese names, and one user per role.

Safe to run twice: every row is found by a natural key before it is created. Names come from a
seeded random generator so every run produces the same people.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from dancoso.accounts.models import Role, User
from dancoso.agencies.models import Agency, Person
from dancoso.agencies.services import agencies_load_csv, province_ensure, province_update

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lý",
    "Thân",
    "Giáp",
]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Thanh", "Quang", "Hồng", "Xuân", "Kim"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Chiến",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thảo",
    "Trang",
    "Trung",
    "Tuấn",
    "Vân",
    "Yến",
]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Chánh Văn phòng",
    "Kế toán",
]
PEOPLE_TOTAL = 200
# The agencies whose staff work in the portal; context rows (Party bodies, the Front, newspapers) have none.
STAFFED_KINDS = [Agency.Kind.DEPARTMENT, Agency.Kind.PUBLIC_UNIT, Agency.Kind.DISTRICT]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    agency_code: str | None


DEMO_USERS = [
    DemoUser("noivu", "Nguyễn Thị Thanh Hà", Role.PROVINCE_ADMIN, "SNV"),
    DemoUser("lanhdao", "Trần Quang Minh", Role.LEADER, "UBND-BG"),
    DemoUser("hdnd", "Lê Văn Hùng", Role.COUNCIL, "VPDBQH-HDND"),
    DemoUser("canbo.tuphap", "Phạm Thu Trang", Role.AGENCY_STAFF, "STP"),
    DemoUser("canbo.yte", "Hoàng Đức Long", Role.AGENCY_STAFF, "SYT"),
]


# The resolution in ../shared/seed is an unnumbered draft: the demo records an illustrative number and date
# (the province page shows them; replace them with the adopted resolution's before real use). Without them
# no report can be submitted, since it could not cite the resolution, and the library cannot list it.
DEMO_RESOLUTION = {"resolution_number": "12/2024/NQ-HĐND", "resolution_date": dt.date(2024, 12, 10)}


@transaction.atomic
def seed_core() -> dict[str, int]:
    province = province_ensure()
    if not province.resolution_number:
        province_update(province=province, actor=None, **DEMO_RESOLUTION)
    agencies_load_csv(path=settings.BASE_DIR / "dancoso/agencies/data/bac_giang_agencies_2024.csv")
    people = _seed_people(random.Random(2024))
    users = _seed_users()
    return {"agencies": Agency.objects.count(), "people": people, "users": users}


def _seed_people(rng: random.Random) -> int:
    agencies = list(Agency.objects.active().filter(kind__in=STAFFED_KINDS).order_by("display_order", "code"))
    existing = set(Person.objects.values_list("agency_id", "full_name"))
    created = 0
    for index in range(PEOPLE_TOTAL):
        agency = agencies[index % len(agencies)]
        person = _demo_person(rng, agency, index // len(agencies))
        if (agency.pk, person.full_name) in existing:
            continue
        person.full_clean()
        person.save()
        existing.add((agency.pk, person.full_name))
        created += 1
    return created


def _demo_person(rng: random.Random, agency: Agency, rank: int) -> Person:
    """The rank of a person inside their agency decides their flags, so every agency has the same shape."""
    full_name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
    inspection = rank in (1, 2, 3)
    term_start = dt.date(2024, 3, 15) if inspection else None
    return Person(
        full_name=full_name,
        agency=agency,
        position=POSITIONS[rank % len(POSITIONS)],
        email=f"demo{rank}.{agency.code.lower()}@example.gov.vn",
        is_democracy_officer=rank == 0,
        is_inspection_member=inspection,
        inspection_term_start=term_start,
        inspection_term_end=term_start.replace(year=2026) if term_start else None,
        is_steering_member=rank in (0, 4),
    )


def _seed_users() -> int:
    agencies = {
        agency.code: agency for agency in Agency.objects.filter(code__in=[u.agency_code for u in DEMO_USERS])
    }
    created = 0
    for demo in DEMO_USERS:
        user, was_created = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "full_name": demo.full_name,
                "role": demo.role,
                "agency": agencies.get(demo.agency_code),
            },
        )
        # Home Affairs works in the portal, whose services keep the history; Django's admin is for the
        # technical administrators (superusers), so no demo account is staff.
        user.is_staff = False
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        created += was_created
    return created
