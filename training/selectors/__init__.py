"""Reads of the training registers. Every selector starts from the user's scope.

Who sees what:
- classes, plans and sessions are open to every role that reads the registers (staff need them to nominate);
- an enrolment (and its attendance and certificate) is seen by Home Affairs and leaders, by the staff of the
  nominating agency, and by the staff of the class's organising agency, who run the roster;
- attendance is recorded by Home Affairs and the organising agency's staff.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dancoso.accounts.access import can_read_all, can_read_records, get_or_404, is_province_admin
from dancoso.accounts.models import Role
from dancoso.agencies.models import Person
from dancoso.core.lists import sorted_by
from training.models import (
    SEAT_STATUSES,
    Attendance,
    AttendanceStatus,
    Certificate,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    Session,
    TrainingClass,
    TrainingPlan,
)


def _is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.AGENCY_STAFF and user.agency_id)


def can_manage_training(user: Any) -> bool:
    """Plans, classes, sessions and the decisions on nominations belong to Home Affairs."""
    return is_province_admin(user)


def can_nominate(user: Any) -> bool:
    return is_province_admin(user) or _is_staff(user)


def can_record_attendance(user: Any, training_class: TrainingClass) -> bool:
    """Home Affairs and the staff of the organising agency take attendance and issue certificates."""
    if is_province_admin(user):
        return True
    return _is_staff(user) and user.agency_id == training_class.organiser_id


def enrolment_scope(queryset: QuerySet, user: Any, *, prefix: str = "") -> QuerySet:
    """Narrow rows of enrolments (or rows reached through ``prefix``, e.g. ``"enrolment__"``) to the user."""
    if can_read_all(user):
        return queryset
    if _is_staff(user):
        return queryset.filter(
            Q(**{f"{prefix}agency": user.agency_id})
            | Q(**{f"{prefix}training_class__organiser": user.agency_id})
        )
    return queryset.none()


def get_plan_for_user(user: Any, year: int, *, write: bool = False) -> TrainingPlan:
    if not (can_manage_training(user) if write else can_read_records(user)):
        raise Http404
    return get_or_404(TrainingPlan.objects, year=year)


def get_class_for_user(user: Any, pk: Any, *, write: bool = False) -> TrainingClass:
    """A class: every register reader may open it; only Home Affairs changes it."""
    if not (can_manage_training(user) if write else can_read_records(user)):
        raise Http404
    return get_or_404(TrainingClass.objects.select_related("plan", "organiser"), pk=pk)


def get_session_for_user(user: Any, pk: Any, *, write: bool = False) -> Session:
    """A session; with ``write``, only for those who record its attendance."""
    if not can_read_records(user):
        raise Http404
    session = get_or_404(
        Session.objects.select_related("training_class__plan", "training_class__organiser"), pk=pk
    )
    if write and not can_record_attendance(user, session.training_class):
        raise Http404
    return session


def get_enrolment_for_user(user: Any, pk: Any, *, write: bool = False) -> Enrolment:
    """An enrolment in the user's scope; with ``write``, Home Affairs or the nominating agency's staff."""
    queryset = enrolment_scope(Enrolment.objects.select_related("training_class", "person", "agency"), user)
    enrolment = get_or_404(queryset, pk=pk)
    if write and not (is_province_admin(user) or (_is_staff(user) and enrolment.agency_id == user.agency_id)):
        raise Http404
    return enrolment


def get_certificate_for_user(user: Any, pk: Any) -> Certificate:
    queryset = enrolment_scope(
        Certificate.objects.select_related("enrolment__training_class"), user, prefix="enrolment__"
    )
    return get_or_404(queryset, pk=pk)


def attendance_scope(user: Any) -> QuerySet[Attendance]:
    return enrolment_scope(Attendance.objects.all(), user, prefix="enrolment__")


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
    if not can_read_records(user):
        return TrainingPlan.objects.none()
    return TrainingPlan.objects.annotate(
        class_count=Count("classes", filter=~Q(classes__status=ClassStatus.CANCELLED))
    ).order_by("-year")


def class_list(
    *, user: Any, filters: Mapping[str, Any], plan: TrainingPlan | None = None
) -> QuerySet[TrainingClass]:
    """Classes with seat counts; filters: ``q``, ``year``, ``organiser``, ``status``, ``target_group``."""
    if not can_read_records(user):
        return TrainingClass.objects.none()
    classes = TrainingClass.objects.select_related("plan", "organiser").annotate(
        seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)),
        confirmed_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED)),
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


def session_list(*, training_class: TrainingClass) -> QuerySet[Session]:
    return training_class.sessions.annotate(
        marked=Count("attendances"),
        absent=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ABSENT)),
    ).order_by("date", "start_time", "pk")


def roster(*, user: Any, training_class: TrainingClass, filters: Mapping[str, Any]) -> QuerySet[Enrolment]:
    """The class's enrolments in the user's scope, with attendance counts and certificate."""
    enrolments = enrolment_scope(
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


def session_sheet(*, user: Any, session: Session) -> list[tuple[Enrolment, Attendance | None]]:
    """Confirmed trainees of the session's class in the user's scope, each with their mark (or ``None``)."""
    trainees = enrolment_scope(
        Enrolment.objects.filter(training_class=session.training_class_id)
        .confirmed()
        .select_related("person", "agency")
        .order_by("agency__display_order", "agency__name", "person__full_name", "pk"),
        user,
    )
    marks = {mark.enrolment_id: mark for mark in session.attendances.all()}
    return [(enrolment, marks.get(enrolment.pk)) for enrolment in trainees]


def attendance_matrix(
    *, trainees: Sequence[Enrolment], sessions: Sequence[Session]
) -> list[tuple[Enrolment, list[Attendance | None]]]:
    """One row per trainee with their mark in each session, read in a single query."""
    marks = {
        (mark.enrolment_id, mark.session_id): mark
        for mark in Attendance.objects.filter(enrolment__in=[trainee.pk for trainee in trainees])
    }
    return [(trainee, [marks.get((trainee.pk, session.pk)) for session in sessions]) for trainee in trainees]
