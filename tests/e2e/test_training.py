"""A class from nomination to a verified certificate, driven in Chromium as its users would."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from dancoso.accounts.models import Role
from tests.factories import (
    DemocracyOfficerFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainingClassFactory,
    UserFactory,
)
from training.models import Attendance, Certificate, Enrolment, TrainingClass

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem-2024"
NOMINEE = "Trần Minh Khoa"
COLLEAGUE = "Đỗ Thị Hạnh"
ABSENTEE = "Vũ Văn Tùng"
PRESENT_OTHER = "Lý Thị Mai"


@pytest.fixture
def class_ended_yesterday(home_affairs, agency_a, agency_b):
    """An open class of Home Affairs that ran from ten days ago to yesterday, in one session.

    Two trainees of other agencies are already confirmed; Sở Tư pháp has two eligible officials left.
    """
    today = timezone.localdate()
    start = today - dt.timedelta(days=10)
    training_class = TrainingClassFactory(
        plan__year=start.year,
        organiser=home_affairs,
        status="open",
        start_date=start,
        end_date=today - dt.timedelta(days=1),
        capacity=10,
        for_inspection_members=False,
    )
    SessionFactory(training_class=training_class, date=start)
    for name, agency in ((ABSENTEE, agency_b), (PRESENT_OTHER, home_affairs)):
        EnrolmentFactory(
            training_class=training_class, person=DemocracyOfficerFactory(full_name=name, agency=agency)
        )
    for name in (NOMINEE, COLLEAGUE):
        DemocracyOfficerFactory(full_name=name, agency=agency_a)
    return training_class


def _log_in(browser: Browser, base_url: str, username: str) -> Page:
    """A fresh browser context signed in through the real login form."""
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tổng quan", level=1)).to_be_visible()
    return page


def _nominate(page: Page, base_url: str, training_class: TrainingClass) -> None:
    page.goto(f"{base_url}{training_class.get_absolute_url()}")
    page.get_by_role("link", name="Cử cán bộ đi học").click()
    expect(page.get_by_role("heading", name="Cử cán bộ đi học", level=1)).to_be_visible()
    page.get_by_label(NOMINEE).check()
    page.get_by_role("button", name="Cử đi học", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/classes/{training_class.pk}/roster/$"))
    expect(page.get_by_text("Đã cử 1 cán bộ đi học.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=NOMINEE)).to_contain_text("Đã cử, chờ xác nhận")
    expect(page.get_by_role("row").filter(has_text=COLLEAGUE)).to_have_count(0)


def _confirm(page: Page, base_url: str, training_class: TrainingClass) -> None:
    page.goto(f"{base_url}/training/classes/{training_class.pk}/roster/")
    page.get_by_role("row").filter(has_text=NOMINEE).get_by_role("link", name="Xét duyệt").click()
    expect(page.get_by_role("heading", name="Xét duyệt đề nghị cử đi học", level=1)).to_be_visible()
    page.get_by_label("Xác nhận", exact=True).check()
    page.get_by_role("button", name="Lưu quyết định").click()
    expect(page.get_by_text(f"Đã lưu quyết định đối với {NOMINEE}.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=NOMINEE)).to_contain_text("Đã xác nhận")


def _take_attendance(page: Page, base_url: str, training_class: TrainingClass) -> None:
    """Everyone present with one click, then one trainee absent by keyboard; neither reloads the page."""
    page.goto(f"{base_url}{training_class.get_absolute_url()}")
    session_day = f"{training_class.start_date:%d/%m}"
    page.get_by_role("region", name="Buổi học").get_by_role("link", name=session_day).click()
    expect(page.get_by_test_id("trainee-row")).to_have_count(3)
    sheet_url = page.url
    # A full page load would drop this marker; an htmx swap keeps it.
    page.evaluate("window.noReload = true")

    page.get_by_role("button", name="Tất cả có mặt").click()
    expect(page.get_by_test_id("attendance-saved")).to_have_text("Đã đánh dấu có mặt cho 3 học viên.")
    expect(page).to_have_url(sheet_url)
    expect(page.get_by_role("radio", name="Có mặt", exact=True, checked=True)).to_have_count(3)

    row = page.get_by_test_id("trainee-row").filter(has_text=ABSENTEE)
    row.get_by_role("radio", name="Có mặt", exact=True).focus()
    # In a radio group the arrow keys move and check; from the first choice, Left wraps round to the last.
    page.keyboard.press("ArrowLeft")
    expect(row.get_by_test_id("row-saved")).to_have_text("Đã lưu")
    expect(row.get_by_role("radio", name="Vắng", exact=True)).to_be_checked()
    expect(page).to_have_url(sheet_url)
    assert page.evaluate("window.noReload") is True

    page.reload()
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("Có mặt: 2")
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("Vắng: 1")
    expect(
        page.get_by_test_id("trainee-row")
        .filter(has_text=ABSENTEE)
        .get_by_role("radio", name="Vắng", exact=True)
    ).to_be_checked()


def _finish_and_issue(page: Page, base_url: str, training_class: TrainingClass) -> str:
    """Set the class to finished through its edit form, issue certificates, and return the nominee's code."""
    page.goto(f"{base_url}{training_class.get_absolute_url()}")
    page.get_by_role("link", name="Sửa", exact=True).click()
    page.get_by_label("Trạng thái").select_option(label="Đã kết thúc")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu các thay đổi.")).to_be_visible()
    expect(page.get_by_role("heading", name=training_class.title, level=1)).to_be_visible()

    page.get_by_role("button", name="Cấp giấy chứng nhận").click()
    expect(page.get_by_text("Đã cấp 2 giấy chứng nhận.")).to_be_visible()
    certificates = page.get_by_role("region", name="Giấy chứng nhận hoàn thành")
    expect(certificates.get_by_role("row").filter(has_text=ABSENTEE)).to_have_count(0)
    expect(certificates.get_by_role("row").filter(has_text=PRESENT_OTHER)).to_have_count(1)
    return certificates.get_by_role("row").filter(has_text=NOMINEE).locator("code").inner_text()


def test_class_from_nomination_to_verified_certificate(
    live_server, browser: Browser, class_ended_yesterday, agency_a, admin_user
):
    base_url = live_server.url
    training_class = class_ended_yesterday
    UserFactory(username="canbo.tuphap", full_name="Phạm Thu Trang", role=Role.AGENCY_STAFF, agency=agency_a)

    staff = _log_in(browser, base_url, "canbo.tuphap")
    _nominate(staff, base_url, training_class)
    staff.context.close()
    home_affairs = _log_in(browser, base_url, "noivu")
    _confirm(home_affairs, base_url, training_class)
    _take_attendance(home_affairs, base_url, training_class)
    code = _finish_and_issue(home_affairs, base_url, training_class)
    home_affairs.context.close()

    nominee = Enrolment.objects.get(training_class=training_class, person__full_name=NOMINEE)
    assert nominee.status == "confirmed"
    assert nominee.nominated_by.username == "canbo.tuphap"
    assert Attendance.objects.get(enrolment__person__full_name=ABSENTEE).status == "absent"
    assert Certificate.objects.get(code=code).enrolment == nominee

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base_url}/portal/certificates/{code}/")
    expect(visitor.get_by_role("status")).to_contain_text(f"Giấy chứng nhận {code} có trong sổ đăng ký.")
    expect(visitor.get_by_text(NOMINEE, exact=True)).to_be_visible()
    expect(visitor.get_by_text(training_class.title, exact=True)).to_be_visible()

    visitor.goto(f"{base_url}/portal/certificates/ZZZZ-ZZZZ-ZZZZ/")
    expect(visitor.get_by_role("alert")).to_contain_text(
        "Mã ZZZZ-ZZZZ-ZZZZ không có trong sổ đăng ký giấy chứng nhận."
    )
    expect(visitor.get_by_text(NOMINEE)).to_have_count(0)
    visitor.context.close()
