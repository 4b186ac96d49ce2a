"""Reads of the training registers. Every selector starts from the user's scope (``dancoso.accounts.access``).

Who sees what is declared on the models (``reach``): classes, plans and sessions are shared registers; an
enrolment, its attendance and its certificate are seen by the nominating agency and by the organising
agency, who runs the roster; the organiser's staff and Home Affairs take attendance and issue certificates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet

from dancoso.accounts import access
from dancoso.agencies.models import Person
from dancoso.core.lists import counted, sorted_by
from training.models import (
    SEAT_STATUSES,
    Attendance,
    AttendanceStatus,
    Certificate,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    Material,
    Session,
    TrainingClass,
    TrainingPlan,
)


def get_plan_for_user(user: Any, year: Any, *, action: str = "read") -> TrainingPlan:
    return access.get_for_user(TrainingPlan.objects, user, action=action, year=year)


def get_class_for_user(user: Any, pk: Any, *, action: str = "read") -> TrainingClass:
    """A class: every register reader may open it; Home Affairs changes it; its organiser runs it."""
    classes = TrainingClass.objects.select_related("plan", "organiser")
    return access.get_for_user(classes, user, action=action, pk=pk)


def get_session_for_user(user: Any, pk: Any, *, action: str = "read") -> Session:
    """A session: every register reader may open it; who marks whom is decided per trainee."""
    sessions = Session.objects.select_related("training_class__plan", "training_class__organiser")
    return access.get_for_user(sessions, user, action=action, pk=pk)


def get_enrolment_for_user(user: Any, pk: Any, *, action: str = "read") -> Enrolment:
    enrolments = Enrolment.objects.select_related("training_class", "person", "agency")
    return access.get_for_user(enrolments, user, action=action, pk=pk)


def get_certificate_for_user(user: Any, pk: Any) -> Certificate:
    certificates = Certificate.objects.select_related("enrolment__training_class")
    return access.get_for_user(certificates, user, pk=pk)


def get_material_for_user(user: Any, pk: Any, *, action: str = "read") -> Material:
    materials = Material.objects.select_related("training_class")
    return access.get_for_user(materials, user, action=action, pk=pk)


def get_trainee_for_user(user: Any, pk: Any, *, session: Session) -> Enrolment:
    """A trainee of the session's class whose mark the user may see, carrying the session's class."""
    enrolments = Enrolment.objects.select_related("person", "agency")
    trainee = access.get_for_user(enrolments, user, pk=pk, training_class=session.training_class_id)
    trainee.training_class = session.training_class
    return trainee


def plan_for_year(year: Any) -> TrainingPlan | None:
    """The plan of a year typed into an address (``?year=2026``), or ``None``."""
    return TrainingPlan.objects.filter(year=year).first() if str(year).isdigit() else None


# Sort keys offered by the list pages (``sort`` in the query string); anything else falls back to the first.
CLASS_SORTS: dict[str, tuple[str, ...]] = {
    "-start": ("-start_date", "title"),
    "start": ("start_date", "title"),
    "title": ("title",),
    "-title": ("-title",),
    "organiser": ("organiser__display_order", "start_date"),
    "-organiser": ("-organiser__display_order", "start_date"),
    "status": ("status", "-start_date"),
    "-status": ("-status", "-start_date"),
}
ROSTER_SORTS: dict[str, tuple[str, ...]] = {
    "agency": ("agency__display_order", "agency__name", "person__full_name"),
    "-agency": ("-agency__display_order", "-agency__name", "person__full_name"),
    "name": ("person__full_name",),
    "-name": ("-person__full_name",),
    "status": ("status", "person__full_name"),
    "-status": ("-status", "person__full_name"),
    "attended": ("attended_count", "person__full_name"),
    "-attended": ("-attended_count", "person__full_name"),
}
TARGET_FLAGS = {
    "democracy": "for_democracy_officers",
    "inspection": "for_inspection_members",
    "other": "for_others",
}


def plan_list(*, user: Any) -> QuerySet[TrainingPlan]:
    held = TrainingClass.objects.exclude(status=ClassStatus.CANCELLED)
    return (
        access.scope(TrainingPlan.objects, user)
        .annotate(class_count=counted(held, to="plan"))
        .order_by("-year")
    )


def class_list(
    *, user: Any, filters: Mapping[str, Any], plan: TrainingPlan | None = None
) -> QuerySet[TrainingClass]:
    """Classes with seat counts; filters: ``q``, ``year``, ``organiser``, ``status``, ``target_group``."""
    classes = (
        access.scope(TrainingClass.objects, user)
        .select_related("plan", "organiser")
        .annotate(
            seats_taken=counted(Enrolment.objects.filter(status__in=SEAT_STATUSES), to="training_class"),
            confirmed_count=counted(Enrolment.objects.confirmed(), to="training_class"),
        )
    )
    if plan is not None:
        classes = classes.filter(plan=plan)
    if filters.get("q"):
        classes = classes.filter(title__icontains=filters["q"])
    if filters.get("year"):
        classes = classes.filter(plan__year=filters["year"])
    if filters.get("organiser"):
        classes = classes.filter(organiser=filters["organiser"])
    if filters.get("status"):
        classes = classes.filter(status=filters["status"])
    if filters.get("target_group") in TARGET_FLAGS:
        classes = classes.filter(**{TARGET_FLAGS[filters["target_group"]]: True})
    return sorted_by(classes, CLASS_SORTS, filters.get("sort"))


def class_summary(training_class: TrainingClass) -> dict[str, int]:
    """Seats and statuses of a class's roster, province-wide (counts only, no names)."""
    return training_class.enrolments.aggregate(
        seats_taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
        nominated=Count("pk", filter=Q(status=EnrolmentStatus.NOMINATED)),
        confirmed=Count("pk", filter=Q(status=EnrolmentStatus.CONFIRMED)),
        declined=Count("pk", filter=Q(status=EnrolmentStatus.DECLINED)),
    )


# The class page shows the first few certificates; the roster lists every trainee with their code.
CERTIFICATES_ON_CARD = 10


def class_overview(*, user: Any, training_class: TrainingClass) -> dict[str, Any]:
    """What the class page shows besides the class: seats, sessions, materials, the first certificates."""
    from training.selectors.certificates import certificate_list

    certificates = certificate_list(user=user, training_class=training_class)
    return {
        "summary": class_summary(training_class),
        "sessions": session_list(training_class=training_class),
        "materials": training_class.materials.all(),
        "certificates": certificates[:CERTIFICATES_ON_CARD],
        "certificate_count": certificates.count(),
    }


def class_sessions(training_class: TrainingClass) -> list[Session]:
    return list(training_class.sessions.order_by("date", "start_time", "pk"))


def session_list(*, training_class: TrainingClass) -> QuerySet[Session]:
    return training_class.sessions.annotate(
        marked=counted(Attendance.objects.all(), to="session"),
        absent=counted(Attendance.objects.filter(status=AttendanceStatus.ABSENT), to="session"),
    ).order_by("date", "start_time", "pk")


def roster(*, user: Any, training_class: TrainingClass, filters: Mapping[str, Any]) -> QuerySet[Enrolment]:
    """The class's enrolments in the user's scope, with attendance counts and certificate."""
    enrolments = access.scope(
        Enrolment.objects.filter(training_class=training_class)
        .select_related("person", "agency", "certificate")
        .with_attendance(),
        user,
    )
    if filters.get("q"):
        enrolments = enrolments.filter(person__full_name__icontains=filters["q"])
    if filters.get("agency"):
        enrolments = enrolments.filter(agency=filters["agency"])
    if filters.get("status"):
        enrolments = enrolments.filter(status=filters["status"])
    if filters.get("target_group"):
        enrolments = enrolments.filter(target_group=filters["target_group"])
    return sorted_by(enrolments, ROSTER_SORTS, filters.get("sort"))


def nomination_candidates(*, training_class: TrainingClass, agency_id: int) -> QuerySet[Person]:
    """Active, eligible officials of an agency who hold no seat in the class yet."""
    holding_seat = training_class.enrolments.filter(status__in=SEAT_STATUSES).values("person_id")
    return (
        Person.objects.filter(agency_id=agency_id, is_active=True)
        .filter(training_class.eligible_people())
        .exclude(pk__in=holding_seat)
        .order_by("full_name", "pk")
    )


def session_trainees(*, user: Any, session: Session, filters: Mapping[str, Any]) -> QuerySet[Enrolment]:
    """Confirmed trainees of the session's class in the user's scope, in the order of the sheet.

    Filters: ``agency``, ``q`` (part of the name), ``unmarked`` (only those without a mark yet).
    """
    trainees = access.scope(_confirmed_of(session), user).select_related("person", "agency")
    if filters.get("agency"):
        trainees = trainees.filter(agency=filters["agency"])
    if filters.get("q"):
        trainees = trainees.filter(person__full_name__icontains=filters["q"])
    if filters.get("unmarked"):
        trainees = trainees.exclude(attendances__session=session)
    return trainees.order_by("agency__display_order", "agency__name", "person__full_name", "pk")


def session_sheet(
    *, session: Session, trainees: Sequence[Enrolment]
) -> list[tuple[Enrolment, Attendance | None]]:
    """The given trainees (a page of the sheet), each with their mark in the session (or ``None``).

    Each trainee carries the session's class, so whether a user may mark them is decided without a query.
    """
    marks = session.attendances.filter(enrolment__in=[trainee.pk for trainee in trainees])
    by_trainee = {mark.enrolment_id: mark for mark in marks}
    for trainee in trainees:
        trainee.training_class = session.training_class
    return [(enrolment, by_trainee.get(enrolment.pk)) for enrolment in trainees]


def session_counts(*, user: Any, session: Session) -> dict[str, int]:
    """Marks of the session by status over the user's trainees, how many are not marked yet, how many
    trainees the user sees (``trainees``) and how many of them the user may mark (``markable``).

    Every mark is a confirmed trainee's (the services refuse any other, and refuse to decline or withdraw
    a trainee once marked), so the session's marks are counted straight from their index.
    """
    visible = access.scope(_confirmed_of(session), user).count()
    markable = markable_trainees(user=user, training_class=session.training_class_id)
    marks = access.scope(Attendance.objects.filter(session=session), user).order_by()
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    counts.update(marks.values_list("status").annotate(n=Count("status")))
    return {**counts, "unmarked": visible - sum(counts.values()), "trainees": visible, "markable": markable}


def markable_trainees(*, user: Any, training_class: TrainingClass | int) -> int:
    """How many confirmed trainees of a class (or of the class with that key) the user may mark."""
    trainees = Enrolment.objects.filter(training_class=training_class).confirmed()
    return access.scope(trainees, user, action="mark").count()


def _confirmed_of(session: Session) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(training_class=session.training_class_id).confirmed()


def attendance_matrix(
    *, trainees: Sequence[Enrolment], sessions: Sequence[Session]
) -> list[tuple[Enrolment, list[Attendance | None]]]:
    """One row per trainee with their mark in each session, read in a single query."""
    marks = {
        (mark.enrolment_id, mark.session_id): mark
        for mark in Attendance.objects.filter(enrolment__in=[trainee.pk for trainee in trainees])
    }
    return [(trainee, [marks.get((trainee.pk, session.pk)) for session in sessions]) for trainee in trainees]
