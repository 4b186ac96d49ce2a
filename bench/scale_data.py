"""Province-scale data for ``bench.scale``, in its own PostgreSQL database.

The plan: 1,000 agencies (departments, public service units, districts and their communes) of 110 people
each, five yearly training plans with one or two classes a year, one province-wide class of 21,000
confirmed trainees and the others of 9,000 enrolments, three or four sessions per class, and one mark per
confirmed trainee and session (the latest class's last session is not fully marked yet). The generator is
seeded, so every build has exactly the same rows and counts.

Rows go in with PostgreSQL's COPY and explicit primary keys, without history: this is load for a
benchmark, not a record of anyone's work. Every concrete field of a model is written, taking the model's
default where the plan gives no value, so a field added later with a default needs no change here.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dancoso_bench"

AGENCIES = 1_000
PEOPLE_PER_AGENCY = 110
BIG_CLASS_CONFIRMED = 21_000
TOTAL_ENROLMENTS = 85_000
TOTAL_MARKS = 275_000
# Years of the plans counted back from the current one, and the classes of each year, oldest first.
PLAN_YEARS = 5
CLASSES_PER_YEAR = (2, 1, 2, 1, 2)
SESSIONS_PER_CLASS = (3, 4, 3, 3, 4, 3, 4, 4)
# The big class is the current year's first class.
BIG_CLASS_INDEX = sum(CLASSES_PER_YEAR) - CLASSES_PER_YEAR[-1]
# Shares of an ordinary class's enrolments, and the big class's nominated and declined ones.
NOMINATED_SHARE = 0.07
DECLINED_SHARE = 0.04
BIG_CLASS_OTHERS = (700, 300)
PERSON_FLAGS = {"democracy": 0.12, "inspection": 0.09, "steering": 0.03, "inactive": 0.02}
MARK_WEIGHTS = {"present": 85, "late": 6, "excused": 5, "absent": 4}
DECLINE_REASONS = (
    "Không thuộc đối tượng của lớp.",
    "Đã tham gia lớp tương tự trong năm.",
    "Cơ quan đã cử đủ số lượng.",
)

# Vietnamese name parts: family names, middle names, given names.
FAMILY_NAMES, MIDDLE_NAMES, GIVEN_NAMES = (
    words.split()
    for words in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý",
        "Văn Thị Hữu Đức Minh Thu Ngọc Quang Thanh Xuân Thành Kim",
        "An Bình Chi Dũng Giang Hà Hải Hạnh Hoa Hùng Hương Lan Linh Long Mai Minh Nam Nga Phong Quân Sơn "
        "Thảo Trang Tuấn Yến Thắng Tâm Khánh Việt Hòa",
    )
)
POSITIONS = ("Chuyên viên", "Chuyên viên chính", "Phó trưởng phòng", "Trưởng phòng", "Cán bộ", "Công chức")
DEPARTMENTS = (
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Tài chính",
    "Sở Giáo dục và Đào tạo",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Dân tộc và Tôn giáo",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Quản lý các khu công nghiệp",
)
# Agency kinds in tree order: (kind, how many, name prefix); communes hang under the districts.
AGENCY_KINDS = (("department", 25, "Sở"), ("public_unit", 75, "Đơn vị"), ("district", 10, "UBND huyện"))
BENCH_USERNAME = "bench.noivu"


@dataclass(frozen=True)
class DataSize:
    agencies: int
    people: int
    enrolments: int
    marks: int
    biggest_class: int

    def line(self) -> str:
        return (
            f"Data: {self.agencies:,} agencies · {self.people:,} people · {self.enrolments:,} enrolments · "
            f"{self.marks:,} attendance marks · biggest class {self.biggest_class:,} confirmed trainees"
        )


EXPECTED = DataSize(
    AGENCIES, AGENCIES * PEOPLE_PER_AGENCY, TOTAL_ENROLMENTS, TOTAL_MARKS, BIG_CLASS_CONFIRMED
)


# The database itself ---------------------------------------------------------------------------------


def prepare_database(url: str, *, rebuild: bool) -> None:
    """Create the bench database if it is missing; with ``rebuild``, drop it first."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(server)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            if rebuild:
                cursor.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def data_size() -> DataSize:
    from dancoso.agencies.models import Agency, Person
    from training.models import Attendance, Enrolment

    return DataSize(
        agencies=Agency.objects.count(),
        people=Person.objects.count(),
        enrolments=Enrolment.objects.count(),
        marks=Attendance.objects.count(),
        biggest_class=_biggest_class()[1],
    )


def _biggest_class() -> tuple[int | None, int]:
    """The class with the most confirmed trainees, and how many; ``(None, 0)`` without enrolments."""
    from django.db.models import Count

    from training.models import Enrolment

    counts = Enrolment.objects.confirmed().values("training_class").annotate(n=Count("pk")).order_by("-n")
    row = counts.first()
    return (row["training_class"], row["n"]) if row else (None, 0)


def ensure_data(*, rebuild: bool) -> bool:
    """Build the province unless it is already there in full; answer whether it was built."""
    if not rebuild and data_size() == EXPECTED:
        return False
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    build()
    return True


def refresh_statistics() -> None:
    """VACUUM and ANALYZE the database, so the planner knows the tables as a live server's would.

    Autovacuum may be off (it is on this machine), and rows loaded by COPY leave the planner with no
    statistics at all: it would then guess a few thousand rows where there are a hundred thousand.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def bench_user() -> Any:
    """The Home Affairs account the pages are measured with; staff and superuser, for the admin."""
    from dancoso.accounts.models import Role, User
    from dancoso.agencies.models import Agency

    user, _ = User.objects.update_or_create(
        username=BENCH_USERNAME,
        defaults={
            "role": Role.PROVINCE_ADMIN,
            "agency": Agency.objects.get(code="bench-department-1"),
            "full_name": "Người đo tải (Sở Nội vụ)",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    return user


def big_class_and_session() -> tuple[int, int]:
    """Primary keys of the class with the most confirmed trainees and of its first session."""
    from training.models import Session

    class_pk, _ = _biggest_class()
    session = Session.objects.filter(training_class=class_pk).order_by("date", "pk").first()
    return class_pk, session.pk


# The plan ----------------------------------------------------------------------------------------------


def build() -> None:
    """Write every register of the plan, then move the id sequences past the written keys."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from dancoso.agencies.models import Agency, Person, Province
    from training.models import Attendance, Enrolment, Session, TrainingClass, TrainingPlan
    from training.services.attendance import attendance_recount

    rng = random.Random(2026)
    with transaction.atomic():
        _copy(Province, [{"id": 1, "name": "Bắc Giang", "resolution_number": "12/2024/NQ-HĐND"}])
        agencies = list(_agencies())
        _copy(Agency, agencies)
        people = list(_people(rng, [a["id"] for a in agencies]))
        _copy(Person, people)
        plans, classes, sessions = _training_calendar()
        _copy(TrainingPlan, plans)
        _copy(TrainingClass, classes)
        _copy(Session, sessions)
        enrolments = list(_enrolments(rng, classes, people))
        _copy(Enrolment, enrolments)
        _copy(Attendance, _marks(rng, sessions, enrolments))
        # The marks went in by COPY, so each trainee's counts are taken once here, as the service would.
        attendance_recount(Enrolment.objects.all())
        models = [Province, Agency, Person, TrainingPlan, TrainingClass, Session, Enrolment, Attendance]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


def _agencies() -> Iterator[dict[str, Any]]:
    number = 0
    districts: list[int] = []
    for kind, count, prefix in AGENCY_KINDS:
        for k in range(1, count + 1):
            number += 1
            name = DEPARTMENTS[k - 1] if kind == "department" and k <= len(DEPARTMENTS) else f"{prefix} {k}"
            if kind == "district":
                districts.append(number)
            yield _agency(number, kind, k, name, parent=None)
    for k in range(1, AGENCIES - number + 1):
        yield _agency(number + k, "commune", k, f"UBND xã {k}", parent=districts[k % len(districts)])


def _agency(pk: int, kind: str, k: int, name: str, *, parent: int | None) -> dict[str, Any]:
    return {
        "id": pk,
        "name": name,
        "short_name": name,
        "code": f"bench-{kind.replace('_', '-')}-{k}",
        "kind": kind,
        "parent_id": parent,
        "display_order": pk,
    }


def _people(rng: random.Random, agency_ids: list[int]) -> Iterator[dict[str, Any]]:
    pk = 0
    for agency_id in agency_ids:
        for _ in range(PEOPLE_PER_AGENCY):
            pk += 1
            yield _person(rng, pk, agency_id)


def _person(rng: random.Random, pk: int, agency_id: int) -> dict[str, Any]:
    draw = rng.random()
    democracy = draw < PERSON_FLAGS["democracy"]
    inspection = not democracy and draw < PERSON_FLAGS["democracy"] + PERSON_FLAGS["inspection"]
    term_start = date(2024, 1, 1) + timedelta(days=rng.randrange(700)) if inspection else None
    name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
    return {
        "id": pk,
        "full_name": name,
        "agency_id": agency_id,
        "position": rng.choice(POSITIONS),
        "phone": f"09{rng.randrange(10**8):08d}",
        "is_democracy_officer": democracy,
        "is_inspection_member": inspection,
        "inspection_term_start": term_start,
        "inspection_term_end": term_start + timedelta(days=913) if term_start else None,
        "is_steering_member": rng.random() < PERSON_FLAGS["steering"],
        "is_active": rng.random() >= PERSON_FLAGS["inactive"],
    }


def _training_calendar() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Plans of the last five periods, their classes (two a year in March and November) and sessions."""
    from dancoso.periods import current_period

    last = current_period().year
    plans, classes, sessions = [], [], []
    for offset, count in enumerate(CLASSES_PER_YEAR):
        year = last - PLAN_YEARS + 1 + offset
        plans.append({"id": offset + 1, "year": year, "decision_number": f"{100 + offset}/QĐ-UBND"})
        for month in (3, 11)[:count]:
            training_class = _training_class(len(classes), offset + 1, date(year, month, 9))
            classes.append(training_class)
            sessions.extend(_sessions(training_class, len(sessions)))
    return plans, classes, sessions


def _training_class(index: int, plan_id: int, start: date) -> dict[str, Any]:
    big = index == BIG_CLASS_INDEX
    session_count = SESSIONS_PER_CLASS[index]
    return {
        "id": index + 1,
        "plan_id": plan_id,
        "title": ("Lớp bồi dưỡng toàn tỉnh" if big else "Lớp bồi dưỡng kỹ năng thực hiện dân chủ")
        + f" {start:%m/%Y}",
        "for_others": big,
        "organiser_id": 1,
        "venue": "Trường Chính trị tỉnh",
        "start_date": start,
        "end_date": start + timedelta(days=session_count - 1),
        "capacity": BIG_CLASS_CONFIRMED + sum(BIG_CLASS_OTHERS) if big else _ordinary_class_size(),
        "trainers": "TS. Nguyễn Văn An\nThS. Trần Thị Bình",
        "status": "finished" if start + timedelta(days=session_count) < date.today() else "running",
        "sessions": session_count,
    }


def _ordinary_class_size() -> int:
    big = BIG_CLASS_CONFIRMED + sum(BIG_CLASS_OTHERS)
    return (TOTAL_ENROLMENTS - big) // (sum(CLASSES_PER_YEAR) - 1)


def _sessions(training_class: dict[str, Any], first_pk: int) -> Iterator[dict[str, Any]]:
    for k in range(training_class["sessions"]):
        yield {
            "id": first_pk + k + 1,
            "training_class_id": training_class["id"],
            "date": training_class["start_date"] + timedelta(days=k),
            "start_time": time(8, 0),
            "end_time": time(11, 30),
            "topic": f"Chuyên đề {k + 1}",
        }


def _enrolments(
    rng: random.Random, classes: list[dict[str, Any]], people: list[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    active = [p for p in people if p["is_active"]]
    eligible = [p for p in active if p["is_democracy_officer"] or p["is_inspection_member"]]
    pk = 0
    for training_class in classes:
        pool = active if training_class["for_others"] else eligible
        chosen = rng.sample(pool, training_class["capacity"])
        for person, status in zip(chosen, _statuses(training_class), strict=True):
            pk += 1
            yield _enrolment(rng, pk, training_class, person, status)


def _statuses(training_class: dict[str, Any]) -> list[str]:
    size = training_class["capacity"]
    if training_class["for_others"]:
        nominated, declined = BIG_CLASS_OTHERS
    else:
        nominated, declined = round(size * NOMINATED_SHARE), round(size * DECLINED_SHARE)
    return ["nominated"] * nominated + ["declined"] * declined + ["confirmed"] * (size - nominated - declined)


def _enrolment(
    rng: random.Random, pk: int, training_class: dict[str, Any], person: dict[str, Any], status: str
) -> dict[str, Any]:
    group = "democracy" if person["is_democracy_officer"] else "other"
    if person["is_inspection_member"]:
        group = "inspection"
    nominated_at = _moment(training_class["start_date"] - timedelta(days=30))
    return {
        "id": pk,
        "training_class_id": training_class["id"],
        "person_id": person["id"],
        "agency_id": person["agency_id"],
        "target_group": group,
        "status": status,
        "decline_reason": rng.choice(DECLINE_REASONS) if status == "declined" else "",
        "nominated_at": nominated_at,
        "decided_at": nominated_at + timedelta(days=10) if status != "nominated" else None,
    }


def _marks(
    rng: random.Random, sessions: list[dict[str, Any]], enrolments: list[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """One mark per confirmed trainee and session, until the plan's total; the rest stays unmarked."""
    confirmed: dict[int, list[int]] = {}
    for enrolment in enrolments:
        if enrolment["status"] == "confirmed":
            confirmed.setdefault(enrolment["training_class_id"], []).append(enrolment["id"])
    statuses, weights = list(MARK_WEIGHTS), list(MARK_WEIGHTS.values())
    pk = 0
    for session in sessions:
        recorded_at = _moment(session["date"])
        for enrolment_id in confirmed[session["training_class_id"]]:
            if pk == TOTAL_MARKS:
                return
            pk += 1
            status = rng.choices(statuses, weights)[0]
            yield {
                "id": pk,
                "session_id": session["id"],
                "enrolment_id": enrolment_id,
                "status": status,
                "note": "Có lý do" if status == "excused" else "",
                "recorded_at": recorded_at,
            }


def _moment(day: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(9, 0)))


# COPY --------------------------------------------------------------------------------------------------


def _copy(model: Any, rows: Iterable[dict[str, Any]]) -> None:
    """COPY the rows into the model's table; a field a row leaves out gets the model's default."""
    from django.db import connection

    fields = model._meta.concrete_fields
    defaults = {field.attname: _default(field) for field in fields}
    buffer = io.StringIO()
    for row in rows:
        values = (row.get(field.attname, defaults[field.attname]) for field in fields)
        buffer.write("\t".join(_text(value) for value in values) + "\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN", buffer)


def _default(field: Any) -> Any:
    from django.utils import timezone

    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _text(value: Any) -> str:
    """A value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
