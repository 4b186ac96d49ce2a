"""The yearly report of the People's Committee to the People's Council (Điều 3) and its versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach, can_read_reports
from dancoso.core.fields import NARRATIVE_LENGTH, NOTE_LENGTH, actor_field

# Who receives a report of the People's Committee to the People's Council (Nơi nhận): the Council's
# standing committee, its committees and deputies, the Committee's chair and vice-chairs, and the Department
# of Home Affairs, which drafts it. The default of every report; editable per report. ("Lưu: VT" is added by
# the document itself.)
DEFAULT_RECIPIENTS = "\n".join(
    [
        "Thường trực HĐND tỉnh",
        "Các Ban của HĐND tỉnh",
        "Đại biểu HĐND tỉnh",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
        "Sở Nội vụ",
    ]
)


class AnnualReport(models.Model):
    """One report per reporting year: its header, signer, recipients and the narrative Home Affairs writes."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    period_start = models.DateField(_("data from"))
    period_end = models.DateField(_("data until"))
    number = models.CharField(
        _("number"), max_length=20, blank=True, help_text=_("Leave empty to let the clerk write it by hand.")
    )
    symbol = models.CharField(_("symbol"), max_length=30, default="BC-UBND")
    issuing_body = models.CharField(_("issuing body"), max_length=150)
    place = models.CharField(_("place"), max_length=100)
    report_date = models.DateField(_("date of the report"))
    signer_on_behalf = models.CharField(_("on behalf of"), max_length=100, default="TM. ỦY BAN NHÂN DÂN")
    signer_deputy = models.CharField(_("signing for"), max_length=100, default="KT. CHỦ TỊCH", blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, default="PHÓ CHỦ TỊCH")
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    recipients = models.TextField(
        _("recipients"), max_length=NOTE_LENGTH, default=DEFAULT_RECIPIENTS, help_text=_("One per line.")
    )
    leadership = models.TextField(
        _("leadership, direction and implementation"), max_length=NARRATIVE_LENGTH, blank=True
    )
    measure_comments = models.JSONField(_("comments on each measure"), default=dict, blank=True)
    strengths = models.TextField(_("strengths"), max_length=NARRATIVE_LENGTH, blank=True)
    shortcomings = models.TextField(
        _("shortcomings and limitations"), max_length=NARRATIVE_LENGTH, blank=True
    )
    causes = models.TextField(_("causes"), max_length=NARRATIVE_LENGTH, blank=True)
    next_year_tasks = models.TextField(_("tasks for next year"), max_length=NARRATIVE_LENGTH, blank=True)
    proposals = models.TextField(_("proposals and recommendations"), max_length=NARRATIVE_LENGTH, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL, readers=can_read_reports)

    class Meta:
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gt=F("period_start")), name="report_period_order"),
        ]

    def __str__(self) -> str:
        return _("Report %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("reporting:report_detail", args=[self.year])

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            raise ValidationError({"period_end": _("The data period must end after it starts.")})


class VersionStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    GENERATING = "generating", _("Generating")
    GENERATED = "generated", _("Generated")
    FAILED = "failed", _("Failed")
    SUBMITTED = "submitted", _("Submitted")


# A version in one of these states is being worked on: asking again returns it instead of a new one.
IN_PROGRESS = (VersionStatus.QUEUED, VersionStatus.GENERATING)
# A version whose files exist and may be downloaded.
WITH_FILES = (VersionStatus.GENERATED, VersionStatus.SUBMITTED)


def version_path(instance: ReportVersion, filename: str) -> str:
    return f"reports/{instance.report.year}/v{instance.number}/{filename}"


class ReportVersion(models.Model):
    """One generation of a report: a snapshot of every figure and header, and the files built from it.

    A submitted version is read-only forever: its snapshot and files never change.
    """

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("report"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    meta = models.JSONField(_("header and narrative"), default=dict, blank=True)
    docx = models.FileField(_("Word document"), upload_to=version_path, blank=True)
    xlsx = models.FileField(_("Excel appendix"), upload_to=version_path, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=version_path, blank=True)
    pdf_note = models.CharField(_("PDF note"), max_length=255, blank=True)
    requested_by = actor_field(_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = actor_field(_("submitted by"))
    is_public = models.BooleanField(_("published on the public portal"), default=False)
    # What was knowingly left empty when the version was submitted, and why: [{"code", "message", "reason"}].
    accepted_gaps = models.JSONField(_("accepted as empty"), default=list, blank=True)
    # Who requested, retried, submitted or published a version, and when it was generated or failed. The
    # frozen figures and the worker's ticks (progress, stage, sign of life) are not history.
    history = HistoricalRecords(excluded_fields=["figures", "meta", "progress", "stage", "heartbeat_at"])
    reach = Reach(read=ALL, readers=can_read_reports)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number_unique"),
            # At most one version of a report is being generated at a time: a second click finds it.
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(status__in=["queued", "generating"]),
                name="report_one_version_in_progress",
            ),
            models.UniqueConstraint(
                fields=["report"], condition=Q(status="submitted"), name="report_one_version_submitted"
            ),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(status="submitted"), name="report_only_submitted_is_public"
            ),
        ]

    def __str__(self) -> str:
        return _("Report %(year)s, version %(number)s") % {"year": self.report.year, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("reporting:version_detail", args=[self.pk])

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def has_files(self) -> bool:
        return self.status in WITH_FILES


class SentenceTemplate(models.Model):
    """Home Affairs' own text of one sentence of the drafted narrative (``reporting.sentences``).

    A key without a row drafts with the catalogue's text; an empty text leaves the sentence out.
    """

    key = models.CharField(_("key"), max_length=100, unique=True)
    text = models.TextField(_("text"), max_length=NOTE_LENGTH, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL, readers=can_read_reports)

    class Meta:
        verbose_name = _("sentence template")
        verbose_name_plural = _("sentence templates")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
