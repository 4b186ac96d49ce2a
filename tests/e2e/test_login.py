from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from dancoso.accounts.models import Role
from tests.factories import AgencyFactory, UserFactory

PASSWORD = "mat-khau-thu-nghiem-2024"


def test_agency_staff_logs_in_sees_agency_and_logs_out(live_server, page: Page):
    agency = AgencyFactory(name="Sở Tư pháp tỉnh Bắc Giang", short_name="Sở Tư pháp", code="STP")
    UserFactory(username="canbo.tuphap", full_name="Phạm Thu Trang", role=Role.AGENCY_STAFF, agency=agency)

    page.goto(f"{live_server.url}/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/"))
    page.get_by_label("Tên đăng nhập").fill("canbo.tuphap")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name="Tổng quan", level=1)).to_be_visible()
    page.get_by_role("button", name="Phạm Thu Trang").click()
    expect(page.get_by_test_id("user-agency")).to_have_text("Sở Tư pháp tỉnh Bắc Giang")
    expect(page.get_by_test_id("user-menu")).to_contain_text("Cán bộ cơ quan, đơn vị")

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Đăng nhập", exact=True)).to_be_visible()
