"""A dissemination plan in Chromium: Sở Tư pháp's officer enters this year's plan with one activity, has it
approved, records the activity as held, and closes the plan; Home Affairs' matrix then counts it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from dancoso.periods import current_period
from propaganda.models import DisseminationPlan, PlanStatus
from tests.e2e.test_layout import _log_in

pytestmark = pytest.mark.e2e

TITLE = "Kế hoạch tuyên truyền Luật Thực hiện dân chủ ở cơ sở của Sở Tư pháp"
ACTIVITY = "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở cho công chức Sở"


def test_an_agency_officer_enters_a_plan_with_one_activity_and_records_it_done(
    live_server, browser: Browser, demo
):
    year = current_period().year
    today = f"{timezone.localdate():%d/%m/%Y}"
    page = _log_in(browser, live_server.url, "canbo.tuphap")
    page.get_by_role("button", name="Điều 1 – Các biện pháp").click()
    page.get_by_role("link", name="§2 Kế hoạch tuyên truyền, phổ biến").click()
    page.get_by_role("link", name="Thêm kế hoạch của năm nay").click()
    page.get_by_label("Năm").fill(str(year))
    page.get_by_label("Tên kế hoạch").fill(TITLE)
    page.get_by_label("Quyền, nghĩa vụ của công dân").check()
    page.get_by_label("Số văn bản phê duyệt").fill("15/KH-STP")
    # A bad date comes back with a Vietnamese message and everything typed kept.
    page.get_by_label("Ngày văn bản phê duyệt").fill("31/02/2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    expect(page.get_by_label("Tên kế hoạch")).to_have_value(TITLE)
    expect(page.get_by_label("Số văn bản phê duyệt")).to_have_value("15/KH-STP")
    page.get_by_label("Ngày văn bản phê duyệt").fill(today)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu kế hoạch.")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()

    page.get_by_role("link", name="Thêm hoạt động").click()
    page.get_by_label("Hình thức").select_option(label="Hội nghị")
    page.get_by_label("Nội dung").fill(ACTIVITY)
    page.get_by_label("Ngày dự kiến").fill(today)
    page.get_by_label("Đối tượng").select_option(label="Cán bộ, công chức, viên chức, người lao động")
    page.get_by_label("Số người dự kiến").fill("45")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu hoạt động.")).to_be_visible()
    page.get_by_role("button", name="Ghi nhận đã phê duyệt").click()
    expect(page.get_by_text("Kế hoạch đã chuyển sang: Đã phê duyệt.")).to_be_visible()

    page.get_by_role("link", name="Ghi nhận đã thực hiện").click()
    page.get_by_label("Ngày thực hiện").fill(today)
    page.get_by_label("Số người tham gia").fill("42")
    page.get_by_label("Kết quả").fill("42 công chức dự, thảo luận về quy chế dân chủ của Sở")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi nhận kết quả thực hiện hoạt động.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=ACTIVITY)
    expect(row).to_contain_text("42")
    page.get_by_role("button", name="Ghi nhận đã hoàn thành").click()
    expect(page.get_by_text("Kế hoạch đã chuyển sang: Đã hoàn thành.")).to_be_visible()
    page.context.close()

    plan = DisseminationPlan.objects.get(agency__code="STP", year=year)
    assert plan.status == PlanStatus.DONE and plan.activities.get().participants == 42

    home_affairs = _log_in(browser, live_server.url, "noivu")
    home_affairs.goto(f"{live_server.url}/propaganda/plans/matrix/?year={year}&q=Tư pháp")
    matrix_row = home_affairs.get_by_role("row").filter(has_text="Sở Tư pháp")
    expect(matrix_row).to_contain_text("42")
    home_affairs.context.close()
