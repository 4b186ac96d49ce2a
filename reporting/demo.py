"""Demo report: last year's report of the People's Committee, generated from the demo's figures, submitted
to the People's Council and shown on the public portal, so that the Council's demo account has a report
to read.

Safe to run twice: a year whose report has a submitted version is left alone. All writes go through the
reporting services, acting as the Home Affairs demo user; without a task queue the version is generated
in-process, and with one it is generated here all the same (the worker then finds it taken).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dancoso.accounts.models import User
from dancoso.periods import current_period
from reporting.models import AnnualReport, ReportVersion, VersionStatus
from reporting.services import (
    QueueUnavailable,
    report_ensure,
    report_fill_drafts,
    report_update,
    version_generate,
    version_request,
    version_submit,
)

ACTOR_USERNAME = "noivu"
# The signer is the demo's provincial leader.
HEADER = {"number": "356", "signer_name": "Trần Quang Minh"}
# The parts the office writes itself; the results, strengths, shortcomings and tasks are the portal's
# drafts from the figures (``report_fill_drafts``), accepted as they are.
NARRATIVE = {
    "leadership": (
        "UBND tỉnh ban hành kế hoạch triển khai Nghị quyết; các sở, ngành, UBND cấp huyện xây dựng kế "
        "hoạch của cơ quan, đơn vị và tổ chức quán triệt đến cán bộ, công chức, viên chức, người lao động.\n"
        "Sở Nội vụ chủ trì, phối hợp với Ủy ban MTTQ tỉnh tổ chức các lớp bồi dưỡng, theo dõi, đôn đốc "
        "và tổng hợp kết quả thực hiện Nghị quyết."
    ),
    "causes": (
        "Lịch công tác chuyên môn trùng với thời gian tổ chức lớp ở một số cơ quan, đơn vị; một số người "
        "đứng đầu chưa quan tâm cử người tham gia bồi dưỡng."
    ),
    "proposals": "Đề nghị HĐND tỉnh tiếp tục quan tâm bố trí kinh phí thực hiện Nghị quyết.",
}


def seed() -> dict[str, int]:
    """Last year's report, generated and submitted if it is not yet; how many reports and versions exist."""
    actor = User.objects.get(username=ACTOR_USERNAME)
    year = current_period().year - 1
    report = report_ensure(year=year, actor=actor)
    if not report.versions.filter(status=VersionStatus.SUBMITTED).exists():
        _submit(report, actor)
    return {
        "reports": AnnualReport.objects.count(),
        "submitted": ReportVersion.objects.filter(status=VersionStatus.SUBMITTED).count(),
    }


def _submit(report: AnnualReport, actor: User) -> None:
    if not report.versions.exists():
        report_date = min(report.period_end + dt.timedelta(days=1), timezone.localdate())
        report_update(report=report, actor=actor, report_date=report_date, **HEADER, **NARRATIVE)
        report_fill_drafts(report=report, actor=actor)
    version = report.versions.filter(status=VersionStatus.GENERATED).first()
    if version is None:
        try:
            version = version_request(report=report, actor=actor)
        except QueueUnavailable:
            return
        # Queued for a worker that may not be running: generated here, whoever claims it first.
        version_generate(version_id=version.pk)
        version.refresh_from_db()
    if version.status == VersionStatus.GENERATED:
        version_submit(version=version, actor=actor, public=True)
