"""Generating, retrying and submitting versions: one version per request, never half-written, read-only once
submitted, only Home Affairs."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from reporting import services
from reporting.models import ReportVersion, VersionStatus
from reporting.tasks import generate_report_version
from tests.factories import AttendanceFactory, EnrolmentFactory, SessionFactory, TrainingClassFactory
from tests.reporting.conftest import NO_CLASS

# The tests' years have training figures and nothing else: the other parts' gaps are accepted.
NO_PLAN = {code: reason for code, reason in NO_CLASS.items() if code != "figures.training"}


def _training_class(start: dt.date, trainees: int = 2):
    """A class starting on ``start`` with ``trainees`` confirmed trainees present at its one session."""
    training_class = TrainingClassFactory(
        plan__year=start.year if start.month < 12 or start.day < 15 else start.year + 1,
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        status="finished",
    )
    session = SessionFactory(training_class=training_class, date=start)
    for _n in range(trainees):
        AttendanceFactory(session=session, enrolment=EnrolmentFactory(training_class=training_class))
    return training_class


def _training_figures(version: ReportVersion) -> dict[str, object]:
    section = next(s for s in version.figures["sections"] if s["key"] == "training")
    return {item["key"]: item["value"] for item in section["indicators"]}


def test_generation_makes_one_version_with_its_files(report, admin_user):
    _training_class(dt.date(2026, 5, 4))
    version = services.version_request(report=report, actor=admin_user)
    version.refresh_from_db()
    assert version.status == VersionStatus.GENERATED and version.progress == 100
    assert Document(BytesIO(version.docx.read())).paragraphs
    assert load_workbook(BytesIO(version.xlsx.read())).sheetnames
    assert version.meta["year"] == 2026 and version.figures["period"]["end"] == "2026-12-14"


def test_a_second_request_while_generating_returns_the_same_version(report, admin_user, monkeypatch):
    monkeypatch.setattr(generate_report_version, "delay", lambda pk: None)
    first = services.version_request(report=report, actor=admin_user)
    second = services.version_request(report=report, actor=admin_user)
    assert first.pk == second.pk
    assert ReportVersion.objects.count() == 1


def test_a_message_delivered_twice_does_the_work_once(report, admin_user, monkeypatch):
    monkeypatch.setattr(generate_report_version, "delay", lambda pk: None)
    version = services.version_request(report=report, actor=admin_user)
    assert services.version_generate(version_id=version.pk) is services.Outcome.DONE
    assert services.version_generate(version_id=version.pk) is services.Outcome.DUPLICATE
    version.refresh_from_db()
    assert version.attempts == 1 and version.status == VersionStatus.GENERATED
    assert ReportVersion.objects.count() == 1


def test_a_live_claim_makes_a_redelivery_wait_and_a_dead_one_is_taken_over(
    report, admin_user, monkeypatch, settings
):
    monkeypatch.setattr(generate_report_version, "delay", lambda pk: None)
    version = services.version_request(report=report, actor=admin_user)
    ReportVersion.objects.filter(pk=version.pk).update(
        status=VersionStatus.GENERATING, heartbeat_at=timezone.now()
    )
    assert services.version_generate(version_id=version.pk) is services.Outcome.BUSY
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORT_STALE_SECONDS + 1)
    ReportVersion.objects.filter(pk=version.pk).update(heartbeat_at=long_ago)
    assert services.version_generate(version_id=version.pk) is services.Outcome.DONE
    version.refresh_from_db()
    assert version.status == VersionStatus.GENERATED


def test_a_failure_is_recorded_with_its_reason_and_leaves_no_file(report, admin_user, monkeypatch, settings):
    def broken(figures, meta):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(services, "build_xlsx", broken)
    version = services.version_request(report=report, actor=admin_user)
    version.refresh_from_db()
    assert version.status == VersionStatus.FAILED and "ổ đĩa đầy" in version.error
    assert not version.docx and not version.xlsx
    assert [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] == []


def test_a_failed_version_is_retried_to_completion(report, admin_user, monkeypatch):
    original = services.build_xlsx
    monkeypatch.setattr(services, "build_xlsx", lambda figures, meta: 1 / 0)
    version = services.version_request(report=report, actor=admin_user)
    monkeypatch.setattr(services, "build_xlsx", original)
    services.version_retry(version=version, actor=admin_user)
    version.refresh_from_db()
    assert version.status == VersionStatus.GENERATED and version.attempts == 2 and version.error == ""


def test_a_stale_generating_version_is_reaped_as_failed(report, admin_user, monkeypatch, settings):
    monkeypatch.setattr(generate_report_version, "delay", lambda pk: None)
    version = services.version_request(report=report, actor=admin_user)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORT_STALE_SECONDS + 5)
    ReportVersion.objects.filter(pk=version.pk).update(status=VersionStatus.GENERATING, heartbeat_at=long_ago)
    assert services.versions_reap() == 1
    version.refresh_from_db()
    assert version.status == VersionStatus.FAILED and version.error


def test_queue_unreachable_marks_the_version_failed_with_a_clear_reason(report, admin_user, monkeypatch):
    def unreachable(pk):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(generate_report_version, "delay", unreachable)
    with pytest.raises(services.QueueUnavailable):
        services.version_request(report=report, actor=admin_user)
    version = ReportVersion.objects.get()
    assert version.status == VersionStatus.FAILED and "hàng đợi" in version.error


def test_a_submitted_version_never_changes_when_its_sources_are_edited(report, admin_user):
    training_class = _training_class(dt.date(2026, 5, 4), trainees=3)
    version = services.version_request(report=report, actor=admin_user)
    services.version_submit(version=version, actor=admin_user, accepted=NO_PLAN)
    version.refresh_from_db()
    figures, docx = version.figures, version.docx.read()
    EnrolmentFactory.create_batch(4, training_class=training_class)
    training_class.title = "Tên lớp đã sửa sau khi nộp"
    training_class.save()
    report.leadership = "Sửa phần chỉ đạo sau khi nộp"
    report.save()
    version.refresh_from_db()
    assert version.figures == figures and version.docx.read() == docx
    with pytest.raises(ValidationError):
        services.version_submit(version=version, actor=admin_user, accepted=NO_PLAN)


def test_a_record_of_14_december_counts_in_the_year_and_one_of_15_december_in_the_next(province, admin_user):
    _training_class(dt.date(2026, 12, 14), trainees=2)
    _training_class(dt.date(2026, 12, 15), trainees=5)
    this_year = services.version_request(
        report=services.report_ensure(year=2026, actor=admin_user), actor=admin_user
    )
    next_year = services.version_request(
        report=services.report_ensure(year=2027, actor=admin_user), actor=admin_user
    )
    for version in (this_year, next_year):
        version.refresh_from_db()
    enrolled = "training.trainees_enrolled"
    assert _training_figures(this_year)[enrolled] == 2
    assert _training_figures(next_year)[enrolled] == 5


@pytest.mark.parametrize("persona", ["leader_user", "council_user", "staff_a"])
def test_only_home_affairs_generates_and_submits(report, admin_user, persona, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.version_request(report=report, actor=user)
    version = services.version_request(report=report, actor=admin_user)
    with pytest.raises(PermissionDenied):
        services.version_submit(version=version, actor=user, accepted=NO_PLAN)
    with pytest.raises(PermissionDenied):
        services.report_update(report=report, actor=user, leadership="Không được sửa")


def test_the_period_is_fixed_once_a_version_exists(report, admin_user):
    services.report_update(report=report, actor=admin_user, period_start=dt.date(2025, 12, 1))
    services.version_request(report=report, actor=admin_user)
    with pytest.raises(ValidationError):
        services.report_update(report=report, actor=admin_user, period_start=dt.date(2025, 12, 15))


@pytest.mark.django_db
def test_a_new_report_goes_to_the_peoples_council_and_its_members(admin_user, province):
    """The default Nơi nhận is that of a report to the Council, not the resolution's own list."""
    from reporting.services import document_meta, report_ensure

    report = report_ensure(year=2026, actor=admin_user)
    assert document_meta(report).recipients == (
        "Thường trực HĐND tỉnh",
        "Các Ban của HĐND tỉnh",
        "Đại biểu HĐND tỉnh",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
        "Sở Nội vụ",
    )
