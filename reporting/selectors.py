"""Reads of the yearly reports. Home Affairs sees every version; leaders and the People's Council see the
submitted one; the public portal shows a submitted version only when Home Affairs published it. Who reads
reports at all is declared on the models (``reach``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dancoso.accounts import access
from dancoso.accounts.access import get_or_404, is_province_admin
from reporting.models import AnnualReport, ReportVersion, VersionStatus


def _submitted(reports: QuerySet[AnnualReport]) -> QuerySet[AnnualReport]:
    submitted = ReportVersion.objects.filter(report=OuterRef("pk"), status=VersionStatus.SUBMITTED)
    return reports.filter(Exists(submitted))


def report_list(*, user: Any) -> QuerySet[AnnualReport]:
    reports = access.scope(AnnualReport.objects, user).annotate(
        version_count=Count("versions"),
        submitted_count=Count("versions", filter=Q(versions__status=VersionStatus.SUBMITTED)),
    )
    reports = reports.order_by("-year")
    return reports if is_province_admin(user) else _submitted(reports)


def get_report_for_user(user: Any, year: Any) -> AnnualReport:
    return get_or_404(report_list(user=user), year=year)


def has_versions(report: AnnualReport) -> bool:
    return report.versions.exists()


def _visible_versions(versions: QuerySet[ReportVersion], user: Any) -> QuerySet[ReportVersion]:
    """Home Affairs sees every version; the other readers of reports only the submitted one."""
    versions = access.scope(versions, user)
    return versions if is_province_admin(user) else versions.filter(status=VersionStatus.SUBMITTED)


def versions_for_user(user: Any, report: AnnualReport) -> QuerySet[ReportVersion]:
    versions = report.versions.select_related("requested_by", "submitted_by").order_by("-number")
    return _visible_versions(versions, user)


def get_version_for_user(user: Any, pk: Any) -> ReportVersion:
    """A version the user may see: any for Home Affairs, the submitted one for leaders and the Council."""
    versions = ReportVersion.objects.select_related("report", "requested_by", "submitted_by")
    return get_or_404(_visible_versions(versions, user), pk=pk)


def public_versions() -> QuerySet[ReportVersion]:
    submitted = ReportVersion.objects.filter(status=VersionStatus.SUBMITTED, is_public=True)
    return submitted.select_related("report").order_by("-report__year")


def get_public_version(pk: Any) -> ReportVersion:
    return get_or_404(public_versions(), pk=pk)
