"""Training (bồi dưỡng) of Art. 1 §1: yearly plans, classes, sessions, enrolment, attendance, certificates."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, HOME_AFFAIRS, Reach, Where
from dancoso.agencies.models import Agency, Person
from dancoso.core.fields import NOTE_LENGTH, actor_field
from dancoso.core.lists import counted
from dancoso.periods import Period

# The resolution asks for 1 to 2 classes a year; outside this range the plan shows a warning, not a block.
CLASSES_PER_YEAR = (1, 2)


class TrainingPlan(models.Model):
    """The province's yearly training plan (kế hoạch bồi dưỡng) that the classes belong to."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    decision_number = models.CharField(_("approving decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("approving decision date"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Training plan %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("training:plan_detail", args=[self.year])


class Content(models.TextChoices):
    POLITICAL = "political", _("Political, ideological and ethical training")
    SKILLS = "skills", _("Professional skills in building and practising democracy")
    BOTH = "both", _("Both")


class TargetGroup(models.TextChoices):
    DEMOCRACY = "democracy", _("Staff assigned to democracy work")
    INSPECTION = "inspection", _("People's Inspection Board members")
    OTHER = "other", _("Others")


class AttendanceBy(models.TextChoices):
    """Who records a class's attendance: its organiser alone, or also each trainee's agency for its own."""

    AGENCIES = "agencies", _("The organiser and each trainee's agency, for its own trainees")
    ORGANISER = "organiser", _("The organising agency only")


class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for nomination")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


# Target group → the Person flag that makes someone eligible; "others" admits everyone.
ELIGIBILITY_FLAGS = {
    TargetGroup.DEMOCRACY: "is_democracy_officer",
    TargetGroup.INSPECTION: "is_inspection_member",
}


def default_completion_percent() -> int:
    return settings.TRAINING_COMPLETION_PERCENT


class TrainingClass(models.Model):
    """A training class (lớp bồi dưỡng) organised by one agency for trainees of many agencies."""

    plan = models.ForeignKey(
        TrainingPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="classes"
    )
    title = models.CharField(_("class name"), max_length=255)
    content = models.CharField(_("content"), max_length=20, choices=Content.choices, default=Content.BOTH)
    for_democracy_officers = models.BooleanField(_("staff assigned to democracy work"), default=True)
    for_inspection_members = models.BooleanField(_("People's Inspection Board members"), default=True)
    for_others = models.BooleanField(_("other officials"), default=False)
    organiser = models.ForeignKey(
        Agency, verbose_name=_("organising agency"), on_delete=models.PROTECT, related_name="training_classes"
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    trainers = models.TextField(
        _("trainers"), max_length=NOTE_LENGTH, blank=True, help_text=_("One trainer per line.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClassStatus.choices, default=ClassStatus.PLANNED
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=default_completion_percent,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    late_counts_as_present = models.BooleanField(_("late counts as attended"), default=True)
    attendance_by = models.CharField(
        _("attendance recorded by"),
        max_length=10,
        choices=AttendanceBy.choices,
        default=AttendanceBy.AGENCIES,
        help_text=_(
            "A class of trainees from many agencies lets each agency mark its own trainees; choose the "
            "organiser only where it alone takes the roll."
        ),
    )
    history = HistoricalRecords()
    # Every agency reads the classes (to nominate); Home Affairs manages them; the organising agency's staff
    # run them: attendance and certificates.
    reach = Reach(read=ALL, actions={"run": ("organiser",)})

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="class_ends_after_start"),
            models.CheckConstraint(
                condition=Q(for_democracy_officers=True)
                | Q(for_inspection_members=True)
                | Q(for_others=True),
                name="class_has_target_group",
            ),
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1, completion_percent__lte=100),
                name="class_completion_percent_range",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="class_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:class_detail", args=[self.pk])

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def target_groups(self) -> list[TargetGroup]:
        flags = {
            TargetGroup.DEMOCRACY: self.for_democracy_officers,
            TargetGroup.INSPECTION: self.for_inspection_members,
            TargetGroup.OTHER: self.for_others,
        }
        return [group for group, chosen in flags.items() if chosen]

    @property
    def is_cancelled(self) -> bool:
        return self.status == ClassStatus.CANCELLED

    def eligible_people(self) -> Q:
        """The people a class admits, as a filter on ``Person``."""
        if self.for_others:
            return Q()
        condition = Q(pk__in=[])
        for group in self.target_groups:
            condition |= Q(**{ELIGIBILITY_FLAGS[group]: True})
        return condition

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The class cannot end before it starts.")
        if not (self.for_democracy_officers or self.for_inspection_members or self.for_others):
            errors["for_democracy_officers"] = _("Choose at least one target group.")
        if self.plan_id and self.start_date and not _in_plan_year(self.start_date, self.plan.year):
            errors["start_date"] = _("The class must start within the plan's year.")
        if errors:
            raise ValidationError(errors)


def _in_plan_year(day: date, year: int) -> bool:
    """A plan's year runs from the start of its reporting period (15/12 of the year before) to 31/12."""
    return Period(year).start <= day <= date(year, 12, 31)


def material_path(instance: Material, filename: str) -> str:
    return f"training/materials/{instance.training_class_id}/{filename}"


class Material(models.Model):
    """A document handed out in a class (tài liệu): slides, handbooks, legal texts."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=material_path)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = actor_field(_("uploaded by"))
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """One dated session (buổi học) of a class; attendance is taken per session."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=255, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="session_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["training_class", "date"])]

    def __str__(self) -> str:
        return f"{self.training_class} – {self.date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_attendance", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        training_class = self.training_class if self.training_class_id else None
        if (
            training_class
            and self.date
            and not training_class.start_date <= self.date <= training_class.end_date
        ):
            errors["date"] = _("The session must fall between the class's start and end dates.")
        if errors:
            raise ValidationError(errors)


class EnrolmentStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Enrolments that take a seat of the class's capacity.
SEAT_STATUSES = (EnrolmentStatus.NOMINATED, EnrolmentStatus.CONFIRMED)


# Sessions a trainee attended: present, or late where the class counts it (from the stored counts).
ATTENDED = Case(
    When(training_class__late_counts_as_present=True, then=F("marks_present") + F("marks_late")),
    default=F("marks_present"),
    output_field=models.IntegerField(),
)


class EnrolmentQuerySet(models.QuerySet):
    def confirmed(self) -> EnrolmentQuerySet:
        return self.filter(status=EnrolmentStatus.CONFIRMED)

    def with_attendance(self) -> EnrolmentQuerySet:
        """Annotate sessions attended (present, or late where the class counts it), absent, and held."""
        return self.annotate(
            attended_count=ATTENDED,
            absent_count=F("marks_absent"),
            session_count=counted(Session.objects.all(), to="training_class", outer="training_class"),
        )

    def completed(self) -> EnrolmentQuerySet:
        """Confirmed trainees whose attended sessions reach their class's completion rule.

        Each class's rule becomes a number of sessions to attend (``sessions_needed``), read in one small
        query of the classes, and is compared with the trainee's stored counts: no mark is read.
        """
        classes = TrainingClass.objects.annotate(held=counted(Session.objects.all(), to="training_class"))
        needed = {
            pk: count
            for pk, held, percent in classes.values_list("pk", "held", "completion_percent")
            if (count := sessions_needed(held, percent)) is not None
        }
        if not needed:
            return self.none()
        threshold = Case(
            *(When(training_class=pk, then=Value(count)) for pk, count in needed.items()),
            output_field=models.IntegerField(),
        )
        return self.confirmed().alias(attended=ATTENDED, needed=threshold).filter(attended__gte=F("needed"))


def sessions_needed(sessions: int, percent: int) -> int | None:
    """Sessions to attend for a class of ``sessions`` sessions and a completion rule of ``percent``.

    The smallest whole number n with n × 100 ≥ percent × sessions, so 80% of 5 sessions is exactly 4. A
    class without sessions cannot be completed (``None``).
    """
    return -(-sessions * percent // 100) if sessions else None


class Enrolment(models.Model):
    """A person nominated by their agency for a class (cử đi học), confirmed or declined by Home Affairs."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="enrolments"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="enrolments"
    )
    # The nominating agency, kept even if the person later moves: scoping and coverage follow it.
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="training_enrolments"
    )
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.NOMINATED
    )
    decline_reason = models.TextField(_("reason for declining"), max_length=NOTE_LENGTH, blank=True)
    nominated_by = actor_field(_("nominated by"))
    nominated_at = models.DateTimeField(_("nominated at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The trainee's marks counted by status, kept by ``attendance_recount`` whenever marks are written, so
    # that completion and attendance rates of classes of thousands never count marks one by one. They
    # are derived from the marks (which keep their own history), so they are not history themselves.
    marks_present = models.PositiveIntegerField(_("sessions present"), default=0, editable=False)
    marks_late = models.PositiveIntegerField(_("sessions late"), default=0, editable=False)
    marks_excused = models.PositiveIntegerField(_("sessions excused"), default=0, editable=False)
    marks_absent = models.PositiveIntegerField(_("sessions absent"), default=0, editable=False)
    history = HistoricalRecords(
        excluded_fields=["marks_present", "marks_late", "marks_excused", "marks_absent"]
    )
    # Seen by the nominating agency and the organiser, who runs the roster; changed (withdrawn) by the
    # nominating agency; decided on by Home Affairs alone.
    # Marked by the organiser and, where the class lets each agency mark its own, by the trainee's agency.
    reach = Reach(
        read=("agency", "training_class__organiser"),
        write=("agency",),
        actions={
            "decide": HOME_AFFAIRS,
            "mark": (
                "training_class__organiser",
                Where("agency", training_class__attendance_by=AttendanceBy.AGENCIES),
            ),
        },
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["agency__display_order", "person__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "person"], name="enrolment_once_per_class"),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.DECLINED) | ~Q(decline_reason=""),
                name="enrolment_declined_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["training_class", "status"]),
            models.Index(fields=["agency", "status"]),
            # A class's sheet, agency by agency in the register's order, reads only the page it shows.
            models.Index(fields=["training_class", "agency", "status"], name="enrolment_class_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.training_class}"

    def clean(self) -> None:
        if self.status == EnrolmentStatus.DECLINED and not self.decline_reason.strip():
            raise ValidationError({"decline_reason": _("Give the reason for declining.")})


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """One trainee's attendance at one session (điểm danh)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = actor_field(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords()
    reach = Reach(
        read=("enrolment__agency", "enrolment__training_class__organiser"),
        write=(
            "session__training_class__organiser",
            Where("enrolment__agency", session__training_class__attendance_by=AttendanceBy.AGENCIES),
        ),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once_per_session"),
        ]
        # A session's marks are counted by status on the class page, for classes of thousands.
        indexes = [models.Index(fields=["session", "status"], name="attendance_by_session_status")]

    def __str__(self) -> str:
        return f"{self.enrolment.person} – {self.session}: {self.get_status_display()}"


class Certificate(models.Model):
    """A certificate of completion (giấy chứng nhận) with a public verification code.

    Name, class and dates are copied at issue, so the public page shows what was certified even if the
    registers change later.
    """

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    agency_name = models.CharField(_("agency"), max_length=255)
    class_title = models.CharField(_("class"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    organiser_name = models.CharField(_("organising agency"), max_length=255)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = actor_field(_("issued by"))
    history = HistoricalRecords()
    reach = Reach(
        read=("enrolment__agency", "enrolment__training_class__organiser"),
        write=("enrolment__training_class__organiser",),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "pk"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("training:certificate_detail", args=[self.pk])

    def get_verification_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])
