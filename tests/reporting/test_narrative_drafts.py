"""The drafted narrative in the portal, the sentences Home Affairs edits, and one denominator everywhere."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from reporting import services
from reporting.models import ReportVersion, SentenceTemplate
from reporting.sentences import BY_KEY
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    DemocracyOfficerFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainingClassFactory,
)


@pytest.fixture
def year_with_a_class(home_affairs):
    """2026: agency A has two people to train, one trained; B has one, untrained; C has nobody to train.

    2025: one class with one trainee, for the comparison.
    """
    a, b = AgencyFactory(short_name="Sở A"), AgencyFactory(short_name="Sở B")
    AgencyFactory(short_name="Sở C")
    for year, trainees in ((2025, [a]), (2026, [a])):
        training_class = TrainingClassFactory(
            plan__year=year,
            organiser=home_affairs,
            start_date=dt.date(year, 5, 4),
            end_date=dt.date(year, 5, 6),
            status="finished",
        )
        session = SessionFactory(training_class=training_class, date=dt.date(year, 5, 4))
        for agency in trainees:
            enrolment = EnrolmentFactory(training_class=training_class, person__agency=agency)
            AttendanceFactory(session=session, enrolment=enrolment)
    DemocracyOfficerFactory(agency=a)
    DemocracyOfficerFactory(agency=b)
    return a, b


def test_the_narrative_page_shows_a_draft_under_each_drafted_part(
    client_for, admin_user, report, year_with_a_class
):
    page = (
        client_for(admin_user).get(reverse("reporting:report_narrative", args=[report.year])).content.decode()
    )
    for field in ("measure_training", "shortcomings", "next_year_tasks"):
        assert f'data-testid="draft-{field}"' in page
    assert "Trong năm 2026, tổ chức 1 lớp bồi dưỡng (bằng năm 2025)" in page
    assert "Sở B" in page  # the agency with nobody trained


def test_a_year_without_figures_says_there_is_nothing_to_draft(client_for, admin_user, report):
    page = (
        client_for(admin_user).get(reverse("reporting:report_narrative", args=[report.year])).content.decode()
    )
    assert "chưa có số liệu nên chưa có gì để dự thảo" in page
    assert 'data-testid="fill-drafts"' not in page


def test_filling_the_drafts_writes_only_the_empty_parts(client_for, admin_user, report, year_with_a_class):
    services.report_update(report=report, actor=admin_user, shortcomings="", next_year_tasks="")
    response = client_for(admin_user).post(reverse("reporting:report_fill_drafts", args=[report.year]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.measure_comments["training"].startswith("Trong năm 2026, tổ chức 1 lớp bồi dưỡng")
    assert "Còn 1 cơ quan, đơn vị có người phụ trách" in report.shortcomings
    assert "2027" in report.next_year_tasks
    # Written by the office: kept.
    assert report.strengths == "Các lớp được tổ chức đúng kế hoạch."
    assert report.history.first().history_change_reason == "Điền dự thảo từ số liệu"


def test_an_edited_sentence_drafts_the_next_narrative(client_for, admin_user, report, year_with_a_class):
    client = client_for(admin_user)
    url = reverse("reporting:sentences")
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["change.same"] = " (như năm {previous_year})"
    assert client.post(url, data).status_code == 302
    assert SentenceTemplate.objects.get().key == "change.same"
    assert "tổ chức 1 lớp bồi dưỡng (như năm 2025)" in services.report_draft(report).measures["training"]
    # Putting the catalogue's text back drops the office's own.
    data["change.same"] = BY_KEY["change.same"].default
    client.post(url, data)
    assert not SentenceTemplate.objects.exists()


def test_a_sentence_with_an_unknown_placeholder_is_refused_and_kept(client_for, admin_user, province):
    client = client_for(admin_user)
    url = reverse("reporting:sentences")
    data = {name: field.initial for name, field in client.get(url).context["form"].fields.items()}
    data["target.met"] = ", đạt {muc_tieu"
    data["change.same"] = " (bằng {nam_truoc})"
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and not SentenceTemplate.objects.exists()
    assert "Chỗ điền không có trong danh sách: {nam_truoc}" in page
    assert "Có dấu ngoặc nhọn chưa đóng" in page
    assert "(bằng {nam_truoc})" in page


def _cell_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".") or 0)


def test_the_coverage_rate_counts_the_same_agencies_in_body_appendix_and_dashboard(
    client_for, admin_user, report, year_with_a_class
):
    version = services.version_request(report=report, actor=admin_user)
    version = ReportVersion.objects.get(pk=version.pk)
    section = next(s for s in version.figures["sections"] if s["key"] == "training")
    values = {item["key"]: item["value"] for item in section["indicators"]}
    assert (values["training.agencies_with_officers"], values["training.agencies_trained"]) == (2, 1)
    assert values["training.agencies_trained_percent"] == 50.0

    # Appendix (XLSX): the agencies listed with people to train, and those of them with someone trained.
    sheet = load_workbook(BytesIO(version.xlsx.read()))["Biểu 1"]
    header = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "STT")
    officers = [
        header.index("Người được giao phụ trách dân chủ ở cơ sở"),
        header.index("Thành viên Ban Thanh tra nhân dân"),
    ]
    trained = header.index("Trong đó, đã được bồi dưỡng")
    rows = [row for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int) and row[1]]
    rows = [row for row in rows if row[1] != "Tổng cộng"]
    with_people = [row for row in rows if any(row[i] for i in officers)]
    assert len(with_people) == 2 and sum(1 for row in with_people if row[trained]) == 1

    # Body (DOCX): the figures table gives the same counts and rate.
    document = Document(BytesIO(version.docx.read()))
    cells = {row.cells[0].text: row.cells[1].text for table in document.tables for row in table.rows}
    assert cells[
        "Số cơ quan, đơn vị có người phụ trách công tác dân chủ hoặc thành viên Ban Thanh tra nhân dân"
    ].startswith("2 ")
    assert cells["Trong đó, số cơ quan, đơn vị đã có người được bồi dưỡng"].startswith("1 ")
    rate = next(
        text for label, text in cells.items() if label.startswith("Tỷ lệ cơ quan, đơn vị đã có người")
    )
    assert rate == "50,0%"

    # Dashboard: the same indicator, the same value.
    page = client_for(admin_user).get(reverse("dashboard") + "?year=2026").content.decode()
    block = re.search(r'data-testid="indicator-training.agencies_trained_percent">(.*?)</div>', page, re.S)
    assert block and "50,0%" in block.group(1)


def _queries(client, url):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the drafts are computed from the figures, not served from the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_narrative_and_sentences_pages_run_the_same_queries_whatever_the_data(
    client_for, admin_user, report, year_with_a_class
):
    client = client_for(admin_user)
    pages = [reverse("reporting:report_narrative", args=[report.year]), reverse("reporting:sentences")]
    small = [_queries(client, url) for url in pages]
    training_class = TrainingClassFactory(
        plan__year=2026, start_date=dt.date(2026, 6, 1), end_date=dt.date(2026, 6, 2), status="finished"
    )
    session = SessionFactory(training_class=training_class, date=dt.date(2026, 6, 1))
    for _n in range(6):
        agency = AgencyFactory()
        DemocracyOfficerFactory(agency=agency)
        enrolment = EnrolmentFactory(training_class=training_class, person__agency=agency)
        AttendanceFactory(session=session, enrolment=enrolment)
    SentenceTemplate.objects.create(key="change.same", text=" (như năm {previous_year})")
    assert [_queries(client, url) for url in pages] == small
