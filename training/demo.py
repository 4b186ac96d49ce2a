"""Demo training records: three years of plans, classes with their materials, rosters, attendance and
certificates.

Safe to run twice: plans are found by year, classes by plan and title, materials by class and title,
enrolments by class and person,
marks by session and enrolment, and certificates are issued only to those who lack one. Each class draws
from its own seeded random generator, so every run makes the same choices. All writes go through the
training services, acting as the Home Affairs demo user.

This year's class running since last week has trainees of the two demo staff accounts' agencies (Sở Tư
pháp, Sở Y tế) whose past sessions are left for those agencies to mark; two years ago the Fatherland
Front's class for People's Inspection Board members was organised, and marked, by the Front alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.agencies.models import Agency, Person
from dancoso.periods import Period, current_period
from training.certificates_pdf import document_pdf
from training.models import (
    Attendance,
    AttendanceBy,
    AttendanceStatus,
    Certificate,
    ClassStatus,
    Content,
    Enrolment,
    EnrolmentStatus,
    Material,
    TargetGroup,
    TrainingClass,
    TrainingPlan,
)
from training.services.attendance import attendance_record
from training.services.certificates import certificates_issue
from training.services.classes import class_create, material_add, session_update, sessions_generate
from training.services.enrolment import enrolment_decide, enrolment_nominate
from training.services.plans import plan_create

SEED = 2026
ACTOR_USERNAME = "noivu"
HOME_AFFAIRS_CODE = "SNV"
# The agency of the demo staff account "canbo.tuphap": the open class leaves its people free to nominate.
NOMINATING_AGENCY_CODE = "STP"
# The agencies of the demo staff accounts "canbo.tuphap" and "canbo.yte", who mark their own trainees.
MARKING_AGENCY_CODES = ("STP", "SYT")
# The Fatherland Front guides the People's Inspection Boards, and trains their members itself.
FRONT_CODE = "MTTQ"
TRAINERS = "TS. Nguyễn Văn Giảng – Trường Chính trị tỉnh\nThS. Lê Thị Hồng Nhung – Sở Nội vụ"
TOPICS = [
    "Quan điểm của Đảng về phát huy quyền làm chủ của Nhân dân",
    "Luật Thực hiện dân chủ ở cơ sở năm 2022 và văn bản hướng dẫn",
    "Kỹ năng tổ chức hội nghị cán bộ, công chức, viên chức",
    "Nghiệp vụ giám sát, kiểm tra của Ban Thanh tra nhân dân",
    "Thực hành: xử lý tình huống và trao đổi kinh nghiệm",
]
DECLINE_REASONS = [
    "Trùng lịch công tác đã được phân công, đề nghị cử người khác.",
    "Người được cử đã tham gia lớp cùng nội dung năm trước.",
    "Cơ quan đã cử đủ số lượng theo phân bổ chỉ tiêu.",
]
LATE_NOTE = "Đến muộn do họp cơ quan"
EXCUSED_NOTE = "Nghỉ có phép – đi công tác"
BOTH_GROUPS = (TargetGroup.DEMOCRACY, TargetGroup.INSPECTION)


@dataclass(frozen=True)
class DemoClass:
    """A class to seed; its title is its natural key inside the plan, so it must not depend on today."""

    title: str
    start: dt.date
    content: str = Content.BOTH
    groups: tuple[TargetGroup, ...] = BOTH_GROUPS
    weekdays: tuple[int, ...] = (0, 1, 2, 3)
    status: str = ClassStatus.FINISHED
    capacity: int = 50
    nominees: int = 36
    days: int = 5
    # The organiser's code, when not the default organiser; who marks attendance.
    organiser_code: str | None = None
    attendance_by: str = AttendanceBy.AGENCIES
    # Agencies with trainees for certain, whose marks are left for their own staff to record.
    marked_by_agencies: tuple[str, ...] = ()

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)


@transaction.atomic
def seed() -> dict[str, int]:
    """Create what is missing and return how many rows of each kind exist afterwards."""
    actor = User.objects.get(username=ACTOR_USERNAME)
    organiser = _organiser()
    today = timezone.localdate()
    latest = current_period().year
    for year in range(latest - 2, latest + 1):
        plan = _plan(year, today, actor)
        for spec in _classes_of(year, latest, today):
            _seed_class(plan, spec, organiser, today, actor)
    return {
        "plans": TrainingPlan.objects.count(),
        "classes": TrainingClass.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "materials": Material.objects.count(),
        "attendance": Attendance.objects.count(),
        "certificates": Certificate.objects.count(),
    }


def _organiser() -> Agency:
    """The provincial Political School if the register has it, else the Department of Home Affairs."""
    school = Agency.objects.active().filter(name__istartswith="Trường Chính trị").order_by("pk").first()
    return school or Agency.objects.get(code=HOME_AFFAIRS_CODE)


def _plan(year: int, today: dt.date, actor: User) -> TrainingPlan:
    existing = TrainingPlan.objects.filter(year=year).first()
    if existing:
        return existing
    return plan_create(
        year=year,
        decision_number=f"{100 + year % 100 * 7}/QĐ-UBND",
        decision_date=min(dt.date(year, 1, 20), today),
        notes="Kế hoạch bồi dưỡng theo Nghị quyết của HĐND tỉnh về thực hiện dân chủ ở cơ sở.",
        actor=actor,
    )


def _monday_from(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=-day.weekday() % 7)


def _classes_of(year: int, latest: int, today: dt.date) -> list[DemoClass]:
    """Two classes two years ago, one last year; this year one finished (if spring is over) and one open."""
    if year == latest - 2:
        return [
            DemoClass(
                title=f"Lớp bồi dưỡng kỹ năng thực hiện dân chủ ở cơ sở năm {year}",
                start=_monday_from(dt.date(year, 4, 6)),
                content=Content.SKILLS,
            ),
            DemoClass(
                title=f"Lớp bồi dưỡng chính trị, tư tưởng cho thành viên Ban Thanh tra nhân dân năm {year}",
                start=_monday_from(dt.date(year, 9, 14)),
                content=Content.POLITICAL,
                groups=(TargetGroup.INSPECTION,),
                weekdays=(0, 2, 4),
                capacity=40,
                nominees=30,
                organiser_code=FRONT_CODE,
                attendance_by=AttendanceBy.ORGANISER,
            ),
        ]
    if year == latest - 1:
        return [
            DemoClass(
                title=f"Lớp bồi dưỡng nghiệp vụ dân chủ ở cơ sở năm {year}",
                start=_monday_from(dt.date(year, 5, 11)),
                groups=(*BOTH_GROUPS, TargetGroup.OTHER),
                weekdays=(0, 1, 2, 3, 4),
                capacity=60,
                nominees=42,
            )
        ]
    return _this_year(year, today)


def _this_year(year: int, today: dt.date) -> list[DemoClass]:
    """A class running since last week, whose trainees of the demo staff's agencies are theirs to mark, and
    the open class a fortnight ahead, inside the period."""
    running = DemoClass(
        title=f"Lớp bồi dưỡng kỹ năng giám sát, kiểm tra của Ban Thanh tra nhân dân năm {year}",
        start=max(_monday_from(today - dt.timedelta(days=13)), Period(year).start),
        content=Content.SKILLS,
        weekdays=(0, 1, 2, 3, 4),
        status=ClassStatus.RUNNING,
        days=14,
        nominees=38,
        marked_by_agencies=MARKING_AGENCY_CODES,
    )
    # The open class must start inside the reporting period to count in this year's figures.
    open_class = DemoClass(
        title=f"Lớp bồi dưỡng nghiệp vụ thực hiện dân chủ ở cơ sở đợt 2 năm {year}",
        start=min(today + dt.timedelta(days=14), Period(year).end),
        weekdays=(0, 1, 2, 3, 4),
        status=ClassStatus.OPEN,
        capacity=60,
        nominees=24,
    )
    return [running, open_class]


def _seed_class(plan: TrainingPlan, spec: DemoClass, organiser: Agency, today: dt.date, actor: User) -> None:
    rng = random.Random(f"{SEED}:{spec.title}")
    if spec.organiser_code:
        organiser = Agency.objects.filter(code=spec.organiser_code).first() or organiser
    training_class = _class(plan, spec, organiser, actor)
    _sessions(training_class, spec, actor)
    _materials(training_class, actor)
    _roster(training_class, spec, rng, actor)
    _attendance(training_class, spec, rng, today, actor)
    if training_class.status == ClassStatus.FINISHED:
        certificates_issue(training_class=training_class, actor=actor)


def _class(plan: TrainingPlan, spec: DemoClass, organiser: Agency, actor: User) -> TrainingClass:
    existing = TrainingClass.objects.filter(plan=plan, title=spec.title).first()
    if existing:
        return existing
    return class_create(
        plan=plan,
        title=spec.title,
        content=spec.content,
        for_democracy_officers=TargetGroup.DEMOCRACY in spec.groups,
        for_inspection_members=TargetGroup.INSPECTION in spec.groups,
        for_others=TargetGroup.OTHER in spec.groups,
        organiser=organiser,
        venue="Hội trường Trường Chính trị tỉnh Bắc Giang",
        start_date=spec.start,
        end_date=spec.end,
        capacity=spec.capacity,
        trainers=TRAINERS,
        status=spec.status,
        attendance_by=spec.attendance_by,
        actor=actor,
    )


def _sessions(training_class: TrainingClass, spec: DemoClass, actor: User) -> None:
    """Morning sessions on the chosen weekdays, each with a topic from the programme."""
    if training_class.sessions.exists():
        return
    sessions_generate(
        training_class=training_class,
        weekdays=spec.weekdays,
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        actor=actor,
    )
    for index, session in enumerate(training_class.sessions.order_by("date")):
        session_update(session=session, topic=TOPICS[index % len(TOPICS)], actor=actor)


def _materials(training_class: TrainingClass, actor: User) -> None:
    """The programme and the handbook of the class, as small PDF files drawn for it."""
    present = set(training_class.materials.values_list("title", flat=True))
    sessions = list(training_class.sessions.order_by("date", "start_time"))
    documents = {
        "Chương trình lớp bồi dưỡng": [
            training_class.title,
            f"Từ ngày {training_class.start_date:%d/%m/%Y} đến ngày {training_class.end_date:%d/%m/%Y}",
            *(f"Buổi {n} ({s.date:%d/%m/%Y}): {s.topic}" for n, s in enumerate(sessions, start=1)),
            "Giảng viên: " + "; ".join(training_class.trainers.splitlines()),
        ],
        "Tài liệu bồi dưỡng: Luật Thực hiện dân chủ ở cơ sở (trích)": [
            "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, có hiệu lực từ ngày 01/7/2023.",
            "Chương III: Thực hiện dân chủ ở cơ quan, đơn vị – công khai, bàn và quyết định,",
            "tham gia ý kiến, kiểm tra và giám sát của cán bộ, công chức, viên chức, người lao động.",
            "Phương châm: Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.",
        ],
    }
    for number, (title, lines) in enumerate(documents.items(), start=1):
        if title not in present:
            upload = SimpleUploadedFile(
                f"tai-lieu-{number}.pdf", document_pdf(title, lines), content_type="application/pdf"
            )
            material_add(training_class=training_class, title=title, file=upload, actor=actor)


def _candidates(training_class: TrainingClass) -> list[Person]:
    """Active people the class admits, from active agencies, in a stable order."""
    people = Person.objects.filter(training_class.eligible_people(), is_active=True, agency__is_active=True)
    if training_class.status == ClassStatus.OPEN:
        people = people.exclude(agency__code=NOMINATING_AGENCY_CODE)
    return list(people.select_related("agency").order_by("pk"))


def _roster(training_class: TrainingClass, spec: DemoClass, rng: random.Random, actor: User) -> None:
    """Nominate people of many agencies: most confirmed, a few declined, a few waiting on an open class.

    Home Affairs nominates the confirmed ones confirmed at once and the others as plain nominations,
    then declines the planned refusals with a reason; people already on the roster are left alone.
    """
    if training_class.enrolments.exists():
        # Drawn once: later demos (the inspection boards) change who is eligible, and a second run must
        # not nominate anew into a full class.
        return
    candidates = _candidates(training_class)
    certain = [p for p in candidates if p.agency.code in spec.marked_by_agencies]
    others = [p for p in candidates if p.agency.code not in spec.marked_by_agencies]
    drawn = rng.sample(others, max(0, min(spec.nominees - len(certain), len(others))))
    drawn.sort(key=lambda person: person.pk)
    chosen = sorted([*certain, *drawn], key=lambda person: person.pk)
    declined, waiting = _undecided(rng, drawn, waits=training_class.status == ClassStatus.OPEN)
    enrolled = set(training_class.enrolments.values_list("person_id", flat=True))
    missing = [person for person in chosen if person.pk not in enrolled]
    pending = declined | waiting
    _nominate(training_class, [p for p in missing if p.pk not in pending], actor, confirm=True)
    _nominate(training_class, [p for p in missing if p.pk in pending], actor, confirm=False)
    to_decline = training_class.enrolments.filter(
        person__in=[p.pk for p in missing if p.pk in declined], status=EnrolmentStatus.NOMINATED
    )
    for enrolment in to_decline:
        reason = DECLINE_REASONS[enrolment.person_id % len(DECLINE_REASONS)]
        enrolment_decide(enrolment=enrolment, confirm=False, reason=reason, actor=actor)


def _undecided(rng: random.Random, chosen: Sequence[Person], *, waits: bool) -> tuple[set[int], set[int]]:
    """The people Home Affairs declines (about one in twelve) and, on an open class, those still waiting."""
    count = len(chosen)
    picked = rng.sample([person.pk for person in chosen], count)
    declines = max(1, count // 12) if count else 0
    waiting = max(2, count // 8) if waits and count > 3 else 0
    return set(picked[:declines]), set(picked[declines : declines + waiting])


def _nominate(training_class: TrainingClass, people: Sequence[Person], actor: User, *, confirm: bool) -> None:
    if people:
        enrolment_nominate(training_class=training_class, people=people, actor=actor, confirm=confirm)


def _attendance(
    training_class: TrainingClass, spec: DemoClass, rng: random.Random, today: dt.date, actor: User
) -> None:
    """Marks for every past session: most trainees attend throughout, some miss one or two sessions.

    The trainees of ``spec.marked_by_agencies`` are left unmarked, for their own agency's staff.
    """
    trainees = list(
        training_class.enrolments.filter(status=EnrolmentStatus.CONFIRMED)
        .exclude(agency__code__in=spec.marked_by_agencies)
        .order_by("person_id")
    )
    sessions = list(training_class.sessions.order_by("date"))
    marks = {trainee.pk: _trainee_marks(rng, len(sessions)) for trainee in trainees}
    recorded = set(Attendance.objects.filter(session__in=sessions).values_list("session_id", "enrolment_id"))
    for index, session in enumerate(sessions):
        if session.date >= today:
            continue
        todo = {pk: row[index] for pk, row in marks.items() if (session.pk, pk) not in recorded}
        if todo:
            attendance_record(session=session, marks=todo, actor=actor)


def _trainee_marks(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """One trainee's marks: four in five attend every session (sometimes late), the rest miss one or two."""
    marks = [
        (AttendanceStatus.LATE.value, LATE_NOTE)
        if rng.random() < 0.08
        else (AttendanceStatus.PRESENT.value, "")
        for _ in range(count)
    ]
    draw = rng.random()
    missed = 0 if draw < 0.8 else 1 if draw < 0.92 else 2
    for index in rng.sample(range(count), min(missed, count)):
        marks[index] = rng.choice(
            [(AttendanceStatus.EXCUSED.value, EXCUSED_NOTE), (AttendanceStatus.ABSENT.value, "")]
        )
    return marks
