"""Pages of the yearly report: Home Affairs writes and generates, the Council reads what was submitted."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from dancoso.periods import current_period
from reporting import services
from reporting.models import AnnualReport, ReportVersion, VersionStatus
from reporting.tasks import generate_report_version
from tests.reporting.conftest import NO_CLASS


def _generate(client, report):
    return client.post(reverse("reporting:report_generate", args=[report.year]))


def test_home_affairs_starts_the_report_of_a_year(client_for, admin_user, province):
    response = client_for(admin_user).post(reverse("reporting:report_list"), {"year": "2026"})
    assert response.status_code == 302
    report = AnnualReport.objects.get(year=2026)
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == ("2025-12-15", "2026-12-14")
    assert report.issuing_body == "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"


def test_narrative_is_saved_and_goes_into_the_document(client_for, admin_user, report):
    client = client_for(admin_user)
    data = {
        "leadership": "UBND tỉnh ban hành Kế hoạch số 45/KH-UBND.",
        "measure_training": "Tổ chức 2 lớp bồi dưỡng cho cán bộ phụ trách.",
        "strengths": "Các cơ quan quan tâm.",
        "shortcomings": "",
        "causes": "",
        "next_year_tasks": "Tiếp tục bồi dưỡng.",
        "proposals": "",
    }
    response = client.post(reverse("reporting:report_narrative", args=[report.year]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.measure_comments["training"] == "Tổ chức 2 lớp bồi dưỡng cho cán bộ phụ trách."
    response = _generate(client, report)
    version = ReportVersion.objects.get()
    assert response["Location"] == version.get_absolute_url()
    text = "\n".join(p.text for p in Document(BytesIO(version.docx.read())).paragraphs)
    assert "Kế hoạch số 45/KH-UBND" in text and "Tổ chức 2 lớp bồi dưỡng" in text


def test_header_form_refuses_a_period_that_ends_before_it_starts(client_for, admin_user, report):
    data = {
        "period_start": "15/12/2025",
        "period_end": "01/12/2025",
        "number": "125",
        "symbol": "BC-UBND",
        "issuing_body": report.issuing_body,
        "place": "Bắc Giang",
        "report_date": "05/12/2026",
        "signer_on_behalf": "TM. ỦY BAN NHÂN DÂN",
        "signer_deputy": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Người Ký",
        "recipients": "Thường trực HĐND tỉnh",
    }
    response = client_for(admin_user).post(reverse("reporting:report_header", args=[report.year]), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn Người Ký" in content and "phải kết thúc sau" in content


def test_progress_partial_polls_while_generating_and_refreshes_when_done(
    client_for, admin_user, report, monkeypatch
):
    monkeypatch.setattr(generate_report_version, "delay", lambda pk: None)
    version = services.version_request(report=report, actor=admin_user)
    client = client_for(admin_user)
    url = reverse("reporting:version_progress", args=[version.pk])
    polling = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in polling.content.decode() and "HX-Refresh" not in polling
    services.version_generate(version_id=version.pk)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true" and 'data-testid="progress-done"' in done.content.decode()


def test_queue_down_gives_a_clear_message_and_the_site_keeps_serving(
    client_for, admin_user, report, monkeypatch
):
    def unreachable(pk):
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(generate_report_version, "delay", unreachable)
    client = client_for(admin_user)
    response = client.post(reverse("reporting:report_generate", args=[report.year]), follow=True)
    assert response.status_code == 200
    assert "hàng đợi" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 200


def test_council_sees_only_the_submitted_version(client_for, admin_user, council_user, report):
    first = services.version_request(report=report, actor=admin_user)
    second = services.version_request(report=report, actor=admin_user)
    services.version_submit(version=second, actor=admin_user, accepted=NO_CLASS)
    client = client_for(council_user)
    assert client.get(reverse("reporting:version_detail", args=[first.pk])).status_code == 404
    assert client.get(reverse("reporting:version_detail", args=[second.pk])).status_code == 200
    download = client.get(reverse("reporting:version_download", args=[second.pk, "docx"]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    listing = client.get(reverse("reporting:report_list")).content.decode()
    assert report.get_absolute_url() in listing


def test_council_sees_no_report_before_submission(client_for, admin_user, council_user, report):
    services.version_request(report=report, actor=admin_user)
    client = client_for(council_user)
    assert 'data-testid="no-reports"' in client.get(reverse("reporting:report_list")).content.decode()
    assert client.get(report.get_absolute_url()).status_code == 404


def test_staff_cannot_open_reports(client_for, staff_a, report):
    assert client_for(staff_a).get(reverse("reporting:report_list")).status_code == 403


def test_public_portal_lists_only_published_versions(client, admin_user, report):
    version = services.version_request(report=report, actor=admin_user)
    services.version_submit(version=version, actor=admin_user, accepted=NO_CLASS)
    assert "2026" not in client.get(reverse("public_reports:list")).content.decode()
    services.version_publish(version=version, actor=admin_user, public=True)
    assert client.get(reverse("public_reports:download", args=[version.pk, "docx"])).status_code == 200


def test_an_unknown_download_kind_is_not_found(client_for, admin_user, report):
    version = services.version_request(report=report, actor=admin_user)
    client = client_for(admin_user)
    assert client.get(reverse("reporting:version_download", args=[version.pk, "exe"])).status_code == 404


def test_generate_annual_report_command(admin_user, province, capsys):
    call_command("generate_annual_report", "--year", "2026")
    version = ReportVersion.objects.get(report__year=2026)
    assert version.status == VersionStatus.GENERATED
    assert "version 1: generated" in capsys.readouterr().out


@pytest.mark.parametrize("persona", ["leader_user", "council_user"])
def test_readers_cannot_generate(persona, request, client_for, report):
    client = client_for(request.getfixturevalue(persona))
    assert client.post(reverse("reporting:report_generate", args=[report.year])).status_code == 403
    assert not ReportVersion.objects.exists()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_report_pages_run_the_same_queries_for_one_and_five_versions(client_for, admin_user, report):
    client = client_for(admin_user)
    first = services.version_request(report=report, actor=admin_user)
    pages = [reverse("reporting:report_list"), report.get_absolute_url(), first.get_absolute_url()]
    one = [_queries(client, url) for url in pages]
    for _n in range(4):
        services.version_request(report=report, actor=admin_user)
    services.report_ensure(year=2025, actor=admin_user)
    five = [_queries(client, url) for url in pages]
    assert one == five


def _year_box(response) -> str:
    return re.search(r'<input[^>]*name="year"[^>]*>', response.content.decode()).group(0)


def test_the_year_box_offers_the_current_reporting_period(client_for, admin_user, province):
    response = client_for(admin_user).get(reverse("reporting:report_list"))
    assert f'value="{current_period().year}"' in _year_box(response)


@pytest.mark.parametrize("typed", ["1999", "20x6"])
def test_a_refused_year_is_shown_as_typed(client_for, admin_user, province, typed):
    """Neither is a year the portal reports on; the box keeps what was typed, not the default."""
    response = client_for(admin_user).post(reverse("reporting:report_list"), {"year": typed})
    assert response.status_code == 200 and response.context["form"].errors
    assert f'value="{typed}"' in _year_box(response)
