"""Attendance (điểm danh): one mark per trainee and session, kept with its history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dancoso.accounts import access
from dancoso.core.fields import NUL_MESSAGE
from dancoso.core.lists import counted
from training.models import (
    Attendance,
    AttendanceBy,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    Session,
    TrainingClass,
)

NOTE_MAX_LENGTH = Attendance._meta.get_field("note").max_length
# A mark's status → the count it adds to on the trainee's enrolment.
MARK_COUNTS = {
    AttendanceStatus.PRESENT: "marks_present",
    AttendanceStatus.LATE: "marks_late",
    AttendanceStatus.EXCUSED: "marks_excused",
    AttendanceStatus.ABSENT: "marks_absent",
}


def attendance_recount(enrolments: QuerySet[Enrolment]) -> int:
    """Count each trainee's marks by status again into their enrolment, in one ``UPDATE``.

    Every write of marks ends here; so do loads that insert marks in bulk (the benchmark's, the tests').
    """
    counts = {
        field: counted(Attendance.objects.filter(status=status), to="enrolment")
        for status, field in MARK_COUNTS.items()
    }
    return enrolments.order_by().update(**counts)


def attendance_closed_reason(session: Session) -> str | None:
    """Why attendance of this session cannot be recorded now, or ``None`` when it can."""
    if session.training_class.is_cancelled:
        return _("The class has been cancelled; its attendance cannot be recorded.")
    if session.date > timezone.localdate():
        return _("The session has not taken place yet; its attendance can be recorded from %(date)s.") % {
            "date": session.date.strftime("%d/%m/%Y")
        }
    return None


def attendance_recorders(training_class: TrainingClass) -> str:
    """Who records the attendance of a class, in a sentence."""
    if training_class.attendance_by == AttendanceBy.ORGANISER:
        return _("Attendance of this class is recorded by its organiser, %(organiser)s, only.") % {
            "organiser": training_class.organiser
        }
    return _(
        "Attendance of this class is recorded by its organiser, %(organiser)s, and by each trainee's "
        "agency for its own trainees."
    ) % {"organiser": training_class.organiser}


def attendance_read_only_reason(*, training_class: TrainingClass, visible: int, markable: int) -> str | None:
    """Why some or all of the trainees a user sees on a sheet are not theirs to mark, or ``None``."""
    if markable >= visible:
        return None
    if markable:
        return _(
            "You mark the trainees of your agency; the others are marked by their agency or the organiser."
        )
    return _("You can read this sheet but not change it. %(who)s") % {
        "who": attendance_recorders(training_class)
    }


def _check_marks(session: Session, marks: Mapping[int, tuple[str, str]], actor: Any) -> None:
    if reason := attendance_closed_reason(session):
        raise ValidationError(reason)
    trainees = session.training_class.enrolments.filter(status=EnrolmentStatus.CONFIRMED, pk__in=list(marks))
    if len(marks) > trainees.count():
        raise ValidationError(_("Some marks are for people who are not confirmed trainees of this class."))
    if len(marks) > access.scope(trainees, actor, action="mark").count():
        raise ValidationError(
            _("Some of these trainees are not yours to mark. %(who)s")
            % {"who": attendance_recorders(session.training_class)}
        )
    if any(status not in AttendanceStatus.values for status, _note in marks.values()):
        raise ValidationError(_("Choose present, late, excused or absent for each trainee."))
    if any(len(note) > NOTE_MAX_LENGTH for _status, note in marks.values()):
        raise ValidationError(_("A note may have at most %(max)s characters.") % {"max": NOTE_MAX_LENGTH})
    # PostgreSQL cannot store NUL characters: refused as a form's text field refuses them.
    for _status, note in marks.values():
        ProhibitNullCharactersValidator(message=NUL_MESSAGE)(note)


@transaction.atomic
def attendance_record(*, session: Session, marks: Mapping[int, tuple[str, str]], actor: Any) -> int:
    """Record the marks of a session (enrolment pk → (status, note)) and return how many changed.

    Steps: refuse a cancelled class, a future session, unknown trainees, trainees the actor may not mark
    (``reach`` of ``Enrolment``, action ``mark``) and unknown statuses; create the
    missing marks and update the changed ones in bulk, each with a history record naming the actor. A
    session of 500 trainees takes a fixed handful of queries.
    """
    _check_marks(session, marks, actor)
    existing = {mark.enrolment_id: mark for mark in session.attendances.filter(enrolment__in=list(marks))}
    now = timezone.now()
    fresh, changed = [], []
    for enrolment_id, (status, note) in marks.items():
        mark = existing.get(enrolment_id)
        if mark is None:
            fresh.append(
                Attendance(
                    session=session,
                    enrolment_id=enrolment_id,
                    status=status,
                    note=note.strip(),
                    recorded_by=actor,
                )
            )
        elif (mark.status, mark.note) != (status, note.strip()):
            mark.status, mark.note, mark.recorded_by, mark.recorded_at = status, note.strip(), actor, now
            changed.append(mark)
    bulk_create_with_history(fresh, Attendance, default_user=actor)
    bulk_update_with_history(
        changed, Attendance, ["status", "note", "recorded_by", "recorded_at"], default_user=actor
    )
    if fresh or changed:
        attendance_recount(
            Enrolment.objects.filter(pk__in=[mark.enrolment_id for mark in [*fresh, *changed]])
        )
    return len(fresh) + len(changed)


@transaction.atomic
def attendance_all_present(*, session: Session, actor: Any) -> int:
    """Mark every confirmed trainee the actor may mark and who has no mark yet as present.

    Marks already given are kept; so are the trainees of other agencies.
    """
    unmarked = session.training_class.enrolments.filter(status=EnrolmentStatus.CONFIRMED).exclude(
        attendances__session=session
    )
    unmarked = access.scope(unmarked, actor, action="mark")
    marks = dict.fromkeys(unmarked.values_list("pk", flat=True), (AttendanceStatus.PRESENT.value, ""))
    return attendance_record(session=session, marks=marks, actor=actor)
