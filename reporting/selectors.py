"""Reads of the yearly reports. Home Affairs sees every version; leaders and the People's Council see the
submitted one; the public portal shows a submitted version only when Home Affairs published it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dancoso.accounts.access import can_read_reports, get_or_404, is_province_admin
from reporting.models import AnnualReport, ReportVersion, VersionStatus


def can_manage_reports(user: Any) -> bool:
    return is_province_admin(user)


def _submitted(reports: QuerySet[AnnualReport]) -> QuerySet[AnnualReport]:
    submitted = ReportVersion.objects.filter(report=OuterRef("pk"), status=VersionStatus.SUBMITTED)
    return reports.filter(Exists(submitted))


def report_list(*, user: Any) -> QuerySet[AnnualReport]:
    reports = AnnualReport.objects.annotate(
        version_count=Count("versions"),
        submitted_count=Count("versions", filter=Q(versions__status=VersionStatus.SUBMITTED)),
    ).order_by("-year")
    if can_manage_reports(user):
        return reports
    return _submitted(reports) if can_read_reports(user) else reports.none()


def get_report_for_user(user: Any, year: Any) -> AnnualReport:
    return get_or_404(report_list(user=user), year=year)


def versions_for_user(user: Any, report: AnnualReport) -> QuerySet[ReportVersion]:
    versions = report.versions.select_related("requested_by", "submitted_by").order_by("-number")
    if can_manage_reports(user):
        return versions
    return versions.filter(status=VersionStatus.SUBMITTED) if can_read_reports(user) else versions.none()


def get_version_for_user(user: Any, pk: Any) -> ReportVersion:
    """A version the user may see: any for Home Affairs, the submitted one for leaders and the Council."""
    versions = ReportVersion.objects.select_related("report", "requested_by", "submitted_by")
    if not can_manage_reports(user):
        readable = can_read_reports(user)
        versions = versions.filter(status=VersionStatus.SUBMITTED) if readable else versions.none()
    return get_or_404(versions, pk=pk)


def public_versions() -> QuerySet[ReportVersion]:
    submitted = ReportVersion.objects.filter(status=VersionStatus.SUBMITTED, is_public=True)
    return submitted.select_related("report").order_by("-report__year")


def get_public_version(pk: Any) -> ReportVersion:
    return get_or_404(public_versions(), pk=pk)
