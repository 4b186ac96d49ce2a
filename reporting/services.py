"""Writes of the yearly report: the report itself, and the versions generated, retried and submitted.

Generation is a job with a row (``ReportVersion``): it is claimed with a conditional update, so a second
click, a message delivered twice or a retried task does the work once; its progress is committed outside the
work so the page can show it; its files are written first and the row marked generated in one update, so a
version is never half-written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import timedelta
from enum import Enum
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dancoso.accounts.access import is_province_admin
from dancoso.agencies.models import Province
from dancoso.core.audit import assign, audited_delete, audited_save, record_history
from dancoso.measures import MEASURES
from dancoso.periods import Period
from reporting import drafting, sentences, snapshot
from reporting.checks import Gap, submission_gaps
from reporting.documents.docx import build_docx
from reporting.documents.meta import DocumentMeta, Narrative, Signer
from reporting.documents.pdf import PdfConversionError, convert_to_pdf
from reporting.documents.xlsx import build_xlsx
from reporting.drafting import Draft
from reporting.models import (
    IN_PROGRESS,
    AnnualReport,
    ReportVersion,
    SentenceTemplate,
    VersionStatus,
    version_path,
)

logger = logging.getLogger(__name__)

# The fields of the report's header and narrative, in the order their forms show them.
HEADER_FIELDS = (
    "period_start",
    "period_end",
    "number",
    "symbol",
    "issuing_body",
    "place",
    "report_date",
    "signer_on_behalf",
    "signer_deputy",
    "signer_title",
    "signer_name",
    "recipients",
)
NARRATIVE_TEXTS = ("leadership", "strengths", "shortcomings", "causes", "next_year_tasks", "proposals")
# The comments on each measure are stored together, one per measure key.
NARRATIVE_FIELDS = (*NARRATIVE_TEXTS, "measure_comments")
# The period is fixed once a version exists: its figures were taken for those dates.
PERIOD_FIELDS = frozenset({"period_start", "period_end"})


class QueueUnavailable(Exception):
    """The task queue (Redis) cannot be reached; the version is marked failed with the reason."""


class Outcome(Enum):
    DONE = "done"
    DUPLICATE = "duplicate"  # another delivery already did (or is doing) the work
    BUSY = "busy"  # another worker holds the job and is alive; try again later


def _require_admin(actor: Any) -> None:
    if not is_province_admin(actor):
        raise PermissionDenied(_("Only the Department of Home Affairs generates and submits the report."))


@transaction.atomic
def report_ensure(*, year: int, actor: Any) -> AnnualReport:
    """The report of a year, created with the defaults of the province and the reporting period."""
    _require_admin(actor)
    report = AnnualReport.objects.filter(year=year).first()
    if report is not None:
        return report
    province = Province.current()
    name = province.name if province else ""
    period = Period(year)
    report = AnnualReport(
        year=year,
        period_start=period.start,
        period_end=period.end,
        issuing_body=f"ỦY BAN NHÂN DÂN TỈNH {name.upper()}".strip(),
        place=name,
        report_date=timezone.localdate(),
    )
    return audited_save(report, actor=actor)


@transaction.atomic
def report_update(*, report: AnnualReport, actor: Any, **changes: Any) -> AnnualReport:
    """Change the header or the narrative; the data period only while no version has been generated."""
    _require_admin(actor)
    period_changed = any(
        name in PERIOD_FIELDS and getattr(report, name) != value for name, value in changes.items()
    )
    if period_changed and report.versions.exists():
        raise ValidationError(_("The data period is fixed once a version has been generated."))
    assign(report, changes, (*HEADER_FIELDS, *NARRATIVE_FIELDS))
    return audited_save(report, actor=actor)


def sentence_texts() -> dict[str, str]:
    """The sentence texts Home Affairs changed (``SentenceTemplate``), by key; others are the catalogue's."""
    return dict(SentenceTemplate.objects.values_list("key", "text"))


def report_draft(report: AnnualReport) -> Draft:
    """The narrative the portal proposes from the report's figures as they stand now (cached registry)."""
    return drafting.draft(snapshot.take(Period(report.year)), sentence_texts())


@transaction.atomic
def report_fill_drafts(*, report: AnnualReport, actor: Any) -> list[str]:
    """Write the drafted text into every drafted part that is still empty; the names of the parts filled."""
    _require_admin(actor)
    drafted = report_draft(report)
    comments = dict(report.measure_comments or {})
    filled = []
    for key, text in drafted.measures.items():
        if text and not (comments.get(key) or "").strip():
            comments[key] = text
            filled.append(f"measure_{key}")
    changes: dict[str, Any] = {"measure_comments": comments}
    for name, text in (
        ("strengths", drafted.strengths),
        ("shortcomings", drafted.shortcomings),
        ("next_year_tasks", drafted.next_year),
    ):
        if text and not getattr(report, name).strip():
            changes[name] = text
            filled.append(name)
    if filled:
        report._change_reason = _("Drafted text filled in from the figures")
        report_update(report=report, actor=actor, **changes)
    return filled


@transaction.atomic
def sentences_update(*, texts: Mapping[str, str], actor: Any) -> int:
    """Save Home Affairs' texts of the drafting sentences; a text equal to the catalogue's drops the row."""
    _require_admin(actor)
    changed = 0
    for key, text in texts.items():
        sentence = sentences.BY_KEY[key]
        row = SentenceTemplate.objects.filter(key=key).first()
        if text == sentence.default:
            if row is not None:
                audited_delete(row, actor=actor)
                changed += 1
            continue
        if row is None:
            row = SentenceTemplate(key=key)
        elif row.text == text:
            continue
        row.text = text
        audited_save(row, actor=actor)
        changed += 1
    return changed


def document_meta(report: AnnualReport) -> DocumentMeta:
    """The header and narrative of the documents, as the report reads now."""
    province = Province.current()
    comments = report.measure_comments or {}
    return DocumentMeta(
        province=province.name if province else report.place,
        issuing_body=report.issuing_body,
        number=report.number,
        symbol=report.symbol,
        place=report.place,
        date=report.report_date,
        year=report.year,
        resolution_number=province.resolution_number if province else "",
        resolution_date=province.resolution_date if province else None,
        signer=Signer(report.signer_on_behalf, report.signer_deputy, report.signer_title, report.signer_name),
        recipients=tuple(line.strip() for line in report.recipients.splitlines() if line.strip()),
        narrative=Narrative(
            leadership=report.leadership,
            measures={m.key: comments.get(m.key, "") for m in MEASURES},
            strengths=report.strengths,
            shortcomings=report.shortcomings,
            causes=report.causes,
            next_year=report.next_year_tasks,
            proposals=report.proposals,
        ),
    )


def version_request(*, report: AnnualReport, actor: Any) -> ReportVersion:
    """Ask for a new version and queue its generation; while one is queued or generating, return that one."""
    _require_admin(actor)
    version, created = _create_version(report, actor)
    if created:
        _enqueue(version, actor=actor)
    return version


@transaction.atomic
def _create_version(report: AnnualReport, actor: Any) -> tuple[ReportVersion, bool]:
    AnnualReport.objects.select_for_update().get(pk=report.pk)
    running = report.versions.filter(status__in=IN_PROGRESS).first()
    if running is not None:
        return running, False
    number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = ReportVersion(
        report=report, number=number, requested_by=actor, meta=document_meta(report).to_json()
    )
    version._history_user = actor
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        # Another request created one between our read and our write: the constraint kept it to one.
        return report.versions.get(status__in=IN_PROGRESS), False
    return version, True


def _enqueue(version: ReportVersion, *, actor: Any) -> None:
    """Send the job to the queue; if the queue is down, the version says so and can be retried."""
    from reporting.tasks import generate_report_version

    try:
        generate_report_version.delay(version.pk)
    except Exception as exc:  # kombu raises OperationalError, redis-py ConnectionError, OSError…
        logger.warning("Cannot queue report version %s: %s", version.pk, exc)
        reason = _("The task queue cannot be reached; try again in a few minutes or ask the administrator.")
        if ReportVersion.objects.filter(pk=version.pk, status=VersionStatus.QUEUED).update(
            status=VersionStatus.FAILED, error=reason, finished_at=timezone.now()
        ):
            record_history([version], actor=actor, reason=reason)
        raise QueueUnavailable(reason) from exc


def version_retry(*, version: ReportVersion, actor: Any) -> ReportVersion:
    """Queue a failed version again (same number, same header and narrative, figures taken afresh)."""
    _require_admin(actor)
    try:
        with transaction.atomic():
            claimed = ReportVersion.objects.filter(pk=version.pk, status=VersionStatus.FAILED).update(
                status=VersionStatus.QUEUED, error="", progress=0, stage=""
            )
    except IntegrityError:
        raise ValidationError(_("Another version of this report is being generated; wait for it.")) from None
    if not claimed:
        raise ValidationError(_("Only a failed version can be retried."))
    record_history([version], actor=actor, reason=_("Retried"))
    _enqueue(version, actor=actor)
    return version


def version_gaps(version: ReportVersion) -> list[Gap]:
    """What the version lacks before submission (``reporting.checks``); nothing before it is generated."""
    if not version.has_files or not version.meta:
        return []
    return submission_gaps(DocumentMeta.from_json(version.meta), version.figures or {})


@transaction.atomic
def version_submit(
    *,
    version: ReportVersion,
    actor: Any,
    public: bool = False,
    accepted: Mapping[str, str] | None = None,
) -> ReportVersion:
    """Submit a generated version to the People's Council; from then on it never changes.

    Refused while the version lacks something (``version_gaps``) that is neither fixed nor, where it may
    be, accepted as empty with a reason (``accepted``: gap code → reason). The reasons stay with the
    version and in its history.
    """
    _require_admin(actor)
    if version.report.versions.filter(status=VersionStatus.SUBMITTED).exists():
        raise ValidationError(_("A version of this report has already been submitted."))
    # As stored: the caller's copy may predate its generation.
    version.refresh_from_db()
    reasons = {code: reason.strip() for code, reason in (accepted or {}).items() if reason.strip()}
    gaps = version_gaps(version)
    blocking = [gap.message for gap in gaps if not gap.acceptable or gap.code not in reasons]
    if blocking:
        raise ValidationError([_("The version cannot be submitted yet:"), *blocking])
    kept = [{"code": gap.code, "message": gap.message, "reason": reasons[gap.code]} for gap in gaps]
    submitted = ReportVersion.objects.filter(pk=version.pk, status=VersionStatus.GENERATED).update(
        status=VersionStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=actor,
        is_public=public,
        accepted_gaps=kept,
    )
    if not submitted:
        raise ValidationError(_("Only a generated version can be submitted."))
    record_history([version], actor=actor, reason=_("Submitted to the People's Council"))
    return version


@transaction.atomic
def version_publish(*, version: ReportVersion, actor: Any, public: bool) -> ReportVersion:
    """Show or hide a submitted version on the public portal (its content stays as submitted)."""
    _require_admin(actor)
    if version.status != VersionStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted version can be published."))
    ReportVersion.objects.filter(pk=version.pk).update(is_public=public)
    reason = _("Published on the public portal") if public else _("Withdrawn from the public portal")
    record_history([version], actor=actor, reason=reason)
    return version


def versions_reap(*, now: Any = None) -> int:
    """Mark failed the versions whose worker stopped giving signs of life (killed, machine restarted).

    A version is never left "generating" for ever: the page offers a retry.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    error = _("Generation was interrupted (the background worker stopped). Retry to generate it again.")
    reaped = []
    for version in ReportVersion.objects.filter(status=VersionStatus.GENERATING, heartbeat_at__lt=stale):
        if ReportVersion.objects.filter(
            pk=version.pk, status=VersionStatus.GENERATING, heartbeat_at__lt=stale
        ).update(status=VersionStatus.FAILED, error=error, finished_at=now):
            reaped.append(version)
    record_history(reaped, actor=None, reason=_("Interrupted"))
    return len(reaped)


def reap_if_stale(versions: list[ReportVersion]) -> bool:
    """Reap when one of the versions a page shows has stopped giving signs of life (no write otherwise)."""
    stale = timezone.now() - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    if not any(
        v.status == VersionStatus.GENERATING and v.heartbeat_at and v.heartbeat_at < stale for v in versions
    ):
        return False
    versions_reap()
    for version in versions:
        version.refresh_from_db()
    return True


def _claim(version_id: int) -> Outcome | None:
    """Take the job: a queued version, or one whose worker died (no sign of life for a while)."""
    now = timezone.now()
    fields = {"status": VersionStatus.GENERATING, "started_at": now, "heartbeat_at": now, "progress": 0}
    if ReportVersion.objects.filter(pk=version_id, status=VersionStatus.QUEUED).update(
        **fields, attempts=F("attempts") + 1
    ):
        return None
    stale = now - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    if ReportVersion.objects.filter(
        pk=version_id, status=VersionStatus.GENERATING, heartbeat_at__lt=stale
    ).update(**fields, attempts=F("attempts") + 1):
        return None
    generating = ReportVersion.objects.filter(pk=version_id, status=VersionStatus.GENERATING).exists()
    return Outcome.BUSY if generating else Outcome.DUPLICATE


def _progress(version_id: int, percent: int, stage: str) -> None:
    """Commit the progress at once (autocommit, outside any work transaction) so the page sees it."""
    ReportVersion.objects.filter(pk=version_id, status=VersionStatus.GENERATING).update(
        progress=percent, stage=stage, heartbeat_at=timezone.now()
    )
    # A pause between stages, set only for fault drills (killing a worker mid-generation); 0 otherwise.
    if settings.REPORT_STAGE_PAUSE:
        time.sleep(settings.REPORT_STAGE_PAUSE)


def version_generate(*, version_id: int) -> Outcome:
    """Generate a claimed version.

    Steps: claim the job; take the snapshot of every figure (this year and the year before); build the
    DOCX, the XLSX appendix and, where LibreOffice is installed, the PDF, reporting progress after each;
    write the files; mark the version generated in one conditional update. Any error marks it failed with
    the reason, and the files already written are removed.
    """
    outcome = _claim(version_id)
    if outcome is not None:
        return outcome
    written: list[str] = []
    try:
        _run(version_id, written)
    except Exception as exc:
        logger.exception("Report version %s failed", version_id)
        _fail(version_id, exc, written)
    return Outcome.DONE


def _run(version_id: int, written: list[str]) -> None:
    version = ReportVersion.objects.select_related("report").get(pk=version_id)
    _progress(version_id, 5, _("Collecting the figures"))
    figures = snapshot.take(Period(version.report.year))
    meta = DocumentMeta.from_json(version.meta)
    _progress(version_id, 40, _("Writing the Word document"))
    files = {"docx": build_docx(figures, meta)}
    _progress(version_id, 60, _("Writing the Excel appendix"))
    files["xlsx"] = build_xlsx(figures, meta)
    _progress(version_id, 75, _("Converting to PDF"))
    pdf, pdf_note = _pdf(files["docx"])
    if pdf is not None:
        files["pdf"] = pdf
    _progress(version_id, 95, _("Saving the files"))
    names = {kind: _write(version, kind, content, written) for kind, content in files.items()}
    done = ReportVersion.objects.filter(pk=version_id, status=VersionStatus.GENERATING).update(
        status=VersionStatus.GENERATED,
        progress=100,
        stage="",
        figures=figures,
        pdf_note=pdf_note,
        finished_at=timezone.now(),
        **names,
    )
    if not done:
        raise RuntimeError(_("The version was no longer being generated (it was stopped meanwhile)."))
    record_history([version], actor=None, reason=_("Generated"))


def _pdf(docx: bytes) -> tuple[bytes | None, str]:
    try:
        pdf = convert_to_pdf(docx)
    except PdfConversionError as exc:
        return None, _("The PDF could not be made: %(reason)s") % {"reason": exc}
    if pdf is None:
        return None, _("PDF is unavailable: LibreOffice is not installed on the server.")
    return pdf, ""


def _write(version: ReportVersion, kind: str, content: bytes, written: list[str]) -> str:
    """Save one file under a fresh name (a retry never overwrites what a reader may be downloading)."""
    name = f"bao-cao-{version.report.year}-v{version.number}-lan{version.attempts}.{kind}"
    stored = default_storage.save(version_path(version, name), ContentFile(content))
    written.append(stored)
    return stored


def _fail(version_id: int, exc: Exception, written: list[str]) -> None:
    for name in written:
        default_storage.delete(name)
    error = _("Generation failed: %(reason)s") % {"reason": exc}
    if ReportVersion.objects.filter(pk=version_id, status=VersionStatus.GENERATING).update(
        status=VersionStatus.FAILED, error=error, finished_at=timezone.now()
    ):
        record_history(ReportVersion.objects.filter(pk=version_id), actor=None, reason=_("Failed"))


def report_generate_for_year(*, year: int, actor: Any) -> ReportVersion:
    """Create the report of a year if needed and request a version (the schedule and the command use it)."""
    report = report_ensure(year=year, actor=actor)
    return version_request(report=report, actor=actor)


def system_actor() -> Any:
    """The account scheduled jobs act as: the first active Home Affairs administrator (history names them)."""
    from dancoso.accounts.models import Role, User

    actor = (
        User.objects.filter(is_active=True, role=Role.PROVINCE_ADMIN).order_by("pk").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    )
    if actor is None:
        raise ValidationError(_("No active Home Affairs administrator exists to act for the schedule."))
    return actor
