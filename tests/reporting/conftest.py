"""Shared set-up of the reporting tests: the province, a report of 2026, media in a temporary folder."""

from __future__ import annotations

import datetime as dt

import pytest

from dancoso.measures import MEASURES
from reporting.services import report_ensure, report_update

# A report with nothing missing: the guard before submission lets it through.
COMPLETE = {
    "number": "125",
    "signer_name": "Nguyễn Văn An",
    "leadership": "UBND tỉnh ban hành kế hoạch triển khai Nghị quyết.",
    "strengths": "Các lớp được tổ chức đúng kế hoạch.",
    "shortcomings": "Một số cơ quan chưa cử đủ người.",
    "causes": "Lịch công tác trùng thời gian tổ chức lớp.",
    "next_year_tasks": "Tiếp tục tổ chức 01–02 lớp bồi dưỡng.",
    "proposals": "Đề nghị HĐND tỉnh quan tâm bố trí kinh phí.",
}


def complete(report, actor):
    """Record the resolution and write every part, so that a version of the report can be submitted."""
    from dancoso.agencies.models import Province

    Province.objects.update(resolution_number="12/2024/NQ-HĐND", resolution_date=dt.date(2024, 12, 10))
    return report_update(report=report, actor=actor, **COMPLETE)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def report(province, admin_user):
    return complete(report_ensure(year=2026, actor=admin_user), admin_user)


# The reasons a test gives for submitting a year whose parts have no figures (no training class, no plan …):
# one for every measure, so a measure whose app lands later is accepted the same way.
NO_CLASS = {f"figures.{measure.key}": f"Chưa có số liệu: {measure.heading}" for measure in MEASURES}
