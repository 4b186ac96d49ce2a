"""What each role is for, in Chromium on the demo: agency staff mark their own trainees, the People's
Council oversees the whole province."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from dancoso.periods import current_period
from tests.e2e.test_layout import _log_in
from training.indicators import section
from training.models import ClassStatus, Enrolment

pytestmark = pytest.mark.e2e


def test_agency_staff_mark_their_own_trainee_in_a_class_of_many_agencies(demo, live_server, browser: Browser):
    trainee = (
        Enrolment.objects.confirmed()
        .filter(agency__code="STP", training_class__status=ClassStatus.RUNNING)
        .select_related("person", "training_class")
        .order_by("person__full_name")
        .first()
    )
    training_class = trainee.training_class
    session = training_class.sessions.filter(date__lt=timezone.localdate()).order_by("date").first()
    page = _log_in(browser, live_server.url, "canbo.tuphap")
    page.goto(f"{live_server.url}{training_class.get_absolute_url()}")
    expect(page.get_by_test_id("attendance-by")).to_contain_text(
        "mỗi cơ quan cũng điểm danh học viên của mình"
    )
    page.get_by_role("region", name="Buổi học").get_by_role("link", name=f"{session.date:%d/%m}").click()
    rows = page.get_by_test_id("trainee-row")
    expect(rows).to_have_count(training_class.enrolments.confirmed().filter(agency__code="STP").count())
    expect(page.get_by_test_id("attendance-read-only")).to_have_count(0)
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("Chưa điểm danh")

    row = rows.filter(has_text=trainee.person.full_name)
    row.get_by_role("radio", name="Vắng", exact=True).check()
    expect(row.get_by_test_id("row-saved")).to_have_text("Đã lưu")
    page.reload()
    row = page.get_by_test_id("trainee-row").filter(has_text=trainee.person.full_name)
    expect(row.get_by_role("radio", name="Vắng", exact=True)).to_be_checked()
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("Vắng: 1")


def test_a_reader_is_told_why_a_sheet_is_read_only(demo, live_server, browser: Browser):
    """The provincial leader reads the Front's class, which the Front alone marks, and is told so."""
    front_class = Enrolment.objects.filter(training_class__attendance_by="organiser").first().training_class
    session = front_class.sessions.order_by("date").first()
    page = _log_in(browser, live_server.url, "lanhdao")
    page.goto(f"{live_server.url}/training/sessions/{session.pk}/attendance/")
    notice = page.get_by_test_id("attendance-read-only")
    expect(notice).to_contain_text("Bạn chỉ được xem")
    expect(notice).to_contain_text(f"chỉ do đơn vị tổ chức ({front_class.organiser})")
    expect(page.get_by_role("button", name="Tất cả có mặt")).to_have_count(0)


def test_the_peoples_council_sees_the_provinces_training_figures(demo, live_server, browser: Browser):
    enrolled = section(current_period()).indicator("training.trainees_enrolled").value
    assert enrolled > 0
    page = _log_in(browser, live_server.url, "hdnd")
    figure = page.get_by_test_id("indicator-training.trainees_enrolled")
    expect(figure).to_contain_text(f"{enrolled}")
    expect(page.get_by_text("Chưa có cơ quan, đơn vị nào có số liệu")).to_have_count(0)
