"""Classes, their sessions and their materials."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dancoso.core.audit import assign, audited_delete, audited_save
from training.models import SEAT_STATUSES, Material, Session, TrainingClass

# The fields a class and a session may be given, in the order the forms show them.
CLASS_FIELDS = (
    "plan",
    "title",
    "content",
    "for_democracy_officers",
    "for_inspection_members",
    "for_others",
    "organiser",
    "venue",
    "start_date",
    "end_date",
    "capacity",
    "trainers",
    "status",
    "completion_percent",
    "late_counts_as_present",
    "attendance_by",
)
SESSION_FIELDS = ("date", "start_time", "end_time", "topic")


@transaction.atomic
def class_create(*, actor: Any, **fields: Any) -> TrainingClass:
    training_class = TrainingClass()
    assign(training_class, fields, CLASS_FIELDS)
    return audited_save(training_class, actor=actor)


@transaction.atomic
def class_update(*, training_class: TrainingClass, actor: Any, **changes: Any) -> TrainingClass:
    """Change a class; capacity may not drop below the seats taken, nor dates leave out sessions."""
    assign(training_class, changes, CLASS_FIELDS)
    taken = training_class.enrolments.filter(status__in=SEAT_STATUSES).count()
    if training_class.capacity is not None and training_class.capacity < taken:
        raise ValidationError(
            {
                "capacity": _("%(taken)s people already hold a seat; the capacity cannot be lower.")
                % {"taken": taken}
            }
        )
    outside = training_class.sessions.exclude(
        date__range=(training_class.start_date, training_class.end_date)
    )
    if outside.exists():
        raise ValidationError(_("Some sessions fall outside the new dates; move or delete them first."))
    return audited_save(training_class, actor=actor)


def _dates(start: date, end: date, weekdays: Collection[int]) -> list[date]:
    days = (end - start).days + 1
    return [
        start + timedelta(days=n) for n in range(days) if (start + timedelta(days=n)).weekday() in weekdays
    ]


@transaction.atomic
def sessions_generate(
    *,
    training_class: TrainingClass,
    weekdays: Collection[int],
    start_time: time | None = None,
    end_time: time | None = None,
    actor: Any,
) -> list[Session]:
    """One session on each chosen weekday between the class's dates; days that have a session are skipped."""
    if not weekdays:
        raise ValidationError({"weekdays": _("Choose at least one weekday.")})
    taken = set(training_class.sessions.values_list("date", flat=True))
    sessions = [
        Session(training_class=training_class, date=day, start_time=start_time, end_time=end_time)
        for day in _dates(training_class.start_date, training_class.end_date, weekdays)
        if day not in taken
    ]
    for session in sessions:
        session.full_clean(validate_constraints=False)
    return bulk_create_with_history(sessions, Session, default_user=actor)


@transaction.atomic
def session_update(*, session: Session, actor: Any, **changes: Any) -> Session:
    assign(session, changes, SESSION_FIELDS)
    return audited_save(session, actor=actor)


@transaction.atomic
def session_create(*, training_class: TrainingClass, actor: Any, **fields: Any) -> Session:
    session = Session(training_class=training_class)
    assign(session, fields, SESSION_FIELDS)
    return audited_save(session, actor=actor)


@transaction.atomic
def session_delete(*, session: Session, actor: Any) -> None:
    """Delete a session that has no attendance yet; recorded attendance is evidence and stays."""
    if session.attendances.exists():
        raise ValidationError(_("Attendance has been recorded for this session; it cannot be deleted."))
    audited_delete(session, actor=actor)


@transaction.atomic
def material_add(*, training_class: TrainingClass, title: str, file: UploadedFile, actor: Any) -> Material:
    material = Material(training_class=training_class, title=title, file=file, uploaded_by=actor)
    return audited_save(material, actor=actor)


@transaction.atomic
def material_delete(*, material: Material, actor: Any) -> None:
    # The file goes only once the row is gone for good: a failed delete must not leave a row without it.
    file = material.file
    audited_delete(material, actor=actor)
    transaction.on_commit(lambda: file.delete(save=False))
